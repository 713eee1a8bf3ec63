package com.landrenew.parcel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyShapes;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Edits of a parcel's outline (PUT with geometry in CRS84). Fixture zone "outline-test" is 2 km x 4 km
 * from (X0, Y0) of its own test area. LE-1 and LE-2, LE-4 and LE-5 are 100 m squares side
 * by side; LE-3 stands alone.
 */
@LandRenewTest
class ParcelOutlineEditApiTest {

    static final String ZONE = "outline-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 2, 5);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    MapProbe map;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        map = new MapProbe(api, jdbc);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (ParcelOutlineEditApiTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 4000);
                fixtures.parcel(ZONE, null, "LE-1", X0 + 100, Y0 + 100, X0 + 200, Y0 + 200, "100102", null);
                fixtures.parcel(ZONE, null, "LE-2", X0 + 200, Y0 + 100, X0 + 300, Y0 + 200, "100102", null);
                fixtures.parcel(ZONE, null, "LE-3", X0 + 500, Y0 + 1500, X0 + 600, Y0 + 1600, "100102", null);
                fixtures.parcel(ZONE, null, "LE-4", X0 + 100, Y0 + 500, X0 + 200, Y0 + 600, "100102", null);
                fixtures.parcel(ZONE, null, "LE-5", X0 + 200, Y0 + 500, X0 + 300, Y0 + 600, "100102", null);
                // A zone's name is what its messages show, not its code alone.
                jdbc.sql("update zone set name = '轮廓测试区' where code = :zone").param("zone", ZONE).update();
            }
        }
    }

    @Test
    void outlinesOutsideTheZoneOverlappingANeighbourOrInvalidAreNamedAndChangeNothing() {
        String path = "/api/parcels/" + ZONE + "/LE-1";
        assertRejected(path, SurveyShapes.rectangle(X0 + 100, Y0 + 4100, X0 + 200, Y0 + 4200), "lies outside zone " + ZONE);
        assertRejected(path, SurveyShapes.rectangle(X0 + 100, Y0 + 4100, X0 + 200, Y0 + 4200),
                "超出开发区 轮廓测试区（" + ZONE + "）10000.0 m²。lies outside zone " + ZONE + " (10000.0 m² outside)");
        assertRejected(path, SurveyShapes.rectangle(X0 + 100, Y0 + 3950, X0 + 200, Y0 + 4050),
                "lies partly outside zone " + ZONE + " (5000.0 m² outside)");
        assertRejected(path, SurveyShapes.rectangle(X0 + 100, Y0 + 100, X0 + 210, Y0 + 200), "与宗地 LE-2 重叠 1000.0 m²。overlaps parcel LE-2 by 1000.0 m²");
        String bowTie = "POLYGON((" + (X0 + 100) + " " + (Y0 + 100) + "," + (X0 + 200) + " " + (Y0 + 200) + ","
                + (X0 + 200) + " " + (Y0 + 100) + "," + (X0 + 100) + " " + (Y0 + 200) + "," + (X0 + 100) + " " + (Y0 + 100) + "))";
        assertRejected(path, bowTie, "几何无效：Self-intersection");
        assertRejected(path, bowTie, "invalid geometry: Self-intersection");

        assertBad(path, "{\"version\":0,\"geometry\":" + map.lonLat(SurveyShapes.line(X0, Y0, X0 + 10, Y0)) + "}",
                "geometry 须为 GeoJSON 面（Polygon 或 MultiPolygon），而不是 linestring。"
                        + "geometry must be a GeoJSON Polygon or MultiPolygon, not linestring");
        assertBad(path, "{\"version\":0,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[1,2]]]}}", "geometry");
        assertBad(path, "{\"version\":0,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[713100,3300100],"
                + "[713200,3300100],[713200,3300200],[713100,3300100]]]}}", "须为测量坐标系适用范围内的经纬度（CRS84）");
        assertBad(path, "{\"version\":0,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[713100,3300100],"
                + "[713200,3300100],[713200,3300200],[713100,3300100]]]}}", "longitude/latitude");
        assertBad(path, "{\"version\":0,\"geom\":{}}", "geometry");

        JsonNode unchanged = api.json(path).path("properties");
        assertThat(unchanged.path("version").asInt()).as("nothing written").isZero();
        assertThat(unchanged.path("area").path("m2").asDouble()).isEqualTo(10000.0);
    }

    @Test
    void aNewOutlineGivesTheNewAreaAndStaysFlushWithItsNeighbour() {
        String path = "/api/parcels/" + ZONE + "/LE-4";
        // 20 m more to the west: 120 m x 100 m, sent as the map sends it (7 decimals, about a centimetre)
        String outline = jdbc.sql("select ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), 4326), 7)")
                .param("x0", X0 + 80).param("y0", Y0 + 500).param("x1", X0 + 200).param("y1", Y0 + 600)
                .query(String.class).single();
        Api.Response stale = api.put(path, "{\"version\":5,\"geometry\":" + outline + "}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("currentVersion").asInt()).isZero();

        Api.Response edited = api.put(path, "{\"version\":0,\"geometry\":" + outline + "}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        JsonNode p = edited.json().path("properties");
        assertThat(p.path("version").asInt()).isEqualTo(1);
        assertThat(p.path("area").path("m2").asDouble()).as("the new corners as sent, to the centimetre")
                .isCloseTo(12000.0, within(1.0));
        assertThat(p.path("area").path("mu").asDouble()).isCloseTo(18.0, within(0.0015));
        assertThat(api.json(path).path("properties").path("area").path("m2").asDouble())
                .isEqualTo(p.path("area").path("m2").asDouble());
        assertThat(jdbc.sql("""
                select (before->'geom'->>'areaM2') || ' -> ' || (after->'geom'->>'areaM2') || ' by ' || actor from audit_log
                where table_name = 'parcel' and row_key = :key order by id desc limit 1""")
                .param("key", ZONE + "/LE-4").query(String.class).single()).as("the trail keeps both outlines' areas")
                .matches("10000\\.00 -> 1(1999|2000)\\.\\d\\d by " + TestUsers.PLANNER);
        // The east corners came back rounded; they are put back on LE-5's, so the two still share their edge exactly.
        assertThat(jdbc.sql("""
                select ST_Area(ST_Intersection(a.geom, b.geom)) || ' ' || ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)))
                from parcel a join zone z on z.id = a.zone_id, parcel b
                where z.code = :zone and a.code = 'LE-4' and b.zone_id = z.id and b.code = 'LE-5'""")
                .param("zone", ZONE).query(String.class).single()).as("no overlap, one 100 m edge").isEqualTo("0 100");
    }

    @Test
    void movingAParcelDropsTheCachedTilesOfWhereItWasToo() {
        int[] oldTile = map.tileOf(X0 + 550, Y0 + 1550, 17);
        int[] newTile = map.tileOf(X0 + 1550, Y0 + 3050, 17);
        assertThat(map.tileCodes(17, oldTile)).as("drawn where it is, and cached").containsExactly("LE-3");
        assertThat(map.tileCodes(17, newTile)).isEmpty();

        Api.Response moved = api.put("/api/parcels/" + ZONE + "/LE-3", "{\"version\":0,\"geometry\":"
                + map.lonLat(SurveyShapes.rectangle(X0 + 1500, Y0 + 3000, X0 + 1600, Y0 + 3100)) + "}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(map.tileCodes(17, oldTile)).as("the old outline's tile was dropped and cut again").isEmpty();
        assertThat(map.tileCodes(17, newTile)).containsExactly("LE-3");
    }

    private void assertRejected(String path, String surveyWkt, String names) {
        Api.Response response = api.put(path, "{\"version\":0,\"geometry\":" + map.lonLat(surveyWkt) + "}");
        assertThat(response.status()).as(surveyWkt + " → " + response.body()).isEqualTo(422);
        // The detail: every problem's Chinese first, then the English; the problems whole.
        String detail = response.json().path("detail").asString();
        assertThat(detail).as(surveyWkt).startsWith("宗地轮廓 geometry 不符合要求：").contains("The outline (geometry) is refused: ");
        int stop = names.indexOf('。');
        if (stop > 0) {
            assertThat(detail.indexOf(names.substring(0, stop))).as(detail).isGreaterThan(0)
                    .isLessThan(detail.indexOf(names.substring(stop + 1)));
        } else {
            assertThat(detail).contains(names);
        }
        assertThat(response.json().path("problems").toString()).contains(names);
    }

    private void assertBad(String path, String body, String names) {
        Api.Response response = api.put(path, body);
        assertThat(response.status()).as(body + " → " + response.body()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).as(body).contains(names);
    }
}
