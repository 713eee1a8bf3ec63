-- Each holder's land per zone, kept up to date with the parcels (issue 14). The yearly 亩均评价 of a province summed
-- a million parcel areas on every run (0.5–1 s of its 2 s); like parcel_stats (V11, V25) the sums are now kept by
-- the parcel triggers, a statement at a time, and read by EvaluationService. Current parcels only.

create table holder_land (
    zone_id       int    not null references zone (id) on delete cascade,
    enterprise_id int    not null references enterprise (id),
    parcels       int    not null,   -- 0 once the holder has no current parcel in the zone left
    area_m2       float8 not null,   -- sum of ST_Area(geom) in EPSG:4549
    primary key (zone_id, enterprise_id)
);

comment on table holder_land is '企业在各开发区的用地（现行宗地面积之和）';

-- Adds the signed parcel rows of a statement (sign 1 for a row that now counts, -1 for one that no longer does)
-- to both sums: per zone, block and state (parcel_stats), and per zone and holder (holder_land).
create function parcel_sums_add(zone_ids int[], block_ids int[], states text[], enterprise_ids int[], areas float8[],
                                signs int[]) returns void
language sql as $$
    with changed as (
        select * from unnest(zone_ids, block_ids, states, enterprise_ids, areas, signs)
                      as c(zone_id, block_id, state, enterprise_id, m2, sign)),
    stats as (
        insert into parcel_stats as s (zone_id, block_id, state, parcels, area_m2)
        select zone_id, block_id, state, sum(sign), sum(sign * m2) from changed
        group by zone_id, block_id, state
        on conflict (zone_id, block_id, state)
        do update set parcels = s.parcels + excluded.parcels, area_m2 = s.area_m2 + excluded.area_m2)
    insert into holder_land as h (zone_id, enterprise_id, parcels, area_m2)
    select zone_id, enterprise_id, sum(sign), sum(sign * m2) from changed
    where enterprise_id is not null
    group by zone_id, enterprise_id
    on conflict (zone_id, enterprise_id)
    do update set parcels = h.parcels + excluded.parcels, area_m2 = h.area_m2 + excluded.area_m2
$$;

-- The rows a statement inserted, updated (only those whose counted columns changed, the holder now among them) or
-- deleted, as V25 counted them, now for both sums.
create or replace function parcel_stats_count_rows() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if tg_op = 'INSERT' then
        perform parcel_sums_add(array_agg(zone_id), array_agg(block_id), array_agg(state), array_agg(enterprise_id),
                                array_agg(ST_Area(geom)), array_agg(1))
        from inserted where retired_on is null;
    elsif tg_op = 'DELETE' then
        perform parcel_sums_add(array_agg(zone_id), array_agg(block_id), array_agg(state), array_agg(enterprise_id),
                                array_agg(ST_Area(geom)), array_agg(-1))
        from deleted where retired_on is null;
    else
        perform parcel_sums_add(array_agg(zone_id), array_agg(block_id), array_agg(state), array_agg(enterprise_id),
                                array_agg(ST_Area(geom)), array_agg(sign))
        from (with moved as (
                  select o.id from before_update o join after_update n on n.id = o.id
                  where o.retired_on is distinct from n.retired_on or o.state <> n.state or o.zone_id <> n.zone_id
                     or o.block_id is distinct from n.block_id or o.enterprise_id is distinct from n.enterprise_id
                     or not (o.geom = n.geom))
              select zone_id, block_id, state, enterprise_id, geom, retired_on, -1 as sign
              from before_update where id in (select id from moved)
              union all
              select zone_id, block_id, state, enterprise_id, geom, retired_on, 1
              from after_update where id in (select id from moved)) changed
        where retired_on is null;
    end if;
    return null;
end $$;

alter function parcel_stats_count_rows() rename to parcel_sums_count_rows;

-- Counts everything again: after a load that skipped triggers, or to check the sums.
create or replace function refresh_parcel_stats() returns void
language sql as $$
    delete from parcel_stats;
    insert into parcel_stats (zone_id, block_id, state, parcels, area_m2)
    select zone_id, block_id, state, count(*), sum(ST_Area(geom))
    from parcel_all where retired_on is null
    group by zone_id, block_id, state;
    delete from holder_land;
    insert into holder_land (zone_id, enterprise_id, parcels, area_m2)
    select zone_id, enterprise_id, count(*), sum(ST_Area(geom))
    from parcel_all where retired_on is null and enterprise_id is not null
    group by zone_id, enterprise_id;
$$;

select refresh_parcel_stats();
