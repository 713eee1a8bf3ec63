package com.landrenew.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hand-made shapes in the survey CRS (EPSG:4549 metres, WKT) and what the map sends of them: GeoJSON
 * in CRS84, converted by PostGIS, as a planner's drawn line or outline arrives at the API.
 */
public final class SurveyShapes {

    private SurveyShapes() {
    }

    public static String rectangle(double x0, double y0, double x1, double y1) {
        return "POLYGON((" + x0 + " " + y0 + "," + x1 + " " + y0 + "," + x1 + " " + y1 + "," + x0 + " " + y1 + ","
                + x0 + " " + y0 + "))";
    }

    public static String line(double x0, double y0, double x1, double y1) {
        return "LINESTRING(" + x0 + " " + y0 + "," + x1 + " " + y1 + ")";
    }

    /** A geometry written in EPSG:4549 WKT, as GeoJSON in CRS84 with 12 decimals (a tenth of a micrometre). */
    public static String lonLat(JdbcClient jdbc, String surveyWkt) {
        return jdbc.sql("select ST_AsGeoJSON(ST_Transform(ST_GeomFromText(:wkt, 4549), 4326), 12)")
                .param("wkt", surveyWkt).query(String.class).single();
    }

    /** A survey point as [longitude, latitude]. */
    public static double[] lonLat(JdbcClient jdbc, double x, double y) {
        return jdbc.sql("select ST_X(p), ST_Y(p) from (select ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), 4549), 4326) as p) q")
                .param("x", x).param("y", y).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
    }
}
