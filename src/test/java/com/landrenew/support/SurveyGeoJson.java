package com.landrenew.support;

/** GeoJSON in the survey CRS (EPSG:4549, with the crs member GDAL reads) for upload tests. */
public final class SurveyGeoJson {

    private SurveyGeoJson() {
    }

    /** The rings of the rectangle from (x0, y0) to (x1, y1), in EPSG:4549 metres. */
    public static String rectangle(double x0, double y0, double x1, double y1) {
        return "[[[" + x0 + "," + y0 + "],[" + x1 + "," + y0 + "],[" + x1 + "," + y1 + "],[" + x0 + "," + y1 + "],["
                + x0 + "," + y0 + "]]]";
    }

    /** A polygon feature with code and land_use, plus {@code moreProperties} (JSON members, may be empty). */
    public static String feature(String code, String landUse, String moreProperties, String rings) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"land_use\":\"" + landUse + "\""
                + (moreProperties.isEmpty() ? "" : "," + moreProperties) + "},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + rings + "}}";
    }

    public static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4549\"}},"
                + "\"features\":[" + String.join(",", features) + "]}";
    }
}
