package com.landrenew.finder;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.landrenew.database.ReadReplica;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The finder's SQL. One statement picks the available land that passes every filter but area and
 * groups it into clusters of land that touches or lies across a narrow road (ST_ClusterDBSCAN in
 * EPSG:4549); a second builds the answer's GeoJSON for the results Java has chosen and ranked.
 */
@Repository
class FinderRepository {

    /** A parcel that passes every filter but area, with what ranking and site-growing need. */
    record Candidate(long id, String zone, String code, BigDecimal mu, LocalDate ready, Double distanceM,
            double x, double y, int cluster, long[] neighbours) {
    }

    private static final String CANDIDATES = """
            with recursive uses(code) as (
              select cast(:use as text) where cast(:use as text) is not null
              union all
              select l.code from land_use l join uses u on l.parent_code = u.code),
            near as (
              select ST_Transform(ST_SetSRID(ST_MakePoint(cast(:lon as float8), cast(:lat as float8)), 4326), 4549) as g),
            needs as (
              select (select ordinal from emission_standard where code = cast(:emission as text)) as emission_ordinal),
            candidates as (
              select p.id, z.code as zone, p.code, p.geom, to_mu(ST_Area(p.geom)) as mu, r.ready,
                     ST_Distance(p.geom, near.g) as distance_m, ST_PointOnSurface(p.geom) as point
              from available_land a
              join parcel p on p.id = a.parcel_id
              join zone z on z.id = p.zone_id
              left join block b on b.id = p.block_id
              left join standard_land s on s.parcel_id = p.id
              left join emission_standard se on se.code = s.emission_standard
              cross join near
              cross join needs
              cross join lateral (select ready_date(p.id) as ready) r
              where (cast(:zone as text) is null or z.code = :zone)
                and (cast(:block as text) is null or b.code = :block)
                and (cast(:use as text) is null or p.land_use_code in (select code from uses))
                and (cast(:readyBy as date) is null or r.ready <= cast(:readyBy as date))
                and (cast(:maxDistance as float8) is null or ST_DWithin(p.geom, near.g, cast(:maxDistance as float8)))
                and (cast(:far as numeric) is null
                     or ((p.far_min is null or p.far_min <= cast(:far as numeric))
                         and (p.far_max is null or cast(:far as numeric) <= p.far_max)))
                -- the standard-land conditions bind only where the zone has set them
                and (s.parcel_id is null or (
                         (cast(:investment as numeric) is null or s.investment_min_wan_mu <= cast(:investment as numeric))
                     and (cast(:tax as numeric) is null or s.tax_min_wan_mu <= cast(:tax as numeric))
                     and (cast(:energy as numeric) is null or cast(:energy as numeric) <= s.energy_max_tce_wan)
                     and (needs.emission_ordinal is null or needs.emission_ordinal <= se.ordinal)))),
            clustered as (
              select c.*, ST_ClusterDBSCAN(c.geom, eps := cast(:maxRoad as float8), minpoints := 1) over () as cluster
              from candidates c)
            select c.id, c.zone, c.code, c.mu, c.ready, c.distance_m, ST_X(c.point) as x, ST_Y(c.point) as y, c.cluster,
                   array(select n.id from clustered n
                         where n.cluster = c.cluster and n.id <> c.id and ST_DWithin(n.geom, c.geom, cast(:maxRoad as float8))
                         order by n.id) as neighbours
            from clustered c
            order by c.id
            """;

