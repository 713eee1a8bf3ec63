-- Land uses as cadastral files write them: a 2020 code, a GB 50137 code (M2, lower case too), or the Chinese
-- name of a 2020 class (工业用地, 一类工业用地), which must name exactly one. Imports, edits, the finder and
-- supply plans resolve through it.
create or replace function resolve_land_use(given text) returns text
language sql stable as $$
    select coalesce((select code from land_use where code = given),
                    (select land_use_code from land_use_legacy where legacy_code = upper(given)),
                    (select min(code) from land_use where name_zh = trim(given) having count(*) = 1))
$$;
