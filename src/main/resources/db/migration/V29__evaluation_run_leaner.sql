-- The yearly 亩均评价 of a province (100,000 holders) in under 2 s (issue 14). Three things the run did for
-- every holder on every run are now done once:

-- 1. Each holder's land in mu, to 2 decimals as the results show it, is kept with its area. Converting the
--    float sum to numeric took 1 µs a holder, and the run did it several times a holder.
alter table holder_land
    add column mu numeric(12, 2) generated always as (round(area_m2::numeric * 15 / 10000, 2)) stored;

-- 2. An indicator's score bounds (weight × floor factor, weight × cap factor) come from the scheme, once per
--    group, not from every holder's row. Same arithmetic, same results.
drop function indicator_score(numeric, numeric, numeric, numeric, numeric);

-- One indicator's score: weight × value / benchmark, kept between lowest (weight × floor factor) and highest
-- (weight × cap factor); a missing value (no denominator) or benchmark scores the lowest.
create function indicator_score(value numeric, benchmark numeric, weight numeric,
                                lowest numeric, highest numeric) returns numeric
language sql immutable parallel safe as $$
    select round(least(greatest(coalesce(weight * value / nullif(benchmark, 0), 0), lowest), highest), 2)
$$;

-- 3. Every reader of the results names the zone (a zone-year's table, an enterprise's card or history in a zone),
--    so the primary key (zone_code, year, enterprise_id) serves them all. The index by enterprise alone only
--    cost each run 100,000 more index entries.
drop index evaluation_result_enterprise_idx;