    /**
     * The chosen results as a FeatureCollection, in rank order. {@code :results} is a JSON array of
     * {parcels: [id…], ranking: {…}}; a result of several parcels is a combined site, drawn as their
     * union with an outline that closes the roads between them.
     */
    private static final String RESULTS_AS_GEOJSON = """
            with chosen as (
              select r.rank, r.item->'ranking' as ranking, cast(pid as bigint) as parcel_id
              from json_array_elements(cast(:results as json)) with ordinality as r(item, rank)
              cross join lateral json_array_elements_text(r.item->'parcels') as pid),
            members as (
              select c.rank, c.ranking, p.id, p.geom, z.code as zone, p.code, b.code as block, p.land_use_code, p.state,
                     p.far_min, p.far_max, p.height_limit_m, a.supply_plan, a.planned_supply, ready_date(p.id) as ready,
                     s.investment_min_wan_mu, s.tax_min_wan_mu, s.energy_max_tce_wan, s.emission_standard,
                     se.ordinal as emission_ordinal
              from chosen c
              join parcel p on p.id = c.parcel_id
              join zone z on z.id = p.zone_id
              join available_land a on a.parcel_id = p.id
              left join block b on b.id = p.block_id
              left join standard_land s on s.parcel_id = p.id
              left join emission_standard se on se.code = s.emission_standard),
            results as (
              select m.rank, min(m.ranking::text)::json as ranking, count(*) as parcel_count,
                     ST_Union(m.geom) as geom, sum(ST_Area(m.geom)) as m2,
                     -- a combined site is ready when its last parcel is; unknown if any is unknown
                     case when bool_and(m.ready is not null) then max(m.ready) end as ready,
                     ST_Distance(ST_Collect(m.geom), near.g) as distance_m,
                     max(m.investment_min_wan_mu) as investment_min, max(m.tax_min_wan_mu) as tax_min,
                     min(m.energy_max_tce_wan) as energy_max, min(m.emission_ordinal) as emission_ordinal,
                     max(m.far_min) as far_min, min(m.far_max) as far_max,
                     json_agg(json_build_object(
                        'zone', m.zone, 'code', m.code, 'block', m.block, 'landUse', m.land_use_code, 'state', m.state,
                        'area', area_json(ST_Area(m.geom)), 'readyDate', m.ready, 'supplyPlan', m.supply_plan,
                        'plannedSupply', m.planned_supply,
                        'farMin', m.far_min, 'farMax', m.far_max, 'heightLimitM', m.height_limit_m,
                        'standardLand', case when m.investment_min_wan_mu is null then null else json_build_object(
                           'investmentMinWanPerMu', m.investment_min_wan_mu, 'taxMinWanPerMu', m.tax_min_wan_mu,
                           'energyMaxTcePerWan', m.energy_max_tce_wan, 'emissionStandard', m.emission_standard) end)
                        order by m.code) as parcels,
                     array_agg(distinct m.block) as blocks,
                     array_agg(distinct m.land_use_code order by m.land_use_code) as land_uses,
                     min(m.zone) as zone, min(m.code) as first_code
              from members m
              cross join (select ST_Transform(ST_SetSRID(ST_MakePoint(cast(:lon as float8), cast(:lat as float8)), 4326),
                                              4549) as g) near
              group by m.rank, near.g)
            select json_build_object(
                     'type', 'FeatureCollection',
                     'numberMatched', cast(:matched as int),
                     'numberReturned', count(r.rank),
                     'features', coalesce(json_agg(json_build_object(
                        'type', 'Feature',
                        'id', case when r.parcel_count = 1 then r.zone || '/' || r.first_code
                                   else 'site:' || r.zone || '/' || r.first_code || '+' || (r.parcel_count - 1) end,
                        'geometry', ST_AsGeoJSON(ST_Transform(r.geom, 4326), 7)::json,
                        'properties', json_build_object(
                           'rank', r.rank,
                           'kind', case when r.parcel_count = 1 then 'parcel' else 'site' end,
                           'zone', r.zone,
                           'code', case when r.parcel_count = 1 then r.first_code end,
                           'blocks', to_json(r.blocks), 'landUses', to_json(r.land_uses),
                           'area', area_json(r.m2),
                           'readyDate', r.ready,
                           'distanceM', round(cast(r.distance_m as numeric), 2),
                           'standardLand', case when r.investment_min is null then null else json_build_object(
                              'investmentMinWanPerMu', r.investment_min, 'taxMinWanPerMu', r.tax_min,
                              'energyMaxTcePerWan', r.energy_max,
                              'emissionStandard', (select code from emission_standard where ordinal = r.emission_ordinal)) end,
                           'farMin', r.far_min, 'farMax', r.far_max,
                           'ranking', r.ranking,
                           'parcels', r.parcels,
                           'labelPoint', ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(r.geom), 4326), 7)::json->'coordinates',
                           'outline', case when r.parcel_count = 1 then null else ST_AsGeoJSON(ST_Transform(
                              ST_Buffer(ST_Buffer(r.geom, cast(:maxRoad as float8) / 2 + 1, 'join=mitre'),
                                        -(cast(:maxRoad as float8) / 2 + 1), 'join=mitre'), 4326), 7)::json end))
                        order by r.rank), '[]'::json))::text
            from results r
            """;

