package com.landrenew.zone;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

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
 * Zones and blocks made, redrawn and removed through the API, in CRS84 (or another CRS named by crs), and the
 * parcels placed in blocks by location. Areas are compared with ST_Area in EPSG:4549 of rectangles drawn here.
 * Layout on this class's own test area, metres from its south-west corner (X0, Y0):
 * <pre>
 *   zone zm-main (0..3000, 0..3000), made by the API; its parcels (fixtures, no block):
 *     P-1 (100..300, 100..300) 40,000 m²; P-2 (500..700, 100..300) 40,000 m²; P-3 (2000..2100, 2000..2100)
 *   zone zm-checks (4000..6000, 0..2000) with block k-1 (4000..4500, 0..500), for the refusals
 *   zones zm-metres, zm-admin, zm-gone further north
 * </pre>
 */
@LandRenewTest
class ZoneEditApiTest {

    static final String ZONE = "zm-main";
    static final TestAreas.Area AREA = TestAreas.claim("ZoneEditApiTest", 8, 8);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port).as(TestUsers.PLANNER);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (ZoneEditApiTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                Api.Response made = api.post("/api/zones", zone(ZONE, "测试开发区", 0, 0, 3000, 3000));
                assertThat(made.status()).as(made.body()).isEqualTo(201);
                fixtures.parcel(ZONE, null, "P-1", X0 + 100, Y0 + 100, X0 + 300, Y0 + 300, "100102", null);
                fixtures.parcel(ZONE, null, "P-2", X0 + 500, Y0 + 100, X0 + 700, Y0 + 300, "100102", null);
                fixtures.parcel(ZONE, null, "P-3", X0 + 2000, Y0 + 2000, X0 + 2100, Y0 + 2100, "100102", null);
                assertThat(api.post("/api/zones", zone("zm-checks", "核查区", 4000, 0, 6000, 2000)).status()).isEqualTo(201);
                assertThat(api.post("/api/zones/zm-checks/blocks", block("k-1", "一号区块", 4000, 0, 4500, 500)).status())
                        .isEqualTo(201);
            }
        }
    }

    @Test
    void aZoneMadeByThePlannerHasItsAreaInTheListAndItsChangesInTheTrail() {
        JsonNode listed = null;
        for (JsonNode z : api.json("/api/zones").path("features")) {
            if (z.path("id").asString().equals(ZONE)) {
                listed = z;
            }
        }
        assertThat(listed).as("the new zone is in the zone list").isNotNull();
        assertThat(listed.path("properties").path("name").asString()).isEqualTo("测试开发区");
        assertThat(listed.path("properties").path("area").path("m2").asDouble()).as("3 km x 3 km")
                .isCloseTo(independentArea(0, 0, 3000, 3000), within(0.01)).isCloseTo(9_000_000, within(0.01));
        assertThat(listed.path("bbox").get(0).asDouble()).isCloseTo(SurveyShapes.lonLat(jdbc, X0, Y0)[0], within(1e-5));

        Api.Response renamed = api.put("/api/zones/" + ZONE, "{\"name\":\"测试开发区（更名）\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("测试开发区（更名）");
        api.put("/api/zones/" + ZONE, "{\"name\":\"测试开发区\"}");

        Map<String, Object> made = jdbc.sql("""
                select actor, after->'boundary'->>'areaM2' as area from audit_log
                where table_name = 'zone' and action = 'insert' and after->>'code' = :zone""")
                .param("zone", ZONE).query().singleRow();
        assertThat(made.get("actor")).isEqualTo(TestUsers.PLANNER);
        assertThat(Double.parseDouble((String) made.get("area"))).isCloseTo(9_000_000, within(0.01));
        assertThat(jdbc.sql("""
                select count(*) from audit_log where table_name = 'zone' and action = 'update' and after->>'code' = :zone
                and after->>'name' = '测试开发区（更名）'""").param("zone", ZONE).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select title from audited_table where name = 'block'").query(String.class).single())
                .isEqualTo("区块");
    }

    @Test
    void parcelsGoInTheBlockCoveringMostOfThemAsBlocksAreDrawnAndRedrawn() {
        // a: x 0..640 takes all of P-1 and 140 of P-2's 200 m; b: x 640..1000 the other 60 m
        Api.Response a = api.post("/api/zones/" + ZONE + "/blocks", block("a", "甲区块", 0, 0, 640, 1000));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().path("area").path("m2").asDouble()).isCloseTo(640_000, within(0.01));
        assertThat(a.json().path("placedParcels").asInt()).isEqualTo(2);
        Api.Response b = api.post("/api/zones/" + ZONE + "/blocks", block("b", "乙区块", 640, 0, 1000, 1000));
        assertThat(b.status()).as(b.body()).isEqualTo(201);
        assertThat(b.json().path("placedParcels").asInt()).as("P-2 stays in a, which covers most of it").isZero();
        assertThat(blockOf("P-1")).isEqualTo("a");
        assertThat(blockOf("P-2")).isEqualTo("a");
        assertThat(blockOf("P-3")).as("in no block").isNull();
        assertThat(api.json("/api/parcels/" + ZONE + "/P-3").path("properties").path("block").isNull())
                .as("the parcel API says it is in no block").isTrue();

        // a shrinks to x 0..580 (80 m of P-2 against b's 60: P-2 stays), then b grows to x 580..1000 (120 m: P-2 moves)
        Api.Response shrunk = api.put("/api/zones/" + ZONE + "/blocks/a", "{\"geometry\":" + lonLat(0, 0, 580, 1000) + "}");
        assertThat(shrunk.status()).as(shrunk.body()).isEqualTo(200);
        assertThat(shrunk.json().path("placedParcels").asInt()).isZero();
        assertThat(blockOf("P-2")).isEqualTo("a");
        Api.Response grown = api.put("/api/zones/" + ZONE + "/blocks/b", "{\"geometry\":" + lonLat(580, 0, 1000, 1000) + "}");
        assertThat(grown.status()).as(grown.body()).isEqualTo(200);
        assertThat(grown.json().path("placedParcels").asInt()).isEqualTo(1);
        assertThat(blockOf("P-2")).isEqualTo("b");

        for (JsonNode block : api.json("/api/zones/" + ZONE + "/blocks").path("features")) {
            String code = block.path("id").asString();
            double m2 = jdbc.sql("""
                    select coalesce(sum(ST_Area(p.geom)), 0) from parcel p join block b on b.id = p.block_id
                    join zone z on z.id = p.zone_id where z.code = :zone and b.code = :block""")
                    .param("zone", ZONE).param("block", code).query(Double.class).single();
            assertThat(block.path("properties").path("parcelArea").path("m2").asDouble()).as(code)
                    .isCloseTo(m2, within(0.01)).isCloseTo(40_000, within(0.01));
        }
        assertThat(jdbc.sql("""
                select count(*) from audit_log where table_name = 'parcel' and action = 'update' and parcel = :key
                and before->>'block_id' is distinct from after->>'block_id' and actor = :actor""")
                .param("key", ZONE + "/P-2").param("actor", TestUsers.PLANNER).query(Integer.class).single())
                .as("placed in a, then in b").isEqualTo(2);

        // a parcel taken out of its block by hand is put back on request
        jdbc.sql("update parcel set block_id = null where code = 'P-1' and zone_id = (select id from zone where code = :zone)")
                .param("zone", ZONE).update();
        Api.Response placed = api.post("/api/zones/" + ZONE + "/placement", "");
        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        assertThat(placed.json().path("placedParcels").asInt()).isEqualTo(1);
        assertThat(placed.json().path("parcelsOutsideBlocks").asInt()).as("P-3").isEqualTo(1);
        assertThat(blockOf("P-1")).isEqualTo("a");
    }

    @Test
    void aCachedBlocksTileIsDroppedWhenItsBlockChanges() {
        assertThat(api.post("/api/zones/zm-checks/blocks", block("k-t", "瓦片区块", 5000, 1000, 5400, 1400)).status()).isEqualTo(201);
        String path = blocksTile(X0 + 5200, Y0 + 1200, 15);
        Api.Binary before = api.getBinary(path);
        assertThat(before.status()).isEqualTo(200);
        assertThat(api.getBinary(path, "If-None-Match", before.header("ETag")).status()).as("cached, unchanged").isEqualTo(304);

        assertThat(api.put("/api/zones/zm-checks/blocks/k-t", "{\"name\":\"瓦片区块（新名）\"}").status()).isEqualTo(200);
        Api.Binary after = api.getBinary(path, "If-None-Match", before.header("ETag"));
        assertThat(after.status()).as("the tile was cut again with the new name").isEqualTo(200);
        assertThat(new String(after.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("瓦片区块（新名）");
    }

    @Test
    void badOutlinesCodesAndNamesAreRefusedNamingWhatIsWrongAndChangeNothing() {
        int zonesBefore = count("zone");
        int blocksBefore = count("block");
        String bowTie = "POLYGON((" + (X0 + 4100) + " " + (Y0 + 100) + "," + (X0 + 4200) + " " + (Y0 + 200) + ","
                + (X0 + 4200) + " " + (Y0 + 100) + "," + (X0 + 4100) + " " + (Y0 + 200) + "," + (X0 + 4100) + " " + (Y0 + 100) + "))";
        assertDetail(api.post("/api/zones", body("zm-x", "x", SurveyShapes.lonLat(jdbc, bowTie))), 422, "几何无效");
        assertDetail(api.post("/api/zones", body("zm-x", "x", SurveyShapes.lonLat(jdbc, bowTie))), 422, "Self-intersection");
        assertDetail(api.post("/api/zones", zone("zm-x", "x", 5500, 1500, 6500, 2500)), 422, "与开发区 zm-checks（核查区）重叠 250000.0 m²");
        assertDetail(api.post("/api/zones", zone("zm-x", "x", 5500, 1500, 6500, 2500)), 422, "overlaps zone zm-checks by 250000.0 m²");
        assertDetail(api.post("/api/zones/zm-checks/blocks", block("k-2", "x", 5800, 1800, 6200, 2200)), 422,
                "lies partly outside zone zm-checks (120000.0 m² outside)");
        assertDetail(api.post("/api/zones/zm-checks/blocks", block("k-2", "x", 4400, 400, 4600, 600)), 422,
                "与区块 k-1（一号区块）重叠 10000.0 m²");
        assertDetail(api.put("/api/zones/zm-checks", "{\"geometry\":" + lonLat(4200, 0, 6000, 2000) + "}"), 422,
                "block k-1 would lie 100000.0 m² outside the zone");
        assertDetail(api.post("/api/zones", zone("zm-checks", "x", 6500, 0, 7000, 500)), 409, "开发区代码 zm-checks 已存在");
        assertDetail(api.post("/api/zones/zm-checks/blocks", block("k-1", "x", 5000, 1000, 5100, 1100)), 409, "已有代码为 k-1 的区块");
        assertDetail(api.post("/api/zones", zone("Zone One", "x", 6500, 0, 7000, 500)), "code 应由小写字母");
        assertDetail(api.post("/api/zones", zone("z".repeat(41), "x", 6500, 0, 7000, 500)), "at most 40 characters");
        assertDetail(api.post("/api/zones", zone("zm-x", "名".repeat(101), 6500, 0, 7000, 500)), "name 至多 100 个字符");
        assertDetail(api.post("/api/zones", zone("zm-x", "  ", 6500, 0, 7000, 500)), "name is required");
        assertDetail(api.post("/api/zones", "{\"code\":\"zm-x\",\"name\":\"x\"}"), "缺少 geometry");
        assertDetail(api.post("/api/zones", "{\"code\":\"zm-x\",\"name\":\"x\",\"geometry\":" + lonLat(6500, 0, 7000, 500)
                + ",\"colour\":\"red\"}"), "unknown member colour");
        assertDetail(api.post("/api/zones", body("zm-x", "x", SurveyShapes.lonLat(jdbc, SurveyShapes.line(X0 + 6500, Y0,
                X0 + 7000, Y0)))), "not linestring");
        String metres = "{\"type\":\"Polygon\",\"coordinates\":[[[" + (X0 + 6500) + "," + Y0 + "],[" + (X0 + 7000) + "," + Y0
                + "],[" + (X0 + 7000) + "," + (Y0 + 500) + "],[" + (X0 + 6500) + "," + Y0 + "]]]}";
        assertDetail(api.post("/api/zones", body("zm-x", "x", metres)), "longitude/latitude (CRS84) or in the CRS named by crs");
        assertDetail(api.post("/api/zones", "{\"code\":\"zm-x\",\"name\":\"x\",\"crs\":\"EPSG:99999\",\"geometry\":" + metres + "}"),
                "EPSG:99999");
        assertDetail(api.post("/api/zones", "{\"code\":\"zm-x\",\"name\":\"x\",\"adminCode\":\"33\",\"geometry\":"
                + lonLat(6500, 0, 7000, 500) + "}"), "adminCode 应是 6 位行政区划代码");
        assertDetail(api.put("/api/zones/zm-checks", "{\"code\":\"zm-y\"}"), "代码不能修改");
        assertDetail(api.post("/api/zones/zm-nowhere/blocks", block("k-9", "x", 4000, 0, 4100, 100)), 404, "没有代码为 'zm-nowhere' 的开发区");
        assertDetail(api.put("/api/zones/zm-checks/blocks/k-9", "{\"name\":\"x\"}"), 404, "has no block with code 'k-9'");
        assertThat(count("zone")).as("nothing stored").isEqualTo(zonesBefore);
        assertThat(count("block")).isEqualTo(blocksBefore);

        // the same outline in the survey CRS itself, named by crs
        Api.Response inMetres = api.post("/api/zones", "{\"code\":\"zm-metres\",\"name\":\"米制坐标区\",\"crs\":\"EPSG:4549\","
                + "\"adminCode\":\"330523\",\"geometry\":" + metres + "}");
        assertThat(inMetres.status()).as(inMetres.body()).isEqualTo(201);
        assertThat(inMetres.json().path("area").path("m2").asDouble()).as("half of 500 m x 500 m")
                .isCloseTo(125_000, within(0.01));
    }

    @Test
    void onlyPlannersAndAdminsChangeZonesAndBlocks() {
        String body = zone("zm-admin", "管理员建的区", 6500, 3000, 7500, 4000);
        assertThat(api.anonymous().post("/api/zones", body).status()).isEqualTo(401);
        for (String user : new String[] {TestUsers.ENTERPRISE, TestUsers.AUDITOR}) {
            assertThat(api.as(user).post("/api/zones", body).status()).as(user).isEqualTo(403);
            assertThat(api.as(user).put("/api/zones/zm-checks", "{\"name\":\"x\"}").status()).as(user).isEqualTo(403);
            assertThat(api.as(user).post("/api/zones/zm-checks/blocks", block("k-7", "x", 5000, 1000, 5100, 1100)).status())
                    .as(user).isEqualTo(403);
            assertThat(api.as(user).send("DELETE", "/api/zones/zm-checks/blocks/k-1", null).status()).as(user).isEqualTo(403);
        }
        assertThat(count("zone", "zm-admin")).isZero();
        Api.Response byAdmin = api.as(TestUsers.ADMIN).post("/api/zones", body);
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(201);
        assertThat(count("zone", "zm-admin")).isEqualTo(1);
    }

    @Test
    void onlyWhatHasNoHistoryIsRemovedAndTheTrailKeepsIt() {
        assertThat(api.post("/api/zones", zone("zm-gone", "将删除的区", 0, 5000, 1000, 6000)).status()).isEqualTo(201);
        new Fixtures(jdbc).parcel("zm-gone", null, "G-1", X0 + 100, Y0 + 5100, X0 + 200, Y0 + 5200, "100102", null);
        Api.Response g1 = api.post("/api/zones/zm-gone/blocks", block("g-1", "x", 0, 5000, 500, 5500));
        assertThat(g1.status()).isEqualTo(201);
        assertThat(g1.json().path("placedParcels").asInt()).as("G-1 goes in it").isEqualTo(1);

        assertDetail(api.send("DELETE", "/api/zones/zm-gone", null), 409, "还有 1 个区块、1 宗宗地");
        assertDetail(api.send("DELETE", "/api/zones/zm-gone/blocks/g-1", null), 409, "nothing with history is deleted");
        assertThat(api.post("/api/zones/zm-gone/blocks", block("g-2", "x", 500, 5500, 1000, 6000)).status()).isEqualTo(201);
        assertThat(api.send("DELETE", "/api/zones/zm-gone/blocks/g-2", null).status()).isEqualTo(204);
        assertThat(count("block", "g-2")).isZero();
        assertThat(jdbc.sql("""
                select count(*) from audit_log where table_name = 'block' and action = 'delete' and before->>'code' = 'g-2'
                and actor = :actor""").param("actor", TestUsers.PLANNER).query(Integer.class).single()).isEqualTo(1);
        assertThat(count("zone", "zm-gone")).isEqualTo(1);
    }

    // --- helpers

    private String zone(String code, String name, double x0, double y0, double x1, double y1) {
        return body(code, name, lonLat(x0, y0, x1, y1));
    }

    private String block(String code, String name, double x0, double y0, double x1, double y1) {
        return body(code, name, lonLat(x0, y0, x1, y1));
    }

    private static String body(String code, String name, String geometry) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"geometry\":" + geometry + "}";
    }

    /** The rectangle (metres from X0, Y0) as GeoJSON in CRS84. */
    private String lonLat(double x0, double y0, double x1, double y1) {
        return SurveyShapes.lonLat(jdbc, SurveyShapes.rectangle(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1));
    }

    /** The blocks tile of zoom z holding a survey point. */
    private String blocksTile(double x, double y, int z) {
        double[] lonLat = SurveyShapes.lonLat(jdbc, x, y);
        double n = Math.pow(2, z);
        double lat = Math.toRadians(lonLat[1]);
        return "/tiles/blocks/" + z + "/" + (int) Math.floor((lonLat[0] + 180) / 360 * n) + "/"
                + (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n) + ".mvt";
    }

    private double independentArea(double x0, double y0, double x1, double y1) {
        return jdbc.sql("select ST_Area(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549))").param("x0", X0 + x0).param("y0", Y0 + y0)
                .param("x1", X0 + x1).param("y1", Y0 + y1).query(Double.class).single();
    }

    private String blockOf(String parcel) {
        return jdbc.sql("""
                select b.code from parcel p join zone z on z.id = p.zone_id left join block b on b.id = p.block_id
                where z.code = :zone and p.code = :code""").param("zone", ZONE).param("code", parcel)
                .query(String.class).list().get(0);
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    private int count(String table, String code) {
        return jdbc.sql("select count(*) from " + table + " where code = :code").param("code", code).query(Integer.class).single();
    }
}
