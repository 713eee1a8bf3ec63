-- Parcel counts and areas per zone, block and life-cycle state, kept up to date by a trigger on
-- parcel_all. Counting a province's million parcels on every request is too slow: the zone list
-- (parcel counts), the blocks' parcel areas and the parcel tiles at zone scale (zoom 12, one feature
-- per block, coloured by the state that covers most of it) read these sums instead.
--
-- Only current parcels count (retired_on is null). A bulk load that bypasses triggers
-- (session_replication_role = replica, as the benchmark's) calls refresh_parcel_stats() afterwards.

create table parcel_stats (
    zone_id  int    not null references zone (id) on delete cascade,
    block_id int    references block (id) on delete cascade,   -- null: the zone's parcels outside any block
    state    text   not null references life_cycle_state (code),
    parcels  int    not null,   -- no check (parcels >= 0): ON CONFLICT checks the proposed -1 row before the update
    area_m2  float8 not null,                      -- sum of ST_Area(geom) in EPSG:4549
    unique nulls not distinct (zone_id, block_id, state)
);

create index parcel_stats_block_idx on parcel_stats (block_id);

comment on table parcel_stats is 'current parcels and their planar area per zone, block and state; kept by parcel_stats_count()';

-- Adds a parcel's row (sign 1) or takes it away (sign -1).
create function parcel_stats_add(zone int, block int, parcel_state text, m2 float8, sign int) returns void
language sql as $$
    insert into parcel_stats as s (zone_id, block_id, state, parcels, area_m2)
    values (zone, block, parcel_state, sign, sign * m2)
    on conflict (zone_id, block_id, state)
    do update set parcels = s.parcels + excluded.parcels, area_m2 = s.area_m2 + excluded.area_m2
$$;

create function parcel_stats_count() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.retired_on is not distinct from new.retired_on and old.state = new.state
       and old.zone_id = new.zone_id and old.block_id is not distinct from new.block_id and old.geom = new.geom then
        return null;   -- nothing counted changed (an attribute edit, the readiness flags, ...)
    end if;
    if tg_op in ('UPDATE', 'DELETE') and old.retired_on is null then
        perform parcel_stats_add(old.zone_id, old.block_id, old.state, ST_Area(old.geom), -1);
    end if;
    if tg_op in ('UPDATE', 'INSERT') and new.retired_on is null then
        perform parcel_stats_add(new.zone_id, new.block_id, new.state, ST_Area(new.geom), 1);
    end if;
    return null;
end $$;

create trigger parcel_stats_count after insert or update or delete on parcel_all
    for each row execute function parcel_stats_count();

-- Counts everything again: after a load that skipped triggers, or to check the sums.
create function refresh_parcel_stats() returns void
language sql as $$
    delete from parcel_stats;
    insert into parcel_stats (zone_id, block_id, state, parcels, area_m2)
    select zone_id, block_id, state, count(*), sum(ST_Area(geom))
    from parcel_all where retired_on is null
    group by zone_id, block_id, state;
$$;

select refresh_parcel_stats();