    /** What the finder says of one parcel: whether it is available, when ready, the zone's conditions. */
    private static final String OFFER = """
            select json_build_object(
                     'zone', z.code, 'code', p.code, 'state', p.state, 'landUse', p.land_use_code,
                     'available', a.parcel_id is not null, 'supplyPlan', a.supply_plan, 'plannedSupply', a.planned_supply,
                     'readyDate', ready_date(p.id),
                     'area', area_json(ST_Area(p.geom)),
                     'farMin', p.far_min, 'farMax', p.far_max, 'heightLimitM', p.height_limit_m,
                     'standardLand', case when s.parcel_id is null then null else json_build_object(
                        'investmentMinWanPerMu', s.investment_min_wan_mu, 'taxMinWanPerMu', s.tax_min_wan_mu,
                        'energyMaxTcePerWan', s.energy_max_tce_wan, 'emissionStandard', s.emission_standard,
                        'emissionStandardName', se.name_zh, 'emissionStandardNameEn', se.name_en) end,
                     'interestCount', (select count(*) from parcel_interest i
                                       where i.parcel_id in (select parcel_and_ancestors(p.id))))::text
            from parcel_all p
            join zone z on z.id = p.zone_id
            left join available_land a on a.parcel_id = p.id
            left join standard_land s on s.parcel_id = p.id
            left join emission_standard se on se.code = s.emission_standard
            where p.id = :id
            """;

    private final JdbcClient jdbc;

    /** Candidates may lag a little: from the replica when there is one. */
    FinderRepository(ReadReplica replica) {
        this.jdbc = replica.reads();
    }

    List<Candidate> candidates(FinderQuery q, String use) {
        return jdbc.sql(CANDIDATES)
                .param("use", use).param("zone", q.zone()).param("block", q.block()).param("readyBy", q.readyBy())
                .param("lon", q.nearLon()).param("lat", q.nearLat()).param("maxDistance", q.maxDistance())
                .param("far", q.far()).param("investment", q.investment()).param("tax", q.tax())
                .param("energy", q.energy()).param("emission", q.emission()).param("maxRoad", q.maxRoad())
                .query(FinderRepository::candidate).list();
    }

    private static Candidate candidate(ResultSet rs, int row) throws SQLException {
        Array neighbours = rs.getArray("neighbours");
        Long[] ids = (Long[]) neighbours.getArray();
        long[] links = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            links[i] = ids[i];
        }
        double distance = rs.getDouble("distance_m");
        Double distanceM = rs.wasNull() ? null : distance;
        return new Candidate(rs.getLong("id"), rs.getString("zone"), rs.getString("code"), rs.getBigDecimal("mu"),
                rs.getObject("ready", LocalDate.class), distanceM, rs.getDouble("x"), rs.getDouble("y"),
                rs.getInt("cluster"), links);
    }

    String resultsAsGeoJson(String resultsJson, int matched, FinderQuery q) {
        return jdbc.sql(RESULTS_AS_GEOJSON).param("results", resultsJson).param("matched", matched)
                .param("lon", q.nearLon()).param("lat", q.nearLat()).param("maxRoad", q.maxRoad())
                .query(String.class).single();
    }

    /** The offer of the parcel ParcelLookup found. */
    String offer(long parcel) {
        return jdbc.sql(OFFER).param("id", parcel).query(String.class).single();
    }

    /** The land-use code a {@code use} filter names: a code of the classification or a GB 50137 code (M2). */
    Optional<String> landUse(String code) {
        return jdbc.sql("select resolve_land_use(:code)").param("code", code).query(String.class).optional()
                .filter(c -> c != null);
    }

    boolean zoneExists(String zone) {
        return jdbc.sql("select exists (select 1 from zone where code = :zone)").param("zone", zone)
                .query(Boolean.class).single();
    }

    boolean blockExists(String zone, String block) {
        return jdbc.sql("""
                select exists (select 1 from block b join zone z on z.id = b.zone_id
                               where b.code = :block and (cast(:zone as text) is null or z.code = :zone))""")
                .param("zone", zone).param("block", block).query(Boolean.class).single();
    }

    boolean emissionStandardExists(String code) {
        return jdbc.sql("select exists (select 1 from emission_standard where code = :code)").param("code", code)
                .query(Boolean.class).single();
    }

    List<EmissionStandard> emissionStandards() {
        return jdbc.sql("select code, ordinal, name_zh, name_en from emission_standard order by ordinal")
                .query(EmissionStandard.class).list();
    }
}
