-- The audit trail: every write to the tables users change is recorded by the database itself, so no
-- write path can escape it (the API, an import, a supply plan, or psql). Appended, never edited.
--
-- Who: the application names the actor per transaction with set_config('landrenew.actor', who, true)
-- (audit/Actor.java); writes that name nobody are recorded as 'system'. The sample loader's bulk load
-- is not recorded (it is the starting state, not a change): it sets landrenew.audit to 'off' for its
-- transaction, a setting no request can reach (an actor's name cannot switch the trail off).

-- Optimistic locking: a parcel's version counts its changes (see parcel_version_counts below).
alter table parcel add column version int not null default 0;

create table audit_log (
    id         bigserial primary key,
    at         timestamptz not null default now(),
    actor      text not null,
    action     text not null check (action in ('insert', 'update', 'delete')),
    table_name text not null,
    row_key    text not null,    -- zone/code for parcels, the natural or primary key otherwise
    parcel     text,             -- zone/code of the parcel the row belongs to, when it belongs to one
    before     jsonb,            -- null for an insert
    after      jsonb             -- null for a delete
);
create index audit_log_table_idx on audit_log (table_name, id);
create index audit_log_key_idx on audit_log (row_key, id);
create index audit_log_parcel_idx on audit_log (parcel, id) where parcel is not null;
create index audit_log_at_idx on audit_log (at);

-- A row as the trail keeps it: geometry as a short summary (official area in m², vertex count and a
-- hash that changes with any vertex), the derived EPSG:3857 copies left out.
create function audit_image(r jsonb, geom geometry) returns jsonb
language sql immutable parallel safe as $$
    select case when r is null then null
                when geom is null then r - 'geom_3857'
                else (r - 'geom' - 'site' - 'geom_3857') || jsonb_build_object(
                         case when r ? 'site' then 'site' else 'geom' end,
                         jsonb_build_object('areaM2', round(ST_Area(geom)::numeric, 2),
                                            'points', ST_NPoints(geom),
                                            'md5', md5(ST_AsBinary(geom))))
           end
$$;

-- A row (OLD or NEW) as the trail keeps it; geom_column names its geometry column, or is null.
create function audit_row_image(r anyelement, geom_column text) returns jsonb
language plpgsql stable as $$
declare
    g geometry;
begin
    if geom_column is not null then
        execute format('select ($1).%I', geom_column) into g using r;
    end if;
    return audit_image(to_jsonb(r), g);
end $$;

-- zone/code of a parcel, the key auditors know it by.
create function audit_parcel_key(parcel_id bigint) returns text
language sql stable as $$
    select z.code || '/' || p.code from parcel p join zone z on z.id = p.zone_id where p.id = parcel_id
$$;

-- The AFTER row trigger of every audited table. TG_ARGV[0] names the table's geometry column, if any.
create function audit_row() returns trigger
language plpgsql as $$
declare
    actor   text := coalesce(nullif(current_setting('landrenew.actor', true), ''), 'system');
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
    if tg_table_name = 'parcel' then
        parcel := (select z.code from zone z where z.id = (r->>'zone_id')::int) || '/' || (r->>'code');
    elsif r ? 'parcel_id' then
        parcel := audit_parcel_key((r->>'parcel_id')::bigint);
    end if;
    row_key := case tg_table_name
        when 'parcel'              then parcel
        when 'standard_land'       then parcel
        when 'parcel_readiness'    then parcel || ' ' || (r->>'fact')
        when 'supply_batch_parcel' then (r->>'batch_id') || ' ' || parcel
        when 'enterprise'          then r->>'credit_code'
        when 'supply_plan'         then r->>'code'
        else r->>'id' end;
    insert into audit_log (actor, action, table_name, row_key, parcel, before, after)
    values (actor, lower(tg_op), tg_table_name, coalesce(row_key, r->>'id', '?'), parcel, old_row, new_row);
    return null;
end $$;

create trigger audit after insert or update or delete on parcel
    for each row execute function audit_row('geom');
create trigger audit after insert or update or delete on parcel_event
    for each row execute function audit_row();
create trigger audit after insert or update or delete on enterprise
    for each row execute function audit_row();
create trigger audit after insert or update or delete on supply_plan
    for each row execute function audit_row('site');
create trigger audit after insert or update or delete on supply_batch
    for each row execute function audit_row();
create trigger audit after insert or update or delete on supply_batch_parcel
    for each row execute function audit_row();
create trigger audit after insert or update or delete on parcel_readiness
    for each row execute function audit_row();
create trigger audit after insert or update or delete on parcel_interest
    for each row execute function audit_row();
create trigger audit after insert or update or delete on standard_land
    for each row execute function audit_row();

-- The trail itself is append-only, like the ledger.
create function audit_log_is_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'the audit trail is append-only' using errcode = 'insufficient_privilege';
end $$;

create trigger audit_log_append_only before update or delete or truncate on audit_log
    for each statement execute function audit_log_is_append_only();

-- Every change of a parcel row (also a state change the ledger makes) moves its version on, whatever
-- the writer put in the column; an update that changes nothing keeps it. The generated EPSG:3857 copy is
-- not computed yet in a BEFORE trigger, so it is left out of the comparison.
create function parcel_version_counts() returns trigger
language plpgsql as $$
begin
    if (to_jsonb(new) - 'geom_3857' - 'version') is distinct from (to_jsonb(old) - 'geom_3857' - 'version') then
        new.version := old.version + 1;
    else
        new.version := old.version;
    end if;
    return new;
end $$;

create trigger parcel_version_counts before update on parcel
    for each row execute function parcel_version_counts();
