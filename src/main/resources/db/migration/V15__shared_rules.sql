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

-- The tables the audit trail records: those with the audit trigger (V7 and later migrations), named as
-- the trail names them (audit_row(): parcel_all is 'parcel', its name before V10), with the Chinese
-- name the trail's page shows: the table's comment. A table a later migration audits is listed as soon
-- as it has the trigger; give it a comment too.
create view audited_table as
select case c.relname when 'parcel_all' then 'parcel' else c.relname::text end as name,
       obj_description(c.oid, 'pg_class') as title
from pg_trigger t
join pg_class c on c.oid = t.tgrelid
where t.tgfoid = 'audit_row'::regproc and not t.tgisinternal;

comment on table parcel_all is '宗地';
comment on table parcel_event is '状态变更';
comment on table parcel_readiness is '供地条件';
comment on table parcel_interest is '意向登记';
comment on table standard_land is '标准地';
comment on table parcel_lineage is '分宗合宗';
comment on table enterprise is '企业';
comment on table enterprise_evaluation is '亩均评价';
comment on table supply_plan is '供地方案';
comment on table supply_batch is '供地批次';
comment on table supply_batch_parcel is '批次宗地';
comment on table app_user is '用户';
comment on table sign_in_event is '登录失败与锁定';
