-- Imports are staged and checked feature by feature before anything is written. A bad feature
-- must become a line in the report, not an aborted statement, so parsing never raises.

create function try_geometry(geometry_json text, srid int) returns geometry
language plpgsql immutable parallel safe as $$
begin
    return ST_SetSRID(ST_GeomFromGeoJSON(geometry_json), srid);
exception when others then
    return null;
end $$;

create function is_iso_date(value text) returns boolean
language plpgsql immutable parallel safe as $$
begin
    perform value::date;
    return value ~ '^\d{4}-\d{2}-\d{2}$';
exception when others then
    return false;
end $$;
