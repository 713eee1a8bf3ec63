-- Rules several writers and readers share, each said once here instead of in each of them.

-- The 2020 land-use code a land use is given as: the code itself, or the code an old GB 50137 code
-- (M1, W2, in any case) maps to; null when it is neither. Parcel edits, imports, the finder's filter
-- and supply sites all read a land use through it.
create function resolve_land_use(given text) returns text
language sql stable as $$
    select coalesce((select code from land_use where code = given),
                    (select land_use_code from land_use_legacy where legacy_code = upper(given)))
$$;

-- What keeps an outline (EPSG:4549) from being stored as a parcel of zone in_zone: invalid rings, more
-- than tolerance_m2 outside the zone, an overlap of more than tolerance_m2 with a current parcel other
-- than those it replaces. One row per problem, in that order (overlaps by parcel code); none when the
-- outline may be stored. Edits, splits and merges (parcel/OutlineCheck) and imports
-- (importer/ParcelImport) hold outlines to it.
create function outline_problems(candidate geometry, in_zone int, replacing bigint[], tolerance_m2 float8)
returns setof text
language sql stable as $$
    select problem from (
      select 1 as k, '' as code, 'invalid geometry: ' || ST_IsValidReason(candidate) as problem
      where not ST_IsValid(candidate)
      union all
      select 2, '', 'lies ' || case when ST_Intersects(candidate, z.boundary) then 'partly ' else '' end
             || 'outside zone ' || z.code || ' (' || round(ST_Area(ST_Difference(candidate, z.boundary))::numeric, 1)
             || ' m² outside)'
      from zone z
      where z.id = in_zone and ST_IsValid(candidate) and not ST_CoveredBy(candidate, z.boundary)
        and ST_Area(ST_Difference(candidate, z.boundary)) > tolerance_m2
      union all
      select 3, p.code, 'overlaps parcel ' || p.code || ' by ' || round(x.m2::numeric, 1) || ' m²'
      from parcel p
      cross join lateral (select ST_Area(ST_Intersection(candidate, p.geom)) as m2) x
      where p.geom && candidate and p.id <> all(coalesce(replacing, '{}')) and ST_IsValid(candidate) and x.m2 > tolerance_m2) found
    order by k, code
$$;
