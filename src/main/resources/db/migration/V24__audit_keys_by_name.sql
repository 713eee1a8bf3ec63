-- The trail names rows by what people call them, not by their numeric ids (issue 15: "bare ids in the
-- trail"): a zone by its code, a block as zone/code, a supply batch as its plan's code and batch number, a
-- parcel added to a renewal project by the project's code, evaluation rows by enterprise, zone and year, a
-- user by username. The names come from audit_row_key(), which a later migration replaces alone; everything
-- else about audit_row() is as V13 made it (security definer, fixed search_path), and its trigger arguments
-- (the geometry column summarised, V10/V20) are unchanged.

create function audit_zone_code(zone_id int) returns text
language sql stable security definer set search_path = public, pg_temp as $$
    select code from zone where id = zone_id
$$;

create function audit_enterprise_code(enterprise_id int) returns text
language sql stable security definer set search_path = public, pg_temp as $$
    select credit_code from enterprise where id = enterprise_id
$$;

-- "GD00011 第2批": the plan's code and the batch's number.
create function audit_batch_key(batch_id bigint) returns text
language sql stable security definer set search_path = public, pg_temp as $$
    select p.code || ' 第' || b.seq || '批' from supply_batch b join supply_plan p on p.id = b.plan_id where b.id = batch_id
$$;

-- What the trail calls a row of table tbl (r its image, parcel its parcel's zone/code when it has one). A
-- table that needs a better name than its id is added here, without touching audit_row() again.
create function audit_row_key(tbl text, r jsonb, parcel text) returns text
language sql stable security definer set search_path = public, pg_temp as $$
    select case tbl
        when 'parcel'                 then parcel
        when 'standard_land'          then parcel
        when 'parcel_readiness'       then parcel || ' ' || (r->>'fact')
        when 'supply_batch_parcel'    then audit_batch_key((r->>'batch_id')::bigint) || ' ' || parcel
        when 'supply_batch'           then audit_batch_key((r->>'id')::bigint)
        when 'parcel_lineage'         then parcel || ' → ' || audit_parcel_key((r->>'child_id')::bigint)
        when 'enterprise'             then r->>'credit_code'
        when 'supply_plan'            then r->>'code'
        when 'zone'                   then r->>'code'
        when 'block'                  then audit_zone_code((r->>'zone_id')::int) || '/' || (r->>'code')
        when 'renewal_project_parcel' then (select p.code from renewal_project p where p.id = (r->>'project_id')::int)
                                           || ' ' || parcel
        when 'enterprise_plan'        then audit_enterprise_code((r->>'enterprise_id')::int) || ' '
                                           || audit_zone_code((r->>'zone_id')::int) || ' ' || (r->>'evaluation_year')
        when 'evaluation_scheme'      then audit_zone_code((r->>'zone_id')::int) || ' ' || (r->>'year')
        when 'enterprise_evaluation'  then audit_enterprise_code((r->>'enterprise_id')::int) || ' ' || (r->>'year')
        when 'app_user'               then r->>'username'
        else r->>'id' end
$$;

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
    row_key := audit_row_key(tbl, r, parcel);
    insert into audit_log (actor, action, table_name, row_key, parcel, before, after)
    values (actor, lower(tg_op), tbl, coalesce(row_key, r->>'id', '?'), parcel, old_row, new_row);
    return null;
end $$;
