-- Core store of the walking skeleton. Geometry is kept in the survey CRS, EPSG:4549
-- (CGCS2000 3-degree Gauss-Kruger, CM 120E), so ST_Area gives the official planar area in m².
create extension if not exists postgis;

-- Life-cycle states, in the order a renewed plot passes through them. The colour is the map's.
create table life_cycle_state (
    code     text primary key,
    ordinal  int  not null unique,
    name_zh  text not null,
    name_en  text not null,
    colour   text not null check (colour ~ '^#[0-9a-f]{6}$')
);

insert into life_cycle_state (code, ordinal, name_zh, name_en, colour) values
    ('in_use',             1, '在用',     'In use',             '#9e9e9e'),
    ('low_efficiency',     2, '低效',     'Low-efficiency',     '#e53935'),
    ('vacating',           3, '腾退中',   'Vacating',           '#fb8c00'),
    ('vacated',            4, '腾空',     'Vacated',            '#fdd835'),
    ('stored',             5, '收储',     'Stored',             '#8e24aa'),
    ('prepared',           6, '净地',     'Prepared',           '#43a047'),
    ('supplied',           7, '已供地',   'Supplied',           '#1e88e5'),
    ('under_construction', 8, '在建',     'Under construction', '#00acc1'),
    ('completed',          9, '竣工',     'Completed',          '#3949ab'),
    ('in_production',     10, '投产',     'In production',      '#5d4037');

-- Land and sea use classification (国土空间调查、规划、用途管制用地用海分类指南, 2020).
create table land_use (
    code        text primary key,
    parent_code text references land_use (code),
    name_zh     text not null,
    name_en     text not null
);

insert into land_use (code, parent_code, name_zh, name_en) values
    ('01',     null,   '耕地',                 'Cropland'),
    ('03',     null,   '林地',                 'Forest land'),
    ('07',     null,   '居住用地',             'Residential'),
    ('0701',   '07',   '城镇住宅用地',         'Urban housing'),
    ('0703',   '07',   '农村宅基地',           'Rural homesteads'),
    ('08',     null,   '公共管理与公共服务用地', 'Public administration and services'),
    ('09',     null,   '商业服务业用地',       'Commercial and business services'),
    ('0901',   '09',   '商业用地',             'Commercial'),
    ('0902',   '09',   '商务金融用地',         'Business and finance'),
    ('10',     null,   '工矿用地',             'Industrial and mining'),
    ('1001',   '10',   '工业用地',             'Industrial'),
    ('100101', '1001', '一类工业用地',         'Class 1 industrial'),
    ('100102', '1001', '二类工业用地',         'Class 2 industrial'),
    ('100103', '1001', '三类工业用地',         'Class 3 industrial'),
    ('11',     null,   '仓储用地',             'Warehousing'),
    ('1101',   '11',   '物流仓储用地',         'Logistics and warehousing'),
    ('110101', '1101', '一类物流仓储用地',     'Class 1 logistics and warehousing'),
    ('110102', '1101', '二类物流仓储用地',     'Class 2 logistics and warehousing'),
    ('110103', '1101', '三类物流仓储用地',     'Class 3 logistics and warehousing'),
    ('1102',   '11',   '储备库用地',           'Strategic reserve storage'),
    ('12',     null,   '交通运输用地',         'Transport'),
    ('1207',   '12',   '城镇道路用地',         'Urban roads'),
    ('1208',   '12',   '交通场站用地',         'Transport stations'),
    ('13',     null,   '公用设施用地',         'Public utilities'),
    ('14',     null,   '绿地与开敞空间用地',   'Green and open space'),
    ('1401',   '14',   '公园绿地',             'Parks'),
    ('1402',   '14',   '防护绿地',             'Protective green'),
    ('1403',   '14',   '广场用地',             'Squares'),
    ('16',     null,   '留白用地',             'Reserved land'),
    ('17',     null,   '陆地水域',             'Inland water'),
    ('23',     null,   '其他土地',             'Other land');

