-- Zones and blocks are data planners manage (zone/ZoneEditor: POST, PUT and DELETE under /api/zones;
-- imports with target=zones or target=blocks), no longer only what the sample loader wrote. Their
-- changes go to the audit trail; the rules a zone or block outline is held to are said once here; and
-- parcels are placed in blocks by location, by one rule.

-- A zone made by a planner may not know its administrative division code (行政区划代码) yet.
alter table zone alter column admin_code drop not null;

comment on table zone is '开发区';
comment on table block is '区块';

-- The trail keeps a summary of a zone's or block's boundary as it does of a parcel's geom (V7), not the
-- whole outline.
create or replace function audit_image(r jsonb, geom geometry) returns jsonb
language sql immutable parallel safe as $$
    select case when r is null then null
                when geom is null then r - 'geom_3857'
                else (r - 'geom' - 'site' - 'boundary' - 'geom_3857') || jsonb_build_object(
                         case when r ? 'site' then 'site' when r ? 'boundary' then 'boundary' else 'geom' end,
                         jsonb_build_object('areaM2', round(ST_Area(geom)::numeric, 2),
                                            'points', ST_NPoints(geom),
                                            'md5', md5(ST_AsBinary(geom))))
           end
$$;

create trigger audit after insert or update or delete on zone
    for each row execute function audit_row('boundary');
create trigger audit after insert or update or delete on block
    for each row execute function audit_row('boundary');

-- What keeps an outline (EPSG:4549) from being the boundary of a zone (own: the zone it replaces, or
-- null for a new one): invalid rings, an overlap of more than tolerance_m2 with another zone, and (for
-- a zone's new outline) its blocks or current parcels left outside it by more than tolerance_m2. One
-- row per problem, Chinese first; none when the outline may be stored.
create function zone_problems(candidate geometry, own int, tolerance_m2 float8)
returns setof text
language sql stable as $$
    select problem from (
      select 1 as k, '' as code, '几何无效：' || ST_IsValidReason(candidate) || '。invalid geometry: '
             || ST_IsValidReason(candidate) as problem
      where not ST_IsValid(candidate)
      union all
      select 2, z.code, '与开发区 ' || z.code || '（' || z.name || '）重叠 ' || round(x.m2::numeric, 1) || ' m²。overlaps zone '
             || z.code || ' by ' || round(x.m2::numeric, 1) || ' m²'
      from zone z
      cross join lateral (select ST_Area(ST_Intersection(candidate, z.boundary)) as m2) x
      where z.boundary && candidate and z.id is distinct from own and ST_IsValid(candidate) and x.m2 > tolerance_m2
      union all
      select 3, b.code, '区块 ' || b.code || ' 有 ' || round(x.m2::numeric, 1) || ' m² 在开发区外。block ' || b.code
             || ' would lie ' || round(x.m2::numeric, 1) || ' m² outside the zone'
      from block b
      cross join lateral (select ST_Area(ST_Difference(b.boundary, candidate)) as m2) x
      where b.zone_id = own and ST_IsValid(candidate) and x.m2 > tolerance_m2
      union all
      select 4, p.code, '宗地 ' || p.code || ' 有 ' || round(x.m2::numeric, 1) || ' m² 在开发区外。parcel ' || p.code
             || ' would lie ' || round(x.m2::numeric, 1) || ' m² outside the zone'
      from parcel p
      cross join lateral (select ST_Area(ST_Difference(p.geom, candidate)) as m2) x
      where p.zone_id = own and ST_IsValid(candidate) and not ST_CoveredBy(p.geom, candidate) and x.m2 > tolerance_m2) found
    order by k, code
$$;

-- What keeps an outline (EPSG:4549) from being the boundary of a block of zone in_zone (own: the block
-- it replaces, or null): invalid rings, more than tolerance_m2 outside the zone, an overlap of more
-- than tolerance_m2 with another block of the zone. As zone_problems.
create function block_problems(candidate geometry, in_zone int, own int, tolerance_m2 float8)
returns setof text
language sql stable as $$
    select problem from (
      select 1 as k, '' as code, '几何无效：' || ST_IsValidReason(candidate) || '。invalid geometry: '
             || ST_IsValidReason(candidate) as problem
      where not ST_IsValid(candidate)
      union all
      select 2, '', '有 ' || round(x.m2::numeric, 1) || ' m² 在开发区 ' || z.code || ' 外。lies '
             || case when ST_Intersects(candidate, z.boundary) then 'partly ' else '' end || 'outside zone ' || z.code
             || ' (' || round(x.m2::numeric, 1) || ' m² outside)'
      from zone z
      cross join lateral (select ST_Area(ST_Difference(candidate, z.boundary)) as m2) x
      where z.id = in_zone and ST_IsValid(candidate) and not ST_CoveredBy(candidate, z.boundary) and x.m2 > tolerance_m2
      union all
      select 3, b.code, '与区块 ' || b.code || '（' || b.name || '）重叠 ' || round(x.m2::numeric, 1) || ' m²。overlaps block '
             || b.code || ' by ' || round(x.m2::numeric, 1) || ' m²'
      from block b
      cross join lateral (select ST_Area(ST_Intersection(candidate, b.boundary)) as m2) x
      where b.zone_id = in_zone and b.boundary && candidate and b.id is distinct from own and ST_IsValid(candidate)
        and x.m2 > tolerance_m2) found
    order by k, code
$$;

-- The block of zone in_zone a parcel outline belongs in: of the blocks whose interior meets the
-- outline's, the one covering most of it (then the first by code); null when none does. Imports,
-- block changes and the placement on request (place_parcels) all place parcels by this one rule.
create function block_by_location(in_zone int, outline geometry) returns int
language sql stable as $$
    select b.id
    from block b
    where b.zone_id = in_zone and b.boundary && outline and ST_Relate(b.boundary, outline, 'T********')
    order by ST_Area(ST_Intersection(b.boundary, outline)) desc, b.code
    limit 1
$$;

-- Places the current parcels of zone in_zone whose outline meets the box of near (all of the zone's
-- when near is null) in their block by location, and answers those whose block changed. Each change
-- is an ordinary update of the parcel: its version, the trail and parcel_stats follow.
create function place_parcels(in_zone int, near geometry) returns setof bigint
language sql as $$
    with placed as (
      select p.id, block_by_location(in_zone, p.geom) as block_id
      from parcel p
      where p.zone_id = in_zone and (near is null or p.geom && near))
    update parcel p set block_id = placed.block_id
    from placed
    where p.id = placed.id and p.block_id is distinct from placed.block_id
    returning p.id
$$;
