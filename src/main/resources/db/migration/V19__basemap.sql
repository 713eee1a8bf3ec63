-- The basemap as data (底图): roads, railways, rivers and water, and named places around each zone, drawn
-- under the parcels from this server's own vector tiles, so the map has ground without any online service.
-- A zone's basemap is replaced as a whole by an import (POST /api/imports?target=basemap).

-- What a basemap feature may be, with the shape its geometry must have (imports check it).
create table basemap_kind (
    code  text primary key,
    name  text not null,
    shape text not null check (shape in ('point', 'line', 'area'))
);
insert into basemap_kind (code, name, shape) values
    ('motorway',      '高速公路', 'line'),
    ('arterial',      '主干路',   'line'),
    ('road',          '道路',     'line'),
    ('railway',       '铁路',     'line'),
    ('river',         '河流',     'line'),
    ('water',         '水域',     'area'),
    ('place',         '地名',     'point'),
    ('motorway_exit', '高速出口', 'point'),
    ('port',          '港口',     'point'),
    ('airport',       '机场',     'point'),
    ('rail_station',  '火车站',   'point');

create table basemap_feature (
    id        bigserial primary key,
    zone_id   int  not null references zone (id),
    kind      text not null references basemap_kind (code),
    name      text check (name is null or length(name) between 1 and 100),
    geom      geometry(Geometry, 4549) not null check (ST_IsValid(geom) and not ST_IsEmpty(geom)),
    geom_3857 geometry(Geometry, 3857) generated always as (ST_Transform(geom, 3857)) stored
);
create index basemap_feature_geom_3857_idx on basemap_feature using gist (geom_3857);
create index basemap_feature_zone_idx on basemap_feature (zone_id);

comment on table basemap_kind is '底图要素类型';
comment on table basemap_feature is '底图要素';

create trigger audit after insert or update or delete on basemap_feature
    for each row execute function audit_row('geom');
