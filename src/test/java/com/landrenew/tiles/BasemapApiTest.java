package com.landrenew.tiles;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The basemap as data: imported with {@code target=basemap} into a zone of its own (all or nothing, replacing
 * the zone's basemap), served as public vector tiles, and the sample's loaded with the sample.
 */
@LandRenewTest
class BasemapApiTest {

    static final String ZONE = "basemap-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 3, 3);
    static final int ZOOM = 15;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api planner;
    double x0;
    double y0;

    @BeforeEach
    void setUp() {
        planner = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        x0 = AREA.x0();
        y0 = AREA.y0();
        synchronized (BasemapApiTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, x0 + 500, y0 + 500, x0 + 2500, y0 + 2500);
            }
        }
    }

    @Test
    void anImportedBasemapIsInThePublicTilesAndReplacesTheZonesBasemap() {
        Api.Response imported = importBasemap(collection(
                line("arterial", "测试大道", x0 + 100, y0 + 1500, x0 + 2900, y0 + 1500),
                point("motorway_exit", "测试高速出口", x0 + 1500, y0 + 1400),
                area("water", "测试湖", x0 + 600, y0 + 600, x0 + 900, y0 + 900)));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().path("imported").asInt()).isEqualTo(3);
        assertThat(rows()).containsExactlyInAnyOrder("arterial 测试大道 LINESTRING", "motorway_exit 测试高速出口 POINT",
                "water 测试湖 POLYGON");

        // A visitor reads the tile the exit lies in: the exit and the road are in it, with kind and name.
        Map<String, String> kinds = tileFeatures(planner.anonymous(), x0 + 1500, y0 + 1400);
        assertThat(kinds).containsEntry("测试高速出口", "motorway_exit").containsEntry("测试大道", "arterial");

        // Imported again: the file replaces the zone's basemap (and the cached tile is dropped).
        assertThat(importBasemap(collection(line("road", "新路", x0 + 100, y0 + 1400, x0 + 2900, y0 + 1400))).status())
                .isEqualTo(200);
        assertThat(rows()).containsExactly("road 新路 LINESTRING");
        assertThat(tileFeatures(planner.anonymous(), x0 + 1500, y0 + 1400)).containsEntry("新路", "road")
                .doesNotContainKey("测试高速出口");
    }

    @Test
    void theNamesOfTheBasemapAreWhereTheMapWritesThem() {
        importBasemap(collection(line("arterial", "东西大道", x0 + 100, y0 + 1500, x0 + 2900, y0 + 1500),
                line("arterial", "南北路", x0 + 1500, y0 + 100, x0 + 1500, y0 + 2900),
                line("road", "短路", x0 + 100, y0 + 200, x0 + 300, y0 + 200),
                point("place", "某某街道", x0 + 700, y0 + 700)));
        JsonNode labels = planner.anonymous().json("/api/zones/" + ZONE + "/basemap-labels").path("features");
        Map<String, Integer> azimuths = new java.util.TreeMap<>();
        labels.forEach(l -> azimuths.put(l.path("properties").path("name").asString(),
                l.path("properties").path("azimuth").isNull() ? -1 : l.path("properties").path("azimuth").asInt()));
        // 2.8 km lines: one name each, along the line (east: 90°, north: 0°); a 200 m road has none; a place has one.
        assertThat(azimuths).containsExactlyInAnyOrderEntriesOf(Map.of("东西大道", 90, "南北路", 0, "某某街道", -1));
    }

    @Test
    void aFileWithABadFeatureChangesNothingAndNamesTheProblemInChineseFirst() {
        importBasemap(collection(line("road", "留下的路", x0 + 100, y0 + 1300, x0 + 2900, y0 + 1300)));
        List<String> before = rows();
        Api.Response refused = importBasemap(collection(
                line("road", "好路", x0 + 100, y0 + 1500, x0 + 2900, y0 + 1500),
                point("road", "点状道路", x0 + 1500, y0 + 1400),
                line("highway", "未知类型", x0 + 100, y0 + 1600, x0 + 2900, y0 + 1600),
                point("place", "远方", x0 + 100_000, y0 + 1400)));
        assertDetail(refused, 422, "3 个要素有问题");
        String report = refused.json().path("import").toString();
        assertThat(report).contains("kind road（道路）须为线，不是 point", "kind highway 不是底图要素类型",
                "距开发区 basemap-test 超过 20 km");
        assertThat(rows()).as("nothing stored changed").isEqualTo(before);

        assertDetail(planner.upload("/api/imports", Map.of("zone", ZONE, "target", "roads"), "b.geojson",
                collection().getBytes(StandardCharsets.UTF_8)), "target 应是 parcels（宗地）、zones（开发区）、blocks（区块）或 basemap（底图），而不是 roads。");
        assertThat(planner.as(TestUsers.ENTERPRISE).upload("/api/imports", Map.of("zone", ZONE, "target", "basemap"),
                "b.geojson", collection(point("place", "企业", x0 + 1500, y0 + 1400)).getBytes(StandardCharsets.UTF_8))
                .status()).as("only planners import").isEqualTo(403);
    }

    @Test
    void theSampleBasemapIsLoadedWithTheMotorwayExitTheFinderKnows() {
        Integer atExit = jdbc.sql("""
                select count(*) from basemap_feature f join place p on p.zone_id = f.zone_id and p.name = f.name
                where f.kind = 'motorway_exit' and p.kind = 'motorway_exit' and ST_Equals(f.geom, p.geom)""")
                .query(Integer.class).single();
        assertThat(atExit).as("both zones' exits, where the finder measures from").isEqualTo(2);
        List<String> kinds = jdbc.sql("select distinct kind from basemap_feature f join zone z on z.id = f.zone_id "
                + "where z.code in ('anji', 'xiaoshan') order by kind").query(String.class).list();
        assertThat(kinds).contains("motorway", "arterial", "road", "railway", "river", "water", "place", "motorway_exit");
        Integer crossingParcels = jdbc.sql("""
                select count(*) from basemap_feature f join parcel p on ST_Intersects(f.geom, p.geom)
                where f.kind in ('motorway', 'arterial', 'railway', 'river', 'water')""").query(Integer.class).single();
        assertThat(crossingParcels).as("no arterial, motorway, railway or river crosses a parcel").isZero();
    }

    private Api.Response importBasemap(String geoJson) {
        return planner.upload("/api/imports", Map.of("zone", ZONE, "target", "basemap"), "basemap.geojson",
                geoJson.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> rows() {
        return jdbc.sql("""
                select f.kind || ' ' || coalesce(f.name, '') || ' ' || GeometryType(f.geom) from basemap_feature f
                join zone z on z.id = f.zone_id where z.code = :zone order by f.id""")
                .param("zone", ZONE).query(String.class).list();
    }

    /** name → kind of the basemap features in the tile holding the point (EPSG:4549), as {@code viewer} gets it. */
    private Map<String, String> tileFeatures(Api viewer, double x, double y) {
        double[] lonLat = jdbc.sql("select ST_X(c), ST_Y(c) from (select ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), 4549), "
                + "4326) as c) p").param("x", x).param("y", y)
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        int[] xy = TileApiTest.tileOf(lonLat, ZOOM);
        Api.Binary tile = viewer.getBinary("/tiles/basemap/" + ZOOM + "/" + xy[0] + "/" + xy[1] + ".mvt");
        assertThat(tile.status()).isEqualTo(200);
        JtsLayer layer = TileApiTest.decode(tile.body()).getLayer("basemap");
        assertThat(layer).as("the basemap layer of the tile").isNotNull();
        Map<String, String> kinds = new java.util.TreeMap<>();
        for (Geometry g : layer.getGeometries()) {
            Map<String, Object> p = TileApiTest.properties(g);
            kinds.put(String.valueOf(p.get("name")), String.valueOf(p.get("kind")));
        }
        return kinds;
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4549\"}},"
                + "\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String kind, String name, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"kind\":\"" + kind + "\",\"name\":\"" + name + "\"},\"geometry\":"
                + geometry + "}";
    }

    private static String line(String kind, String name, double xa, double ya, double xb, double yb) {
        return feature(kind, name, "{\"type\":\"LineString\",\"coordinates\":[[" + xa + "," + ya + "],[" + xb + "," + yb + "]]}");
    }

    private static String point(String kind, String name, double x, double y) {
        return feature(kind, name, "{\"type\":\"Point\",\"coordinates\":[" + x + "," + y + "]}");
    }

    private static String area(String kind, String name, double xa, double ya, double xb, double yb) {
        return feature(kind, name, "{\"type\":\"Polygon\",\"coordinates\":" + com.landrenew.support.SurveyGeoJson.rectangle(
                xa, ya, xb, yb) + "}");
    }
}
