-- Parcel lineage: planners split a parcel (分宗) or merge parcels (合宗). The parents are retired, not
-- deleted: their ledger events, the tally's freed-area history, supply batches and the audit trail
-- point at them. Every query that shows current land (map, bbox API, tiles, OGC, finder, supply, zone
-- counts, import checks, exports) reads `parcel`, which becomes a view of the current rows of
-- `parcel_all`; the ledger's history and the tally read `parcel_all`.
--
-- `parcel` is a simple view, so INSERT (... RETURNING), UPDATE and SELECT ... FOR UPDATE go through to
-- the table, with its defaults, generated EPSG:3857 copy, checks and triggers. COPY cannot go through
-- a view (bulk loads write parcel_all). A later migration that adds a column to parcels alters
-- parcel_all and then recreates the view (create or replace view parcel ... with the new column last).

alter table parcel rename to parcel_all;

-- When the parcel stopped being current (the split's or merge's effective date) and when that was recorded.
alter table parcel_all
    add column retired_on date,
    add column retired_at timestamptz,
    add constraint parcel_all_retired_check check ((retired_on is null) = (retired_at is null));

-- The view lists every column of the table but the retirement (always null for a current parcel), in
-- the table's order, so the columns earlier migrations added are all there.
do $$
begin
    execute format('create view parcel as select %s from parcel_all where retired_on is null',
                   (select string_agg(quote_ident(attname), ', ' order by attnum)
                    from pg_attribute
                    where attrelid = 'parcel_all'::regclass and attnum > 0 and not attisdropped
                      and attname not in ('retired_on', 'retired_at')));
end $$;

comment on view parcel is 'the current parcels (not retired by a split or merge); the rows of parcel_all with retired_on null';

-- Views bind to a table, not its name: available_land would otherwise list retired parcels too.
create or replace view available_land as
select p.id as parcel_id, plan.code as supply_plan,
       (select min(b.supply_date)
        from supply_batch_parcel bp
        join supply_batch b on b.id = bp.batch_id
        join supply_plan sp on sp.id = b.plan_id
        where sp.code = plan.code and bp.parcel_id = p.id and b.state = 'planned') as planned_supply
from parcel p
cross join lateral (select active_supply_plan(p.id) as code) plan
where p.state in ('stored', 'prepared') or plan.code is not null;

-- A retired parcel is history: its outline and attributes stay as they were when it was retired.
create function parcel_retired_is_final() returns trigger
language plpgsql as $$
begin
    raise exception 'parcel % was retired on % (split or merged) and is kept as history; change the parcels that replaced it',
        old.id, old.retired_on using errcode = 'check_violation';
end $$;

create trigger parcel_retired_is_final before update on parcel_all
    for each row when (old.retired_on is not null) execute function parcel_retired_is_final();

-- Whether a parcel was current at the end of as_of (China time) as the ledger then knew it: a
-- retirement counts once it had taken effect and had been recorded, as ledger_as_of reads events.
create function parcel_current_as_of(retired_on date, retired_at timestamptz, as_of date) returns boolean
language sql stable parallel safe as $$
    select retired_on is null or retired_on > as_of
           or retired_at >= (as_of + 1)::timestamp at time zone 'Asia/Shanghai'
$$;

-- Which parcels a split or merge retired (parent) and created (child). Appended, never edited.
create table parcel_lineage (
    id             bigserial primary key,
    parent_id      bigint not null references parcel_all (id),
    child_id       bigint not null references parcel_all (id),
    operation      text not null check (operation in ('split', 'merge')),
    effective_date date not null,
    recorded_at    timestamptz not null default now(),
    actor          text not null check (actor <> ''),
    reason         text,
    check (parent_id <> child_id),
    unique (parent_id, child_id)
);
create index parcel_lineage_child_idx on parcel_lineage (child_id);

create function parcel_lineage_is_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'parcel lineage is append-only' using errcode = 'insufficient_privilege';
end $$;

create trigger parcel_lineage_append_only before update or delete or truncate on parcel_lineage
    for each statement execute function parcel_lineage_is_append_only();

-- The ledger's trigger (V2) as before, reading the table: a retired parcel gets no new events (its
-- successors do), and a child's first event may start its history in its parent's state.
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
    -- a plot that is vacated has no holder any more
    select t.freed and not f.freed into leaves_holder
    from life_cycle_state t, life_cycle_state f where t.code = new.to_state and f.code = current_state;
    update parcel_all set state = new.to_state,
                          enterprise_id = case when leaves_holder then null else enterprise_id end
    where id = new.parcel_id;
    return new;
end $$;

-- The audit trail keeps naming the table 'parcel' (its filter and its past entries do), and knows
-- retired parcels by their zone/code too.
create or replace function audit_parcel_key(parcel_id bigint) returns text
language sql stable as $$
    select z.code || '/' || p.code from parcel_all p join zone z on z.id = p.zone_id where p.id = parcel_id
$$;

create or replace function audit_row() returns trigger
language plpgsql as $$
declare
    actor   text := coalesce(nullif(current_setting('landrenew.actor', true), ''), 'system');
    tbl     text := case tg_table_name when 'parcel_all' then 'parcel' else tg_table_name end;
    old_row jsonb;
    new_row jsonb;
    r       jsonb;
    parcel  text;
    row_key text;
begin
    if current_setting('landrenew.audit', true) = 'off' then
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
    if tbl = 'parcel' then
        parcel := (select z.code from zone z where z.id = (r->>'zone_id')::int) || '/' || (r->>'code');
    elsif tbl = 'parcel_lineage' then
        parcel := audit_parcel_key((r->>'parent_id')::bigint);
    elsif r ? 'parcel_id' then
        parcel := audit_parcel_key((r->>'parcel_id')::bigint);
    end if;
    row_key := case tbl
        when 'parcel'              then parcel
        when 'standard_land'       then parcel
        when 'parcel_readiness'    then parcel || ' ' || (r->>'fact')
        when 'supply_batch_parcel' then (r->>'batch_id') || ' ' || parcel
        when 'parcel_lineage'      then parcel || ' → ' || audit_parcel_key((r->>'child_id')::bigint)
        when 'enterprise'          then r->>'credit_code'
        when 'supply_plan'         then r->>'code'
        else r->>'id' end;
    insert into audit_log (actor, action, table_name, row_key, parcel, before, after)
    values (actor, lower(tg_op), tbl, coalesce(row_key, r->>'id', '?'), parcel, old_row, new_row);
    return null;
end $$;

create trigger audit after insert or update or delete on parcel_lineage
    for each row execute function audit_row();
