package com.landrenew.finder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The zones' named places (ports, motorway exits, airports) as GeoJSON points in WGS84. */
@Repository
class PlaceRepository {

    private static final String PLACES = """
            select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                     'type', 'Feature', 'id', z.code || '/' || pl.code,
                     'geometry', ST_AsGeoJSON(ST_Transform(pl.geom, 4326), 7)::json,
                     'properties', json_build_object('zone', z.code, 'code', pl.code, 'name', pl.name, 'kind', pl.kind))
                     order by z.code, pl.code), '[]'::json))::text
            from place pl
            join zone z on z.id = pl.zone_id
            where cast(:zone as text) is null or z.code = :zone
            """;

    private final JdbcClient jdbc;

    PlaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String placesAsGeoJson(String zone) {
        return jdbc.sql(PLACES).param("zone", zone).query(String.class).single();
    }
}
