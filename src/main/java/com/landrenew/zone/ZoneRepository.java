package com.landrenew.zone;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Zones and their blocks as GeoJSON built by PostGIS, with official areas from EPSG:4549. Parcel
 * counts and areas come from parcel_stats (V11), which a trigger keeps: counting a province's parcels
 * on every request took half a second.
 */
@Repository
class ZoneRepository {

    private static final String ZONES_AS_GEOJSON = """
            select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(
                     json_build_object(
                       'type', 'Feature', 'id', z.code,
                       'bbox', json_build_array(round(ST_XMin(w.g)::numeric, 6), round(ST_YMin(w.g)::numeric, 6),
                                                round(ST_XMax(w.g)::numeric, 6), round(ST_YMax(w.g)::numeric, 6)),
                       'geometry', ST_AsGeoJSON(w.g, 7)::json,
                       'properties', json_build_object(
                          'code', z.code, 'name', z.name, 'adminCode', z.admin_code,
                          'area', area_json(ST_Area(z.boundary)),
                          'blockCount', (select count(*) from block b where b.zone_id = z.id),
                          'parcelCount', (select coalesce(sum(s.parcels), 0) from parcel_stats s where s.zone_id = z.id)))
                     order by z.code), '[]'::json))::text
            from zone z
            cross join lateral (select ST_Transform(z.boundary, 4326) as g) w
            """;

    private static final String BLOCKS_AS_GEOJSON = """
            select json_build_object('type', 'FeatureCollection', 'zone', :zone, 'features', coalesce(json_agg(
                     json_build_object(
                       'type', 'Feature', 'id', b.code,
                       'geometry', ST_AsGeoJSON(ST_Transform(b.boundary, 4326), 7)::json,
                       'properties', json_build_object(
                          'zone', z.code, 'code', b.code, 'name', b.name,
                          'area', area_json(ST_Area(b.boundary)),
                          'parcelCount', stats.parcels,
                          'parcelArea', area_json(stats.m2),
                          'labelPoint', ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(b.boundary), 4326), 6)::json->'coordinates'))
                     order by b.code), '[]'::json))::text
            from block b
            join zone z on z.id = b.zone_id
            cross join lateral (select coalesce(sum(s.parcels), 0) as parcels, coalesce(sum(s.area_m2), 0) as m2
                                from parcel_stats s where s.block_id = b.id) stats
            where z.code = :zone
            """;

    private final JdbcClient jdbc;

    ZoneRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String zonesAsGeoJson() {
        return jdbc.sql(ZONES_AS_GEOJSON).query(String.class).single();
    }

    boolean exists(String zone) {
        return jdbc.sql("select exists (select 1 from zone where code = :zone)").param("zone", zone)
                .query(Boolean.class).single();
    }

    Optional<String> blocksAsGeoJson(String zone) {
        return exists(zone)
                ? Optional.of(jdbc.sql(BLOCKS_AS_GEOJSON).param("zone", zone).query(String.class).single())
                : Optional.empty();
    }
}
