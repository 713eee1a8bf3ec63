package com.landrenew.export;

import java.util.List;
import java.util.Map;

import com.landrenew.geo.Bbox;
import com.landrenew.web.BadRequestException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Layers out of the store as files: PostGIS writes GeoJSON in the survey CRS and GDAL turns it into
 * the format and CRS asked for, so every export carries the official geometry, reprojected once.
 */
@Service
class LayerExport {

    enum Format {
        geojson("GeoJSON", "geojson", "application/geo+json"),
        gpkg("GPKG", "gpkg", "application/geopackage+sqlite3"),
        csv("CSV", "csv", "text/csv");

        final String driver;
        final String extension;
        final String mediaType;

        Format(String driver, String extension, String mediaType) {
            this.driver = driver;
            this.extension = extension;
            this.mediaType = mediaType;
        }
    }

    /** What each layer writes: its features' properties and geometry, and the table it is read from. */
    private static final Map<String, String> LAYERS = Map.of(
            "parcels", """
                select p.geom, json_build_object('zone', z.code, 'code', p.code, 'block', b.code, 'land_use', p.land_use_code,
                         'state', p.state, 'enterprise', e.name, 'credit_code', e.credit_code,
                         'lease_start', p.lease_start, 'lease_end', p.lease_end, 'far_min', p.far_min, 'far_max', p.far_max,
                         'height_limit_m', p.height_limit_m, 'area_m2', round(ST_Area(p.geom)::numeric, 2),
                         'area_mu', to_mu(ST_Area(p.geom))) as props
                from parcel p join zone z on z.id = p.zone_id left join block b on b.id = p.block_id
                left join enterprise e on e.id = p.enterprise_id
                where (cast(:state as text) is null or p.state = :state)""",
            "blocks", """
                select b.boundary as geom, json_build_object('zone', z.code, 'code', b.code, 'name', b.name,
                         'area_m2', round(ST_Area(b.boundary)::numeric, 2), 'area_mu', to_mu(ST_Area(b.boundary))) as props
                from block b join zone z on z.id = b.zone_id
                where cast(:state as text) is null""",
            "zones", """
                select z.boundary as geom, json_build_object('code', z.code, 'name', z.name, 'admin_code', z.admin_code,
                         'area_m2', round(ST_Area(z.boundary)::numeric, 2), 'area_mu', to_mu(ST_Area(z.boundary))) as props
                from zone z
                where cast(:state as text) is null""",
            "buildings", """
                select bu.footprint as geom, json_build_object('zone', z.code, 'parcel', p.code, 'floors', bu.floors,
                         'height_m', bu.height_m) as props
                from building bu join parcel p on p.id = bu.parcel_id join zone z on z.id = p.zone_id
                where cast(:state as text) is null""");

    private static final String AS_SURVEY_GEOJSON = """
            select json_build_object('type', 'FeatureCollection',
                     'crs', json_build_object('type', 'name', 'properties', json_build_object('name', 'urn:ogc:def:crs:EPSG::4549')),
                     'features', coalesce(json_agg(json_build_object('type', 'Feature', 'properties', l.props,
                                                                     'geometry', ST_AsGeoJSON(l.geom, 3)::json)), '[]'::json))::text
            from (%s) l
            where (cast(:zone as text) is null or l.props->>'zone' = :zone or l.props->>'code' = :zone and :layer = 'zones')
              and (cast(:minLon as float8) is null or l.geom && ST_Transform(ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326), 4549))
            """;

    private final JdbcClient jdbc;
    private final OgrWriter ogr;

    LayerExport(JdbcClient jdbc, OgrWriter ogr) {
        this.jdbc = jdbc;
        this.ogr = ogr;
    }

    byte[] export(String layer, Format format, int crs, String zone, Bbox bbox, String state) {
        String select = LAYERS.get(layer);
        if (select == null) {
            throw new BadRequestException("layer must be one of " + String.join(", ", List.copyOf(new java.util.TreeSet<>(LAYERS.keySet())))
                    + ", got '" + layer + "'");
        }
        if (state != null && !"parcels".equals(layer)) {
            throw new BadRequestException("state filters parcels only");
        }
        String geoJson = jdbc.sql(AS_SURVEY_GEOJSON.formatted(select)).param("layer", layer).param("zone", zone)
                .param("state", state)
                .param("minLon", bbox == null ? null : bbox.minLon()).param("minLat", bbox == null ? null : bbox.minLat())
                .param("maxLon", bbox == null ? null : bbox.maxLon()).param("maxLat", bbox == null ? null : bbox.maxLat())
                .query(String.class).single();
        List<String> options = switch (format) {
            case geojson -> List.of(crs == 4326 ? "RFC7946=YES" : "RFC7946=NO");
            case csv -> List.of("GEOMETRY=AS_WKT");
            case gpkg -> List.of();
        };
        return ogr.fromSurveyGeoJson(geoJson, format.driver, format.extension, crs, options);
    }
}