-- Codes of the old urban land classification (GB 50137-2011) still found in plans and files.
create table land_use_legacy (
    legacy_code   text primary key,
    standard      text not null default 'GB 50137-2011',
    land_use_code text not null references land_use (code)
);

insert into land_use_legacy (legacy_code, land_use_code) values
    ('M',  '1001'), ('M1', '100101'), ('M2', '100102'), ('M3', '100103'),
    ('W',  '1101'), ('W1', '110101'), ('W2', '110102'), ('W3', '110103'),
    ('R',  '07'),   ('R2', '0701'),   ('B',  '09'),     ('B1', '0901'), ('B2', '0902'),
    ('A',  '08'),   ('S1', '1207'),   ('S4', '1208'),   ('U',  '13'),
    ('G',  '14'),   ('G1', '1401'),   ('G2', '1402'),   ('G3', '1403'), ('E1', '17');

create table zone (
    id         serial primary key,
    code       text not null unique check (code ~ '^[a-z0-9-]+$'),
    name       text not null,
    admin_code text not null check (admin_code ~ '^[0-9]{6}$'),
    boundary   geometry(MultiPolygon, 4549) not null check (ST_IsValid(boundary))
);

-- 区块: a named area inside a zone, the unit of renewal projects and reports.
create table block (
    id       serial primary key,
    zone_id  int  not null references zone (id),
    code     text not null check (code ~ '^[a-z0-9-]+$'),
    name     text not null,
    boundary geometry(MultiPolygon, 4549) not null check (ST_IsValid(boundary)),
    unique (zone_id, code)
);
create index block_boundary_idx on block using gist (boundary);

create table enterprise (
    id          serial primary key,
    -- 统一社会信用代码; the check digit is validated in Java (CreditCode) before any write.
    credit_code text not null unique check (credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$'),
    name        text not null,
    industry    text
);

-- 宗地: the unit of land rights. Exactly one life-cycle state at a time.
create table parcel (
    id             bigserial primary key,
    zone_id        int  not null references zone (id),
    block_id       int  references block (id),
    code           text not null,
    geom           geometry(MultiPolygon, 4549) not null check (ST_IsValid(geom) and not ST_IsEmpty(geom)),
    land_use_code  text not null references land_use (code),
    state          text not null references life_cycle_state (code),
    enterprise_id  int  references enterprise (id),
    lease_start    date,
    lease_end      date check (lease_end is null or lease_start is null or lease_end > lease_start),
    far_min        numeric(4, 2) check (far_min >= 0),
    far_max        numeric(4, 2) check (far_max >= 0 and (far_min is null or far_max >= far_min)),
    height_limit_m numeric(6, 1) check (height_limit_m > 0),
    unique (zone_id, code)
);
create index parcel_geom_idx on parcel using gist (geom);
create index parcel_block_idx on parcel (block_id);
create index parcel_enterprise_idx on parcel (enterprise_id);

create table building (
    id        bigserial primary key,
    parcel_id bigint not null references parcel (id),
    footprint geometry(Polygon, 4549) not null check (ST_IsValid(footprint)),
    floors    int not null check (floors between 1 and 200),
    height_m  numeric(6, 1) not null check (height_m > 0)
);
create index building_footprint_idx on building using gist (footprint);
create index building_parcel_idx on building (parcel_id);

-- The one definition of our area units: official planar m² in EPSG:4549, mu (亩 = 10000/15 m²) and ha.
create function to_mu(m2 double precision) returns numeric
language sql immutable parallel safe as $$ select round((m2 * 15 / 10000)::numeric, 4) $$;

create function to_ha(m2 double precision) returns numeric
language sql immutable parallel safe as $$ select round((m2 / 10000)::numeric, 4) $$;

create function area_json(m2 double precision) returns json
language sql immutable parallel safe as $$
    select json_build_object('m2', round(m2::numeric, 2), 'mu', to_mu(m2), 'ha', to_ha(m2))
$$;
