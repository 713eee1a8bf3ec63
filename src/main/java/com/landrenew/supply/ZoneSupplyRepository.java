package com.landrenew.supply;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A zone's (or block's) view of supply: the approved plans' schedule and the land bank (土地储备库). */
@Repository
class ZoneSupplyRepository {

    record Scope(int zoneId, String zone, String zoneName, Integer blockId, String block, String blockName) {
    }

    /**
     * Mu per month of the approved plans' batches (drafts promise nothing): a supplied batch in the month
     * it was supplied, a planned one in the month it is planned. With a block, only its parcels count.
     */
    private static final String SCHEDULE = """
            with batch as (
              select sp.code as plan, sp.name, sp.state as plan_state, b.seq, b.state,
                     date_trunc('month', coalesce(b.supplied_on, b.supply_date))::date as month,
                     sum(ST_Area(p.geom)) as m2
              from supply_plan sp
              join supply_batch b on b.plan_id = sp.id
              join supply_batch_parcel bp on bp.batch_id = b.id
              join parcel_all p on p.id = bp.parcel_id   -- supplied land counts as supplied, split later or not
              where sp.zone_id = :zone and sp.state <> 'draft' and (cast(:block as int) is null or p.block_id = :block)
              group by sp.id, b.id),
            month as (
              select generate_series(min(month), max(month), interval '1 month')::date as month from batch)
            select json_build_object(
                     'zone', json_build_object('code', cast(:zoneCode as text), 'name', cast(:zoneName as text)),
                     'block', case when cast(:blockCode as text) is null then null
                                   else json_build_object('code', cast(:blockCode as text),
                                                          'name', cast(:blockName as text)) end,
                     'plannedMu', (select to_mu(coalesce(sum(m2), 0)) from batch where state = 'planned'),
                     'suppliedMu', (select to_mu(coalesce(sum(m2), 0)) from batch where state = 'supplied'),
                     'months', (select coalesce(json_agg(json_build_object(
                                   'month', to_char(m.month, 'YYYY-MM'),
                                   'plannedMu', (select to_mu(coalesce(sum(b.m2), 0)) from batch b
                                                 where b.month = m.month and b.state = 'planned'),
                                   'suppliedMu', (select to_mu(coalesce(sum(b.m2), 0)) from batch b
                                                  where b.month = m.month and b.state = 'supplied'),
                                   'batches', (select coalesce(json_agg(json_build_object(
                                                  'plan', b.plan, 'name', b.name, 'seq', b.seq, 'state', b.state,
                                                  'mu', to_mu(b.m2)) order by b.plan, b.seq), '[]'::json)
                                               from batch b where b.month = m.month))
                                 order by m.month), '[]'::json) from month m),
                     'plans', (select coalesce(json_agg(json_build_object(
                                  'code', plan, 'name', name, 'state', plan_state, 'mu', to_mu(m2),
                                  'firstMonth', to_char(first, 'YYYY-MM'), 'lastMonth', to_char(last, 'YYYY-MM'))
                                order by plan), '[]'::json)
                               from (select plan, name, plan_state, sum(m2) as m2, min(month) as first,
                                            max(month) as last
                                     from batch group by plan, name, plan_state) per_plan))::text
            """;

    /** Stored and prepared land that no approved plan holds, soonest ready first. */
    private static final String LAND_BANK = """
            with bank as (
              select p.id, p.code, p.geom, p.state, p.land_use_code, bl.code as block, ST_Area(p.geom) as m2,
                     ready_date(p.id) as ready_date, is_ready(p.id) as ready
              from parcel p
              left join block bl on bl.id = p.block_id
              where p.zone_id = :zone and p.state in ('stored', 'prepared')
                and (cast(:block as int) is null or p.block_id = :block)
                and active_supply_plan(p.id) is null)
            select json_build_object(
                     'type', 'FeatureCollection',
                     'zone', cast(:zoneCode as text), 'block', cast(:blockCode as text),
                     'numberMatched', count(*),
                     'area', area_json(coalesce(sum(m2), 0)),
                     'ready', json_build_object('count', count(*) filter (where ready),
                                                'area', area_json(coalesce(sum(m2) filter (where ready), 0))),
                     'features', coalesce(json_agg(json_build_object(
                        'type', 'Feature', 'id', cast(:zoneCode as text) || '/' || code,
                        'geometry', ST_AsGeoJSON(ST_Transform(geom, 4326), 7)::json,
                        'properties', json_build_object(
                           'code', code, 'block', block, 'state', state, 'landUse', land_use_code,
                           'areaMu', round(to_mu(m2), 2), 'readyDate', ready_date, 'ready', ready))
                      order by ready_date nulls last, code), '[]'::json))::text
            from bank
            """;

    private final JdbcClient jdbc;

    ZoneSupplyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Scope> zone(String zone) {
        return jdbc.sql("""
                select id as zone_id, code as zone, name as zone_name, null::int as block_id, null as block,
                       null as block_name
                from zone where code = :zone""").param("zone", zone).query(Scope.class).optional();
    }

    Optional<Scope> block(String zone, String block) {
        return jdbc.sql("""
                select z.id as zone_id, z.code as zone, z.name as zone_name, b.id as block_id, b.code as block,
                       b.name as block_name
                from zone z join block b on b.zone_id = z.id where z.code = :zone and b.code = :block""")
                .param("zone", zone).param("block", block).query(Scope.class).optional();
    }

    String schedule(Scope scope) {
        return scoped(SCHEDULE, scope).param("zoneName", scope.zoneName()).param("blockName", scope.blockName())
                .query(String.class).single();
    }

    String landBank(Scope scope) {
        return scoped(LAND_BANK, scope).query(String.class).single();
    }

    private JdbcClient.StatementSpec scoped(String sql, Scope scope) {
        return jdbc.sql(sql).param("zone", scope.zoneId()).param("block", scope.blockId())
                .param("zoneCode", scope.zone()).param("blockCode", scope.block());
    }
}
