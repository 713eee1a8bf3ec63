-- The land finder: what an enterprise may take (available land), the zone's standard-land (标准地)
-- conditions on a parcel, named places to search near, and enterprises' registered interest.

-- Emission standards a zone may require on a parcel, strictest first: an enterprise meets a parcel's
-- standard when its own class has the same or a lower ordinal.
create table emission_standard (
    code    text primary key,
    ordinal int  not null unique,
    name_zh text not null,
    name_en text not null
);

insert into emission_standard (code, ordinal, name_zh, name_en) values
    ('ultra_low', 1, '超低排放',     'Ultra-low emissions'),
    ('special',   2, '特别排放限值', 'Special emission limits'),
    ('national',  3, '国家排放标准', 'National emission standards');

-- 标准地: the conditions a zone publishes for a parcel before it is supplied. An enterprise that
-- takes it commits to them. The floor-area ratio range is the parcel's own planning condition
-- (parcel.far_min, far_max), not copied here.
create table standard_land (
    parcel_id              bigint primary key references parcel (id),
    investment_min_wan_mu  numeric(8, 1) not null check (investment_min_wan_mu > 0),   -- 固定资产投资强度 ≥, 万元/亩
    tax_min_wan_mu         numeric(8, 1) not null check (tax_min_wan_mu >= 0),         -- 亩均税收 ≥, 万元/亩·年
    energy_max_tce_wan     numeric(6, 3) not null check (energy_max_tce_wan > 0),      -- 单位产值能耗 ≤, tce/万元
    emission_standard      text not null references emission_standard (code)           -- 排放标准, at least this strict
);

-- Named points of a zone that enterprises measure distances from: ports, motorway exits, airports.
create table place (
    id      serial primary key,
    zone_id int  not null references zone (id),
    code    text not null check (code ~ '^[a-z0-9-]+$'),
    name    text not null,
    kind    text not null check (kind in ('port', 'motorway_exit', 'airport', 'rail_station')),
    geom    geometry(Point, 4549) not null,
    unique (zone_id, code)
);

-- An enterprise's registered interest in a parcel (意向登记); planners read them on the parcel.
create table parcel_interest (
    id              bigserial primary key,
    parcel_id       bigint not null references parcel (id),
    enterprise_name text not null check (enterprise_name <> ''),
    -- 统一社会信用代码, check digit validated in Java (CreditCode) before the insert
    credit_code     text not null check (credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$'),
    contact         text not null check (contact <> ''),
    need            text not null check (need <> ''),
    registered_at   timestamptz not null default now()
);
create index parcel_interest_parcel_idx on parcel_interest (parcel_id, registered_at);

-- Available land: stored (收储) or prepared (净地) parcels, and parcels in a planned batch of an
-- approved supply plan (分批次供地, active_supply_plan) that is not supplied yet; planned_supply is
-- that batch's supply date.
create view available_land as
select p.id as parcel_id, plan.code as supply_plan,
       (select min(b.supply_date)
        from supply_batch_parcel bp
        join supply_batch b on b.id = bp.batch_id
        join supply_plan sp on sp.id = b.plan_id
        where sp.code = plan.code and bp.parcel_id = p.id and b.state = 'planned') as planned_supply
from parcel p
cross join lateral (select active_supply_plan(p.id) as code) plan
where p.state in ('stored', 'prepared') or plan.code is not null;

-- The polygons of g in local metres about (cx, cy), as the coordinates of a MultiPolygon to the
-- centimetre ([] when g has none): what the 3D scene draws.
create function local_polygons(g geometry, cx double precision, cy double precision) returns json
language sql immutable parallel safe as $$
    select coalesce(ST_AsGeoJSON(ST_Multi(ST_Translate(ST_CollectionExtract(g, 3), -cx, -cy)), 2)::json->'coordinates',
                    '[]'::json)
$$;
