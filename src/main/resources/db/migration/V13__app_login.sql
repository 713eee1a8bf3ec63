-- The application connects as a login of its own that owns nothing (database/AppLoginGrants grants it
-- rows after each migration; README "Database roles"): it may read audit_log and parcel_stats but not
-- write them, so the triggers that write them run as their owner (SECURITY DEFINER), with a fixed
-- search_path so that nothing a caller creates (a temporary table or function) can stand in for ours.
-- A later migration that replaces one of these functions must keep both clauses.
--
-- The trail's switch for the sample load (landrenew.audit = 'off', V7) is any session's to set, so it
-- now counts only in a session of the owner (the sample loader connects as the owner): the
-- application's login cannot write unrecorded.

create or replace function audit_row() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    actor   text := coalesce(nullif(current_setting('landrenew.actor', true), ''), 'system');
    tbl     text := case tg_table_name when 'parcel_all' then 'parcel' else tg_table_name end;
    old_row jsonb;
    new_row jsonb;
    r       jsonb;
    parcel  text;
    row_key text;
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

alter function parcel_stats_count() security definer set search_path = public, pg_temp;
