package com.landrenew.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The 3D scene of a hand-built parcel: P (100 m × 80 m, stored, FAR 1.0–2.0, 24 m height limit) with
 * its centroid at (CX, CY) in EPSG:4549, 1 km in from its test area's corner; Q across a 20 m road to the
 * east with a building; R and its buildings 300–500 m east, partly beyond a 350 m radius.
 */
@LandRenewTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SceneApiTest {

    static final String ZONE = "scene-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 3, 2);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final double CX = X0 + 1050;
    static final double CY = Y0 + 1040;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeAll
    void buildTheLand() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        if (fixtures.zoneExists(ZONE)) {
            return;
        }
        fixtures.zone(ZONE, X0, Y0, X0 + 2500, Y0 + 2000);
        fixtures.block(ZONE, "b", X0 + 990, Y0 + 990, X0 + 1700, Y0 + 1090);
        long p = fixtures.parcel(ZONE, "b", "P", X0 + 1000, Y0 + 1000, X0 + 1100, Y0 + 1080, "100102", null);
        fixtures.walk(p, "2024-03-01", "vacating", "vacated", "stored");
        jdbc.sql("update parcel set far_min = 1.0, far_max = 2.0, height_limit_m = 24 where id = :id").param("id", p).update();
        long q = fixtures.parcel(ZONE, "b", "Q", X0 + 1120, Y0 + 1000, X0 + 1220, Y0 + 1080, "100101", null);
        building(q, X0 + 1130, Y0 + 1010, X0 + 1170, Y0 + 1050, 3, 13.5);
        long r = fixtures.parcel(ZONE, "b", "R", X0 + 1400, Y0 + 1000, X0 + 1600, Y0 + 1080, "100101", null);
        building(r, X0 + 1410, Y0 + 1010, X0 + 1440, Y0 + 1030, 2, 9.0);    // within 350 m of P
        building(r, X0 + 1430, Y0 + 1040, X0 + 1480, Y0 + 1070, 4, 18.0);   // across the 350 m line (x = X0 + 1450)
        building(r, X0 + 1500, Y0 + 1010, X0 + 1590, Y0 + 1030, 1, 6.0);    // beyond it
        // the basemap: an arterial 100 m south of the block, 1.5 km long; a place name (not ground)
        jdbc.sql("""
                insert into basemap_feature (zone_id, kind, name, geom)
                select id, 'arterial', '场景路', ST_MakeLine(ST_MakePoint(:xa, :y), ST_MakePoint(:xb, :y))::geometry(LineString, 4549)
                from zone where code = :zone
                union all
                select id, 'place', '场景村', ST_SetSRID(ST_MakePoint(:xa, :y), 4549) from zone where code = :zone""")
                .param("xa", X0 + 500).param("xb", X0 + 2000).param("y", Y0 + 890).param("zone", ZONE).update();
    }

    @Test
    void theBasemapLiesOnTheGroundAsStripsOfItsWidthClippedAroundTheScene() {
        JsonNode ground = api.json("/api/parcels/" + ZONE + "/P/scene?radius=300").path("ground");
        assertThat(ground.size()).as("the arterial only: a place is no ground").isEqualTo(1);
        assertThat(ground.get(0).path("kind").asString()).isEqualTo("arterial");
        // P's centroid is (X0 + 1050, Y0 + 1040): the road's axis at local y -150, 28 m wide; the ground reaches
        // 1.6 × 300 m beyond P (x from -530 to 530)
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        for (JsonNode polygon : ground.get(0).path("polygons")) {
            for (JsonNode point : polygon.get(0)) {
                assertThat(point.get(1).asDouble()).isBetween(-164.01, -135.99);
                minX = Math.min(minX, point.get(0).asDouble());
                maxX = Math.max(maxX, point.get(0).asDouble());
            }
        }
        assertThat(minX).isBetween(-531.0, -500.0);
        assertThat(maxX).isBetween(500.0, 531.0);
    }

    @Test
    void coordinatesAreLocalMetresAboutTheCentroidWithHeights() {
        JsonNode scene = api.json("/api/parcels/" + ZONE + "/P/scene");
        assertThat(scene.path("radiusM").asDouble()).isEqualTo(300.0);
        assertThat(scene.path("origin").path("x").asDouble()).isCloseTo(CX, within(1e-6));
        assertThat(scene.path("origin").path("y").asDouble()).isCloseTo(CY, within(1e-6));
        assertThat(vertices(scene.path("parcel").path("polygons"))).contains(List.of(-50.0, -40.0), List.of(50.0, 40.0));
        JsonNode q = building(scene, "Q");
        // the corner (X0 + 1130, Y0 + 1010) is 80 m east and 30 m south of the centroid
        assertThat(vertices(q.path("polygons"))).contains(List.of(80.0, -30.0), List.of(120.0, 10.0));
        assertThat(q.path("heightM").asDouble()).isEqualTo(13.5);
        assertThat(q.path("floors").asInt()).isEqualTo(3);
        assertThat(q.path("onParcel").asBoolean()).isFalse();
        JsonNode neighbour = parcel(scene, "Q");
        assertThat(neighbour.path("state").asString()).isEqualTo("in_use");
        assertThat(neighbour.path("colour").asString()).isEqualTo("#9e9e9e");
        assertThat(neighbour.path("clipped").asBoolean()).isFalse();
        // available land shows what its planning conditions allow: 24 m up, FAR 2.0 × 8,000 m²
        JsonNode envelope = scene.path("envelope");
        assertThat(envelope.path("heightM").asDouble()).isEqualTo(24.0);
        assertThat(envelope.path("floorAreaMaxM2").asDouble()).isEqualTo(16000.0);
        assertThat(envelope.path("floorAreaMinM2").asDouble()).isEqualTo(8000.0);
        assertThat(scene.path("parcel").path("available").asBoolean()).isTrue();
        assertThat(api.json("/api/parcels/" + ZONE + "/Q/scene").path("envelope").isNull())
                .as("land in use has no envelope").isTrue();
        // the 20 m road between P and Q is road: the gap's middle, 60 m east of the centroid
        assertThat(inside(scene.path("roads"), 60, 0)).isTrue();
        assertThat(inside(scene.path("roads"), 0, 0)).as("P itself is not road").isFalse();
    }

    @Test
    void everythingIsClippedToTheRadius() {
        JsonNode scene = api.json("/api/parcels/" + ZONE + "/P/scene?radius=350");
        // P's east edge is x = +50 locally, so nothing lies east of x = 400 (50 + 350)
        for (JsonNode layer : List.of(scene.path("parcels"), scene.path("buildings"))) {
            for (JsonNode item : layer) {
                for (List<Double> v : vertices(item.path("polygons"))) {
                    assertThat(distanceToP(v.get(0), v.get(1))).as(item.toString()).isLessThanOrEqualTo(350.01);
                }
            }
        }
        for (List<Double> v : vertices(scene.path("roads"))) {
            assertThat(distanceToP(v.get(0), v.get(1))).isLessThanOrEqualTo(350.01);
        }
        assertThat(parcel(scene, "R").path("clipped").asBoolean()).isTrue();
        List<Double> heights = new ArrayList<>();
        scene.path("buildings").forEach(b -> heights.add(b.path("heightM").asDouble()));
        assertThat(heights).as("the building beyond 350 m is left out").containsExactlyInAnyOrder(13.5, 9.0, 18.0);
        double maxX = vertices(building(scene, 18.0).path("polygons")).stream().mapToDouble(v -> v.get(0)).max().orElseThrow();
        assertThat(maxX).as("the building across the line is cut at it").isCloseTo(400.0, within(0.01));

        JsonNode close = api.json("/api/parcels/" + ZONE + "/P/scene?radius=50");
        assertThat(close.path("buildings").size()).as("only Q's, 30-70 m from P").isEqualTo(1);
        assertThat(vertices(building(close, "Q").path("polygons")).stream().mapToDouble(v -> v.get(0)).max()
                .orElseThrow()).as("cut 50 m from P").isCloseTo(100.0, within(0.01));
        assertThat(parcel(close, "Q").path("clipped").asBoolean()).isTrue();
        assertThat(close.path("parcels").size()).as("R is 300 m away").isEqualTo(1);
    }

    @Test
    void radiusIsBoundedAndUnknownParcelsAre404() {
        for (String radius : List.of("49", "1001", "abc", "NaN")) {
            Api.Response response = api.get("/api/parcels/" + ZONE + "/P/scene?radius=" + radius);
            assertThat(response.status()).as(radius).isEqualTo(400);
            assertThat(response.json().path("detail").asString()).contains("radius");
        }
        assertThat(api.get("/api/parcels/" + ZONE + "/P/scene?radius=49").json().path("detail").asString())
                .isEqualTo("参数 radius 应在 50 到 1000 米之间，收到 49.0。radius must be from 50 to 1000 metres, got 49.0");
        assertThat(api.get("/api/parcels/" + ZONE + "/P/scene?radius=50").status()).isEqualTo(200);
        assertThat(api.get("/api/parcels/" + ZONE + "/P/scene?radius=1000").status()).isEqualTo(200);
        assertThat(api.get("/api/parcels/" + ZONE + "/NOPE/scene").status()).isEqualTo(404);
        assertThat(api.get("/api/parcels/no-zone/P/scene").status()).isEqualTo(404);
    }

    @Test
    void aVisitorSeesTheShapesOfNeighboursThatAreNotAvailableLandButNotWhatTheyAre() {
        // P is stored land (available), so a visitor may look at it; Q and R are in use
        JsonNode staff = api.json("/api/parcels/" + ZONE + "/P/scene");
        JsonNode visitor = api.anonymous().json("/api/parcels/" + ZONE + "/P/scene");

        assertThat(visitor.path("parcel").path("code").asString()).isEqualTo("P");
        assertThat(visitor.path("parcels").size()).as("the same neighbours, drawn").isEqualTo(staff.path("parcels").size());
        for (int i = 0; i < staff.path("parcels").size(); i++) {
            JsonNode seenByStaff = staff.path("parcels").get(i);
            JsonNode seenByVisitor = visitor.path("parcels").get(i);
            assertThat(seenByStaff.path("code").asString()).isIn("Q", "R");
            assertThat(seenByStaff.path("state").asString()).isEqualTo("in_use");
            assertThat(seenByVisitor.path("code").isNull()).as("code of " + seenByStaff.path("code")).isTrue();
            assertThat(seenByVisitor.path("state").isNull()).isTrue();
            assertThat(seenByVisitor.path("landUse").isNull()).isTrue();
            assertThat(seenByVisitor.path("colour").asString()).isEqualTo(SceneRepository.OTHER_LAND_COLOUR);
            assertThat(seenByVisitor.path("polygons")).isEqualTo(seenByStaff.path("polygons"));
        }
        assertThat(visitor.path("buildings").size()).isEqualTo(staff.path("buildings").size()).isPositive();
        visitor.path("buildings").forEach(b -> assertThat(b.path("parcel").isNull()).as("building " + b.path("id")).isTrue());
        assertThat(visitor.path("parcels").toString() + visitor.path("buildings")).doesNotContain("\"Q\"", "\"R\"", "in_use");
    }

    @Test
    void aCombinedSiteIsOneSubjectWithItsTotalAreaAndEveryParcel() {
        JsonNode scene = api.json("/api/parcels/" + ZONE + "/P/scene?site=P,Q");
        JsonNode site = scene.path("site");
        double expectedMu = jdbc.sql("""
                select sum(ST_Area(ST_Transform(p.geom, 4549))) * 15 / 10000 from parcel p join zone z on z.id = p.zone_id
                where z.code = :zone and p.code in ('P', 'Q')""").param("zone", ZONE).query(Double.class).single();
        assertThat(site.path("area").path("mu").asDouble()).as("P and Q, 8,000 m² each").isCloseTo(expectedMu, within(1e-3))
                .isCloseTo(24.0, within(1e-3));
        List<String> codes = new ArrayList<>();
        site.path("parcels").forEach(p -> codes.add(p.path("code").asString()));
        assertThat(codes).containsExactly("P", "Q");
        assertThat(site.path("parcels").get(0).path("envelope").path("floorAreaMaxM2").asDouble()).isEqualTo(16000.0);
        assertThat(site.path("parcels").get(1).path("envelope").isNull()).as("Q is in use").isTrue();
        scene.path("parcels").forEach(p -> assertThat(p.path("code").asString()).as("neighbours only").isNotIn("P", "Q"));
        // centred on the site: P and Q with the 20 m road between them span x from X0 + 1000 to X0 + 1220
        assertThat(scene.path("origin").path("x").asDouble()).isCloseTo(X0 + 1110, within(1e-6));
        assertThat(vertices(site.path("parcels").get(1).path("polygons"))).contains(List.of(110.0, 40.0));
        assertThat(building(scene, "Q").path("onParcel").asBoolean()).as("Q's building stands on the site").isTrue();

        JsonNode alone = api.json("/api/parcels/" + ZONE + "/P/scene");
        assertThat(alone.path("site").path("parcels").size()).isEqualTo(1);
        assertThat(alone.path("site").path("area").path("m2").asDouble()).isEqualTo(8000.0);
    }

    @Test
    void aCombinedSiteIsBoundedAndSeenAsItsParcelsAre() {
        assertThat(api.get("/api/parcels/" + ZONE + "/P/scene?site=P,NOPE").status()).isEqualTo(404);
        assertThat(api.anonymous().get("/api/parcels/" + ZONE + "/P/scene?site=Q").status())
                .as("a visitor may not see Q, in use").isEqualTo(404);
        String many = String.join(",", java.util.stream.IntStream.rangeClosed(1, 51).mapToObj(i -> "S" + i).toList());
        Api.Response tooMany = api.get("/api/parcels/" + ZONE + "/P/scene?site=" + many);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("detail").asString()).startsWith("组合地块最多 50 宗").contains("at most 50 parcels");
    }

    @Test
    void buildingsInABoxCarryTheirHeights() {
        String bbox = jdbc.sql("""
                select concat_ws(',', ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b))
                from (select ST_Transform(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), 4326)::box2d as b) t""")
                .param("x0", X0 + 1100).param("y0", Y0 + 990).param("x1", X0 + 1200).param("y1", Y0 + 1090)
                .query(String.class).single();
        JsonNode found = api.json("/api/buildings?bbox=" + bbox);
        assertThat(found.path("features").size()).isEqualTo(1);
        JsonNode b = found.path("features").get(0).path("properties");
        assertThat(b.path("heightM").asDouble()).isEqualTo(13.5);
        assertThat(b.path("parcel").asString()).isEqualTo("Q");
        assertThat(found.path("truncated").asBoolean()).isFalse();
        assertThat(api.get("/api/buildings?bbox=1,2,3").status()).isEqualTo(400);
        assertThat(api.get("/api/buildings?bbox=" + bbox + "&limit=0").status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- helpers

    private void building(long parcel, double x0, double y0, double x1, double y1, int floors, double height) {
        jdbc.sql("""
                insert into building (parcel_id, footprint, floors, height_m)
                values (:parcel, ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), :floors, :height)""")
                .param("parcel", parcel).param("x0", x0).param("y0", y0).param("x1", x1).param("y1", y1)
                .param("floors", floors).param("height", height).update();
    }

    /** Distance from a local point to P, the rectangle [-50, 50] × [-40, 40]. */
    private static double distanceToP(double x, double y) {
        double dx = Math.max(0, Math.abs(x) - 50);
        double dy = Math.max(0, Math.abs(y) - 40);
        return Math.hypot(dx, dy);
    }

    /** Every vertex of a list of polygons (each a list of rings of [x, y]). */
    private static List<List<Double>> vertices(JsonNode polygons) {
        List<List<Double>> result = new ArrayList<>();
        for (JsonNode polygon : polygons) {
            for (JsonNode ring : polygon) {
                for (JsonNode v : ring) {
                    result.add(List.of(v.get(0).asDouble(), v.get(1).asDouble()));
                }
            }
        }
        return result;
    }

    /** Even-odd point in polygons (holes count). */
    private static boolean inside(JsonNode polygons, double x, double y) {
        boolean in = false;
        for (JsonNode polygon : polygons) {
            for (JsonNode ring : polygon) {
                for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                    double xi = ring.get(i).get(0).asDouble();
                    double yi = ring.get(i).get(1).asDouble();
                    double xj = ring.get(j).get(0).asDouble();
                    double yj = ring.get(j).get(1).asDouble();
                    if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                        in = !in;
                    }
                }
            }
        }
        return in;
    }

    private static JsonNode parcel(JsonNode scene, String code) {
        for (JsonNode p : scene.path("parcels")) {
            if (code.equals(p.path("code").asString())) {
                return p;
            }
        }
        throw new AssertionError("no parcel " + code + " in the scene");
    }

    private static JsonNode building(JsonNode scene, String parcel) {
        for (JsonNode b : scene.path("buildings")) {
            if (parcel.equals(b.path("parcel").asString())) {
                return b;
            }
        }
        throw new AssertionError("no building of " + parcel + " in the scene");
    }

    private static JsonNode building(JsonNode scene, double height) {
        for (JsonNode b : scene.path("buildings")) {
            if (b.path("heightM").asDouble() == height) {
                return b;
            }
        }
        throw new AssertionError("no building of height " + height + " in the scene");
    }
}
