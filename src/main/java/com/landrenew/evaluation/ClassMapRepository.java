package com.landrenew.evaluation;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The map's evaluation mode: parcels by their holder's class, and a holder's classes over the years. */
@Repository
class ClassMapRepository {

    /** The zone's current parcels whose holder was evaluated that year, as GeoJSON in WGS 84 (PostGIS writes it). */
    private static final String CLASSES = """
            select json_build_object('type', 'FeatureCollection', 'zone', :zone, 'year', :year,
                     'features', coalesce(json_agg(json_build_object(
                       'type', 'Feature', 'id', :zone || '/' || p.code,
                       'geometry', ST_AsGeoJSON(ST_Transform(p.geom, 4326), 7)::json,
                       'properties', json_build_object('zone', :zone, 'code', p.code, 'class', r.class,
                                                       'score', r.score, 'enterprise', e.name, 'state', p.state))
                     order by p.code), '[]'::json))::text
            from parcel p
            join zone z on z.id = p.zone_id
            join evaluation_result r on r.zone_code = z.code and r.year = :year and r.enterprise_id = p.enterprise_id
            join enterprise e on e.id = p.enterprise_id
            where z.code = :zone
            """;

    /** Every year's result of the parcel's current holder in the parcel's zone, oldest first. */
    private static final String HISTORY = """
            select r.year, r.class as evaluation_class, r.score, r.veto, r.rank, r.tax_wan_per_mu,
                   r.value_added_wan_per_mu
            from parcel p
            join zone z on z.id = p.zone_id
            join evaluation_result r on r.zone_code = z.code and r.enterprise_id = p.enterprise_id
            where z.code = :zone and p.code = :code
            order by r.year
            """;

    private final JdbcClient jdbc;

    ClassMapRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String classes(String zone, int year) {
        return jdbc.sql(CLASSES).param("zone", zone).param("year", year).query(String.class).single();
    }

    /** One year of a holder's evaluation, for the parcel card. */
    record YearResult(int year, String evaluationClass, Double score, String veto, Integer rank, Double taxWanPerMu,
            Double valueAddedWanPerMu) {
    }

    List<YearResult> history(String zone, String code) {
        return jdbc.sql(HISTORY).param("zone", zone).param("code", code)
                .query((rs, i) -> new YearResult(rs.getInt("year"), rs.getString("evaluation_class"),
                        Numbers.nullable(rs, "score"), rs.getString("veto"), (Integer) rs.getObject("rank"),
                        Numbers.nullable(rs, "tax_wan_per_mu"), Numbers.nullable(rs, "value_added_wan_per_mu")))
                .list();
    }
}
