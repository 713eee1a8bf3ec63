package com.landrenew.parcel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyShapes;
import com.landrenew.support.TestAreas;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Geometry the API is sent (outline edits, split lines, drawn supply sites) and makes (merges): a ring
 * that is not closed or has fewer than 4 positions is a 400 naming the ring, and a feature over
 * landrenew.limits.max-vertices (20,000) a 422 naming its count and the limit; nothing is written.
 * Zone "bnd12" is 8 km x 4 km from (X0, Y0) of its own test area: BND-1, BND-2 and BND-5 are 100 m
 * squares; BND-3 and BND-4 are 5.6 km x 100 m strips, one on the other, whose outer long sides are
 * sawteeth of 1 m (11,200 vertices each).
 */
@LandRenewTest
class GeometryLimitsApiTest {

    static final String ZONE = "bnd12";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 8, 4);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (GeometryLimitsApiTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, X0, Y0, X0 + 8000, Y0 + 4000);
                fixtures.parcel(ZONE, null, "BND-1", X0 + 100, Y0 + 100, X0 + 200, Y0 + 200, "100102", null);
                fixtures.parcel(ZONE, null, "BND-2", X0 + 400, Y0 + 100, X0 + 500, Y0 + 200, "100102", null);
                fixtures.parcel(ZONE, null, "BND-5", X0 + 700, Y0 + 100, X0 + 800, Y0 + 200, "100102", null);
                strip("BND-3", Y0 + 2000, -1);
                strip("BND-4", Y0 + 2100, +1);
            }
        }
    }

    /** A 5,600 m x 100 m strip whose long side away from {@code y} (below it for -1, above y + 100 for +1) is a 1 m sawtooth. */
    private void strip(String code, double y, int outward) {
        long id = new Fixtures(jdbc).parcel(ZONE, null, code, X0 + 1000, y, X0 + 6600, y + 100, "100102", null);
        double straight = outward < 0 ? y + 100 : y;
        double toothed = outward < 0 ? y : y + 100;
        List<String> points = new ArrayList<>();
        points.add(xy(X0 + 1000, straight));
        points.add(xy(X0 + 6600, straight));
        for (int i = 0; i <= 5600; i++) {
            double x = X0 + 6600 - i;
            points.add(xy(x, toothed));
            if (i < 5600) {
                points.add(xy(x - 0.5, toothed + outward));
            }
        }
        points.add(points.get(0));
        jdbc.sql("update parcel set geom = ST_Multi(ST_GeomFromText(:wkt, 4549)) where id = :id")
                .param("wkt", "POLYGON((" + String.join(",", points) + "))").param("id", id).update();
    }

    private static String xy(double x, double y) {
        return x + " " + y;
    }

    @Test
    void anUnclosedRingOrARingOfThreePositionsIsA400NamingTheRing() {
        String path = "/api/parcels/" + ZONE + "/BND-1";
        double[] a = SurveyShapes.lonLat(jdbc, X0 + 100, Y0 + 100);
        double[] b = SurveyShapes.lonLat(jdbc, X0 + 200, Y0 + 100);
        double[] c = SurveyShapes.lonLat(jdbc, X0 + 200, Y0 + 200);
        double[] d = SurveyShapes.lonLat(jdbc, X0 + 100, Y0 + 200);
        String unclosed = polygon(a, b, c, d);
        String threePositions = polygon(a, b, a);
        assertBad(api.put(path, "{\"version\":0,\"geometry\":" + unclosed + "}"),
                "geometry 的第 1 个环未闭合：末个坐标与首个不同。geometry: ring 1 is not closed: its last position differs from its first.");
        assertBad(api.put(path, "{\"version\":0,\"geometry\":" + threePositions + "}"),
                "geometry: ring 1 has 3 positions; a ring needs at least 4, the last repeating the first.");
        assertBad(api.put(path, "{\"version\":0,\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" + coordinates(a, b, c, a)
                + "," + coordinates(a, b, a) + "]}}"), "geometry: ring 1 of polygon 2 has 3 positions");
        assertBad(api.put(path, "{\"version\":0,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + a[0] + "],["
                + b[0] + "," + b[1] + "]]]}}"), "geometry: position 1 of ring 1 must be 2 or 3 finite numbers");
        assertThat(version("BND-1")).as("nothing written").isZero();

        String split = "/api/parcels/" + ZONE + "/BND-2/split";
        assertBad(api.post(split, "{\"version\":0,\"line\":{\"type\":\"LineString\",\"coordinates\":[[" + a[0] + "," + a[1]
                + "]]}}"), "line: the line has 1 positions; a line needs at least 2.");

        String site = "{\"zone\":\"" + ZONE + "\",\"name\":\"bnd12 site\",\"requiredMu\":5,\"landUse\":\"1001\","
                + "\"wantedStart\":\"2030-01-01\",\"site\":{\"polygon\":";
        assertBad(api.post("/api/supply/plans", site + unclosed + "}}"), "site.polygon: ring 1 is not closed");
        assertBad(api.post("/api/supply/plans", site + threePositions + "}}"), "site.polygon: ring 1 has 3 positions");
        assertBad(api.post("/api/supply/plans", site + "{\"type\":\"Polygon\",\"coordinates\":[[[" + a[0] + "," + a[1] + "],["
                + b[0] + "],[" + c[0] + "," + c[1] + "],[" + a[0] + "," + a[1] + "]]]}}}"),
                "site.polygon: position 2 of ring 1 must be 2 or 3 finite numbers (longitude, latitude)");
        assertThat(jdbc.sql("select count(*) from supply_plan p join zone z on z.id = p.zone_id where z.code = :zone")
                .param("zone", ZONE).query(Integer.class).single()).as("no plan made").isZero();
    }

    @Test
    void anOutlineOfMoreThan20000VerticesIsA422NamingTheCountAndTheLimit() {
        String path = "/api/parcels/" + ZONE + "/BND-1";
        Api.Response huge = api.put(path, "{\"version\":0,\"geometry\":" + square(X0 + 100, Y0 + 100, 100, 100_000) + "}");
        assertThat(huge.status()).as(huge.body()).isEqualTo(422);
        assertThat(huge.json().path("detail").asString()).isEqualTo("geometry 有 100001 个顶点，超过上限 20000。"
                + "geometry has 100001 vertices; a feature may have at most 20000 (landrenew.limits.max-vertices).");
        assertThat(huge.json().path("maxVertices").asInt()).isEqualTo(20000);
        assertThat(version("BND-1")).as("nothing written").isZero();
        assertThat(vertices("BND-1")).isEqualTo(5);

        Api.Response atTheLimit = api.put("/api/parcels/" + ZONE + "/BND-5",
                "{\"version\":0,\"geometry\":" + square(X0 + 700, Y0 + 100, 100, 19_999) + "}");
        assertThat(atTheLimit.status()).as("20,000 vertices are within the limit: " + atTheLimit.body()).isEqualTo(200);
    }

    @Test
    void aSplitLineOfMoreThan20000VerticesIsA422() {
        double[] west = SurveyShapes.lonLat(jdbc, X0 + 350, Y0 + 150);
        double[] east = SurveyShapes.lonLat(jdbc, X0 + 550, Y0 + 150);
        List<double[]> line = new ArrayList<>();
        for (int i = 0; i <= 20_000; i++) {
            double t = i / 20_000.0;
            line.add(new double[] {west[0] + t * (east[0] - west[0]), west[1] + t * (east[1] - west[1])});
        }
        Api.Response split = api.post("/api/parcels/" + ZONE + "/BND-2/split", "{\"version\":0,\"line\":{\"type\":\"LineString\","
                + "\"coordinates\":" + positions(line) + "}}");
        assertThat(split.status()).as(split.body()).isEqualTo(422);
        assertThat(split.json().path("detail").asString()).contains("line has 20001 vertices", "at most 20000");
        assertThat(version("BND-2")).as("not split").isZero();
    }

    @Test
    void aMergeWhoseOutlineWouldHaveMoreThan20000VerticesIsA422AndMergesNothing() {
        assertThat(vertices("BND-3")).isEqualTo(11_204);
        String body = "{\"zone\":\"" + ZONE + "\",\"parcels\":[{\"code\":\"BND-3\",\"version\":" + version("BND-3") + "},"
                + "{\"code\":\"BND-4\",\"version\":" + version("BND-4") + "}],\"code\":\"BND-34\"}";
        Api.Response merge = api.post("/api/parcels/merge", body);
        assertThat(merge.status()).as(merge.body()).isEqualTo(422);
        assertThat(merge.json().path("detail").asString()).startsWith("merged outline 有 ")
                .contains("a feature may have at most 20000");
        assertThat(merge.json().path("vertices").asInt()).isGreaterThan(20_000);
        assertThat(jdbc.sql("select count(*) from parcel p join zone z on z.id = p.zone_id where z.code = :zone"
                + " and p.code in ('BND-3', 'BND-4')").param("zone", ZONE).query(Integer.class).single())
                .as("both parents still current").isEqualTo(2);
    }

    private static void assertBad(Api.Response response, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).contains(detail);
    }

    private int version(String code) {
        return jdbc.sql("select p.version from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = :code")
                .param("zone", ZONE).param("code", code).query(Integer.class).single();
    }

    private int vertices(String code) {
        return jdbc.sql("select ST_NPoints(p.geom) from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = :code")
                .param("zone", ZONE).param("code", code).query(Integer.class).single();
    }

    /** A square of {@code side} metres from (x, y) in CRS84, its boundary cut into {@code segments} (one more vertex, closing it). */
    private String square(double x, double y, double side, int segments) {
        double[][] corners = {SurveyShapes.lonLat(jdbc, x, y), SurveyShapes.lonLat(jdbc, x + side, y),
                SurveyShapes.lonLat(jdbc, x + side, y + side), SurveyShapes.lonLat(jdbc, x, y + side)};
        List<double[]> ring = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            double along = 4.0 * i / segments;
            int edge = (int) along;
            double t = along - edge;
            double[] from = corners[edge];
            double[] to = corners[(edge + 1) % 4];
            ring.add(new double[] {from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])});
        }
        ring.add(ring.get(0));
        return "{\"type\":\"Polygon\",\"coordinates\":[" + positions(ring) + "]}";
    }

    private static String polygon(double[]... ring) {
        return "{\"type\":\"Polygon\",\"coordinates\":" + coordinates(ring) + "}";
    }

    private static String coordinates(double[]... ring) {
        return "[" + positions(List.of(ring)) + "]";
    }

    private static String positions(List<double[]> points) {
        return points.stream().map(p -> String.format(Locale.ROOT, "[%.9f,%.9f]", p[0], p[1]))
                .collect(Collectors.joining(",", "[", "]"));
    }
}
