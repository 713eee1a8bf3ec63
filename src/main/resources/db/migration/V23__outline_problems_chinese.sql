-- outline_problems (V15) answers Chinese first, then the English it gave before (clients and tests match
-- that part): the zone by its name, its code beside it when they differ. Same rules, same order, one row per problem.
create or replace function outline_problems(candidate geometry, in_zone int, replacing bigint[], tolerance_m2 float8)
returns setof text
language sql stable as $$
    select problem from (
      select 1 as k, '' as code, '几何无效：' || ST_IsValidReason(candidate) || '。invalid geometry: '
             || ST_IsValidReason(candidate) as problem
      where not ST_IsValid(candidate)
      union all
      select 2, '', '超出开发区 ' || z.name || case when z.name <> z.code then '（' || z.code || '）' else ' ' end || round(x.m2::numeric, 1) || ' m²。lies '
             || case when ST_Intersects(candidate, z.boundary) then 'partly ' else '' end
             || 'outside zone ' || z.code || ' (' || round(x.m2::numeric, 1) || ' m² outside)'
      from zone z
      cross join lateral (select ST_Area(ST_Difference(candidate, z.boundary)) as m2) x
      where z.id = in_zone and ST_IsValid(candidate) and not ST_CoveredBy(candidate, z.boundary)
        and x.m2 > tolerance_m2
      union all
      select 3, p.code, '与宗地 ' || p.code || ' 重叠 ' || round(x.m2::numeric, 1) || ' m²。overlaps parcel ' || p.code
             || ' by ' || round(x.m2::numeric, 1) || ' m²'
      from parcel p
      cross join lateral (select ST_Area(ST_Intersection(candidate, p.geom)) as m2) x
      where p.geom && candidate and p.id <> all(coalesce(replacing, '{}')) and ST_IsValid(candidate) and x.m2 > tolerance_m2) found
    order by k, code
$$;
