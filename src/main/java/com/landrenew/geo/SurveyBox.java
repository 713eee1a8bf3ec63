package com.landrenew.geo;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A longitude/latitude search box taken into the survey CRS (EPSG:4549) for an index search there.
 * Boxes are clipped first to where a transverse Mercator on 120E stays sound ({@link #SOUND_AREA});
 * no zone lies outside it.
 */
public final class SurveyBox {

    public static final Bbox SOUND_AREA = new Bbox(75, -80, 165, 84);

    /** A CTE {@code box(g)}: the box in EPSG:4549; edges are densified because the projection bends long lines. */
    public static final String CTE = """
            with box as (
              select ST_Transform(ST_Segmentize(ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326),
                                                (:maxLon - :minLon) / 32), 4549) as g)
            """;

    private SurveyBox() {
    }

    /** Whether a WGS84 point lies where distances and areas in EPSG:4549 are sound. */
    public static boolean covers(double lon, double lat) {
        return lon >= SOUND_AREA.minLon() && lon <= SOUND_AREA.maxLon() && lat >= SOUND_AREA.minLat()
                && lat <= SOUND_AREA.maxLat();
    }

    /** Binds the box's corners to a statement that starts with {@link #CTE}. */
    public static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Bbox box) {
        return statement.param("minLon", box.minLon()).param("minLat", box.minLat())
                .param("maxLon", box.maxLon()).param("maxLat", box.maxLat());
    }
}
