package com.landrenew.export;

import java.util.List;

import com.landrenew.database.ReadReplica;
import com.landrenew.geo.Bbox;
import com.landrenew.geo.ChinaTime;
import com.landrenew.layer.MapLayer.Use;
import com.landrenew.layer.MapLayer;
import com.landrenew.layer.MapLayers;
import com.landrenew.security.Viewer;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Layers out of the store as files: PostGIS writes GeoJSON in the survey CRS and GDAL turns it into
 * the format and CRS asked for, so every export carries the official geometry, reprojected once. Which
 * layers and attributes are written is the layer list's (layer/MapLayers); exports are for staff.
 */
@Service
class LayerExport {

    enum Format {
        geojson("GeoJSON", "geojson", "application/geo+json"),
        gpkg("GPKG", "gpkg", "application/geopackage+sqlite3"),
        csv("CSV", "csv", "text/csv"),
        /** A zipped Shapefile (GDAL writes .shp.zip itself); field names are cut to 10 characters, as the format has them. */
        shp("ESRI Shapefile", "shp.zip", "application/zip");

        final String driver;
        final String extension;
        final String mediaType;

        Format(String driver, String extension, String mediaType) {
            this.driver = driver;
            this.extension = extension;
            this.mediaType = mediaType;
        }
    }

    private static final String AS_SURVEY_GEOJSON = """
            select json_build_object('type', 'FeatureCollection',
                     'crs', json_build_object('type', 'name', 'properties', json_build_object('name', 'urn:ogc:def:crs:EPSG::4549')),
                     'features', coalesce(json_agg(json_build_object('type', 'Feature', 'properties', l.props,
                                                                     'geometry', ST_AsGeoJSON(l.geom, 3)::json)), '[]'::json))::text
            from (%s) l
            where (cast(:zone as text) is null or l.props->>'zone' = :zone or l.props->>'code' = :zone and :layer = 'zones')
              and (cast(:state as text) is null or l.props->>'state' = :state)
              and (cast(:minLon as float8) is null or l.geom && ST_Transform(ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326), 4549))
            """;

    /** The layers exports write, and those among them with a state to filter by (the layer list says). */
    private static final List<MapLayer> EXPORTED = MapLayers.ALL.stream().filter(MapLayer::exported).toList();
    private static final List<String> WITH_STATE = EXPORTED.stream().filter(l -> l.serves(Use.EXPORT, "state"))
            .map(MapLayer::id).toList();

    private final JdbcClient jdbc;
    private final OgrWriter ogr;

    /** Exports may lag a little: from the replica when there is one. */
    LayerExport(ReadReplica replica, OgrWriter ogr) {
        this.jdbc = replica.reads();
        this.ogr = ogr;
    }

    private static String exportedIds() {
        return String.join(", ", EXPORTED.stream().map(MapLayer::id).sorted().toList());
    }

    byte[] export(String layer, Format format, int crs, String zone, Bbox bbox, String state) {
        MapLayer exported = EXPORTED.stream().filter(l -> l.id().equals(layer)).findFirst()
                .orElseThrow(() -> new BadRequestException("参数 layer 应为 " + exportedIds() + " 之一，收到 '" + Excerpt.of(layer) + "'。layer must be one of "
                        + exportedIds() + ", got '" + Excerpt.of(layer) + "'"));
        if (state != null && !WITH_STATE.contains(layer)) {
            throw new BadRequestException("参数 state 只能筛选 " + String.join("、", WITH_STATE) + " 图层。state filters "
                    + String.join(", ", WITH_STATE) + " only");
        }
        String geoJson = Viewer.current().bind(jdbc.sql(AS_SURVEY_GEOJSON.formatted(features(exported))))
                .param("layer", layer).param("zone", zone).param("state", state).param("today", ChinaTime.today())
                .param("minLon", bbox == null ? null : bbox.minLon()).param("minLat", bbox == null ? null : bbox.minLat())
                .param("maxLon", bbox == null ? null : bbox.maxLon()).param("maxLat", bbox == null ? null : bbox.maxLat())
                .query(String.class).single();
        List<String> options = switch (format) {
            case geojson -> List.of(crs == 4326 ? "RFC7946=YES" : "RFC7946=NO");
            case csv -> List.of("GEOMETRY=AS_WKT");
            case gpkg -> List.of();
            // A .cpg saying UTF-8, so that Chinese names come back as they went.
            case shp -> List.of("ENCODING=UTF-8");
        };
        // GDAL's CSV writer would print a date as 2026/01/31: there dates stay the text PostGIS wrote, 2026-01-31.
        // The other writers keep a date type (a Shapefile's DBF stores yyyymmdd) that reads back as the same ISO date.
        List<String> reading = format == Format.csv ? List.of("DATE_AS_STRING=YES") : List.of();
        return ogr.fromSurveyGeoJson(geoJson, layer, format.driver, format.extension, crs, reading, options);
    }

    /** The layer's features: survey geometry and the attributes the layer list gives exports. */
    private static String features(MapLayer layer) {
        return "select " + layer.geometry() + " as geom, " + layer.jsonProperties(Use.EXPORT) + " as props\n" + layer.from();
    }
}
