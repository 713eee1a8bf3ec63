-- The audit trail and the parcel counts, one statement at a time (issue 13: an import of 20,000 parcels).
--
-- Row by row, writing 20,000 parcels spent 4 s in audit_row() (a row image, a dynamic query and a zone lookup per
-- row) and 4 s in parcel_stats_count() (the same few parcel_stats rows updated 20,000 times in one transaction,
-- each update walking the chain of its own earlier versions), and their 20,000 ledger registrations 11 s, each
-- updating its parcel to the state it already had. Now inserts and deletes are recorded once per statement from
-- its transition table; updates stay row by row in the trail (pairing an old row with its new one needs the
-- table's key), and a ledger event that leaves a parcel as it was does not touch the parcel.

-- The zone/code of the parcel a row of table tbl belongs to, if any (r: the row's image).
create function audit_row_parcel(tbl text, r jsonb) returns text
language sql stable as $$
    select case when tbl = 'parcel' then audit_zone_code((r->>'zone_id')::int) || '/' || (r->>'code')
                when tbl = 'parcel_lineage' then audit_parcel_key((r->>'parent_id')::bigint)
                when r ? 'parcel_id' then audit_parcel_key((r->>'parcel_id')::bigint) end
$$;

-- Updates (and any row-level use) as V24 made it, the parcel named by audit_row_parcel().
create or replace function audit_row() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    actor   text := coalesce(nullif(current_setting('landrenew.actor', true), ''), 'system');
    tbl     text := case tg_table_name when 'parcel_all' then 'parcel' else tg_table_name end;
    old_row jsonb;
    new_row jsonb;
    r       jsonb;
    parcel  text;
begin
    -- current_user is the owner here; session_user is who logged in.
    if current_setting('landrenew.audit', true) = 'off' and pg_has_role(session_user, current_user, 'member') then
        return null;
    end if;
    if tg_op <> 'INSERT' then
        old_row := audit_row_image(old, tg_argv[0]);
    end if;
    if tg_op <> 'DELETE' then
        new_row := audit_row_image(new, tg_argv[0]);
    end if;
    if tg_op = 'UPDATE' and old_row = new_row then
        return null;    -- nothing an auditor could see changed
    end if;
    r := coalesce(new_row, old_row);
    parcel := audit_row_parcel(tbl, r);
    insert into audit_log (actor, action, table_name, row_key, parcel, before, after)
    values (actor, lower(tg_op), tbl, coalesce(audit_row_key(tbl, r, parcel), r->>'id', '?'), parcel, old_row, new_row);
    return null;
end $$;

-- Inserts and deletes: every row of the statement's transition table ("inserted" or "deleted") in one insert into
-- the trail, in the statement's order. The argument names the geometry column summarised (as audit_row's). The
-- row image is made from the columns that are not geometries (to_jsonb of a whole row writes every geometry as
-- GeoJSON, which the image then drops; the geometry column stays as a null key, by which audit_image() names its
-- summary), and the names are worked out once per row (materialized), so that the
-- naming functions are inlined.
create function audit_rows() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    actor   text := coalesce(nullif(current_setting('landrenew.actor', true), ''), 'system');
    tbl     text := case tg_table_name when 'parcel_all' then 'parcel' else tg_table_name end;
    columns text;
begin
    if current_setting('landrenew.audit', true) = 'off' and pg_has_role(session_user, current_user, 'member') then
        return null;
    end if;
    select string_agg(format('t.%I', attname), ', ' order by attnum) into columns
    from pg_attribute
    where attrelid = tg_relid and attnum > 0 and not attisdropped and atttypid <> 'geometry'::regtype;
    execute format($sql$
        with images as materialized (
            select audit_image(to_jsonb(r), %s) as image
            from %I t cross join lateral (select %s) r),
        named as materialized (
            select image, audit_row_parcel($3, image) as parcel from images)
        insert into audit_log (actor, action, table_name, row_key, parcel, before, after)
        select $1, $2, $3, coalesce(audit_row_key($3, image, parcel), image->>'id', '?'), parcel,
               case when $2 = 'delete' then image end, case when $2 = 'insert' then image end
        from named
        $sql$, coalesce('t.' || quote_ident(tg_argv[0]), 'null'), case tg_op when 'INSERT' then 'inserted' else 'deleted' end,
        columns || coalesce(', null as ' || quote_ident(tg_argv[0]), ''))
    using actor, lower(tg_op), tbl;
    return null;
end $$;

-- The naming functions run inside audit_row() and audit_rows(), which are security definers already: as plain
-- SQL functions PostgreSQL inlines them into the statement that names the rows (a call with its own security
-- context costs some 80 µs, 1.6 s for 20,000 rows).
alter function audit_row_key(text, jsonb, text) security invoker reset all;
alter function audit_zone_code(int) security invoker reset all;
alter function audit_enterprise_code(int) security invoker reset all;
alter function audit_batch_key(bigint) security invoker reset all;

-- Puts table t in the audit trail (geom_column: its geometry, recorded as area, points and digest). Later
-- migrations call this instead of creating the triggers themselves.
create function audit_table(t regclass, geom_column text default null) returns void
language plpgsql as $$
declare
    argument text := coalesce(quote_literal(geom_column), '');
begin
    execute format('drop trigger if exists audit on %s', t);
    execute format('drop trigger if exists audit_insert on %s', t);
    execute format('drop trigger if exists audit_delete on %s', t);
    execute format('create trigger audit after update on %s for each row execute function audit_row(%s)', t, argument);
    execute format('create trigger audit_insert after insert on %s referencing new table as inserted '
                   'for each statement execute function audit_rows(%s)', t, argument);
    execute format('create trigger audit_delete after delete on %s referencing old table as deleted '
                   'for each statement execute function audit_rows(%s)', t, argument);
end $$;

-- Every table audited so far, with the geometry column its trigger names.
do $$
declare
    audited record;
begin
    for audited in
        select t.tgrelid::regclass as tbl, nullif(replace(encode(t.tgargs, 'escape'), '\000', ''), '') as geom_column
        from pg_trigger t
        where t.tgfoid = 'audit_row'::regproc and t.tgname = 'audit' and not t.tgisinternal
        order by t.tgrelid
    loop
        perform audit_table(audited.tbl, audited.geom_column);
    end loop;
end $$;

-- Parcel counts: the rows a statement inserted, updated (only those whose counted columns changed) or deleted,
-- summed per zone, block and state, each sum applied once. A security definer, as parcel_stats_count() was (V13): the
-- app's login may read parcel_stats, not write it.
create function parcel_stats_count_rows() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if tg_op = 'INSERT' then
        insert into parcel_stats as s (zone_id, block_id, state, parcels, area_m2)
        select zone_id, block_id, state, count(*), sum(ST_Area(geom))
        from inserted where retired_on is null
        group by zone_id, block_id, state
        on conflict (zone_id, block_id, state)
        do update set parcels = s.parcels + excluded.parcels, area_m2 = s.area_m2 + excluded.area_m2;
    elsif tg_op = 'DELETE' then
        insert into parcel_stats as s (zone_id, block_id, state, parcels, area_m2)
        select zone_id, block_id, state, -count(*), -sum(ST_Area(geom))
        from deleted where retired_on is null
        group by zone_id, block_id, state
        on conflict (zone_id, block_id, state)
        do update set parcels = s.parcels + excluded.parcels, area_m2 = s.area_m2 + excluded.area_m2;
    else
        insert into parcel_stats as s (zone_id, block_id, state, parcels, area_m2)
        with moved as (
            select o.id from before_update o join after_update n on n.id = o.id
            where o.retired_on is distinct from n.retired_on or o.state <> n.state or o.zone_id <> n.zone_id
               or o.block_id is distinct from n.block_id or not (o.geom = n.geom))
        select zone_id, block_id, state, sum(sign), sum(sign * ST_Area(geom))
        from (select zone_id, block_id, state, geom, retired_on, -1 as sign from before_update where id in (select id from moved)
              union all
              select zone_id, block_id, state, geom, retired_on, 1 from after_update where id in (select id from moved)) changed
        where retired_on is null
        group by zone_id, block_id, state
        on conflict (zone_id, block_id, state)
        do update set parcels = s.parcels + excluded.parcels, area_m2 = s.area_m2 + excluded.area_m2;
    end if;
    return null;
end $$;

drop trigger parcel_stats_count on parcel_all;
drop function parcel_stats_count();
drop function parcel_stats_add(int, int, text, float8, int);

create trigger parcel_stats_insert after insert on parcel_all referencing new table as inserted
    for each statement execute function parcel_stats_count_rows();
create trigger parcel_stats_update after update on parcel_all referencing old table as before_update new table as after_update
    for each statement execute function parcel_stats_count_rows();
create trigger parcel_stats_delete after delete on parcel_all referencing old table as deleted
    for each statement execute function parcel_stats_count_rows();

-- The ledger's trigger (V10) as before, except that an event leaving the parcel's state as it is (a parcel's
-- registration on import) does not update the parcel: no new version, no trail entry, no recount.
create or replace function parcel_event_applies() returns trigger
language plpgsql as $$
declare
    current_state text;
    retired date;
    last_effective date;
    leaves_holder boolean;
begin
    select state, zone_id, retired_on into current_state, new.zone_id, retired
    from parcel_all where id = new.parcel_id for update;
    if retired is not null then
        raise exception 'parcel % was retired on % (split or merged): record events on the parcels that replaced it',
            new.parcel_id, retired using errcode = 'check_violation';
    end if;
    select max(effective_date) into last_effective from parcel_event where parcel_id = new.parcel_id;
    if new.from_state is null then
        if last_effective is not null then
            raise exception 'parcel % already has a history; a new event must start from its current state %',
                new.parcel_id, current_state using errcode = 'check_violation';
        end if;
    else
        if new.from_state <> current_state then
            raise exception 'parcel % is %, not %', new.parcel_id, current_state, new.from_state
                using errcode = 'check_violation';
        end if;
        if not exists (select 1 from life_cycle_transition t
                       where t.from_state = new.from_state and t.to_state = new.to_state) then
            raise exception 'illegal transition % -> %', new.from_state, new.to_state
                using errcode = 'check_violation';
        end if;
        if new.effective_date < last_effective then
            raise exception 'effective date % is before the last recorded event (%)', new.effective_date, last_effective
                using errcode = 'check_violation';
        end if;
    end if;
    if new.to_state = current_state then
        return new;    -- a parcel registered in the state it has: nothing of the parcel changes
    end if;
    -- a plot that is vacated has no holder any more
    select t.freed and not f.freed into leaves_holder
    from life_cycle_state t, life_cycle_state f where t.code = new.to_state and f.code = current_state;
    update parcel_all set state = new.to_state,
                          enterprise_id = case when leaves_holder then null else enterprise_id end
    where id = new.parcel_id;
    return new;
end $$;
