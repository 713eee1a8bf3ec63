-- Rules several writers and readers share, each said once here instead of in each of them.

-- The 2020 land-use code a land use is given as: the code itself, or the code an old GB 50137 code
-- (M1, W2, in any case) maps to; null when it is neither. Parcel edits, imports, the finder's filter
-- and supply sites all read a land use through it.
create function resolve_land_use(given text) returns text
language sql stable as $$
    select coalesce((select code from land_use where code = given),
                    (select land_use_code from land_use_legacy where legacy_code = upper(given)))
$$;
