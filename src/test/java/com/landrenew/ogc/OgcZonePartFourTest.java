package com.landrenew.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyShapes;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * OGC API - Features Part 4 on zones and blocks as QGIS's OAPIF provider sends it (raw HTTP, Basic auth,
 * GeoJSON in CRS84, If-Match with the ETag read), every change made by zone/ZoneEditor. Its own test area:
 * <pre>
 *   zone ogcz-fix (0..2000, 0..2000) with block k-1 (0..1000, 0..1000) holding parcel Z-1, block k-tile
 *   (1200..1600, 1200..1600) for the tile; zones made by the round trip at 2500..3500
 * </pre>
 */
@LandRenewTest
class OgcZonePartFourTest {

    static final String ZONE = "ogcz-fix";
    static final TestAreas.Area AREA = TestAreas.claim("OgcZonePartFourTest", 4, 4);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String ZONES = "/ogc/collections/zones/items";
    static final String BLOCKS = "/ogc/collections/blocks/items";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (OgcZonePartFourTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 2000);
                fixtures.block(ZONE, "k-1", X0, Y0, X0 + 1000, Y0 + 1000);
                fixtures.block(ZONE, "k-tile", X0 + 1200, Y0 + 1200, X0 + 1600, Y0 + 1600);
                fixtures.parcel(ZONE, "k-1", "Z-1", X0 + 100, Y0 + 100, X0 + 200, Y0 + 200, "100102", null);
            }
        }
    }

    @Test
    void aZoneAndABlockAreCreatedPatchedReplacedAndDeletedAsQgisSendsThem() {
        // what a run stopped half-way may have left (the private server's data can outlive a run)
        jdbc.sql("delete from block where zone_id in (select id from zone where code = 'ogcz-new')").update();
        jdbc.sql("delete from zone where code = 'ogcz-new'").update();
        long trailBefore = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
        // POST a zone: 201, Location, the ETag GET and HEAD answer
        HttpResponse<String> zone = api.raw("POST", ZONES, "application/geo+json", """
                {"type":"Feature","geometry":%s,"properties":{"code":"ogcz-new","name":"标准新区","admin_code":"330523",
                 "area_m2":null}}""".formatted(lonLat(2500, 2500, 3500, 3500)));
        assertThat(zone.statusCode()).as(zone.body()).isEqualTo(201);
        long zoneId = idOf(zone);
        assertThat(zone.headers().firstValue("Location")).hasValue(api.url(ZONES + "/" + zoneId));
        String zoneTag = zone.headers().firstValue("ETag").orElseThrow();
        assertThat(api.raw("GET", ZONES + "/" + zoneId, null, null).headers().firstValue("ETag")).hasValue(zoneTag);
        assertThat(api.head(ZONES + "/" + zoneId).header("ETag")).isEqualTo(zoneTag);
        assertThat(api.raw("GET", ZONES + "/" + zoneId + "?crs=http://www.opengis.net/def/crs/EPSG/0/4549", null, null)
                .headers().firstValue("ETag")).as("the same version in any CRS").hasValue(zoneTag);
        assertThat(JSON.readTree(zone.body()).path("properties").path("name").asString()).isEqualTo("标准新区");
        assertThat(area("zone", zoneId)).isCloseTo(independentArea(2500, 2500, 3500, 3500), within(0.01));

        // POST a block into it (the blocks collection names its features by the block's row id)
        HttpResponse<String> block = api.raw("POST", BLOCKS, "application/geo+json", """
                {"type":"Feature","geometry":%s,"properties":{"zone":"ogcz-new","code":"n-1","name":"一号"}}"""
                .formatted(lonLat(2500, 2500, 3000, 3000)));
        assertThat(block.statusCode()).as(block.body()).isEqualTo(201);
        long blockId = idOf(block);
        assertThat(jdbc.sql("select b.code from block b join zone z on z.id = b.zone_id where b.id = :id and z.code = 'ogcz-new'")
                .param("id", blockId).query(String.class).single()).isEqualTo("n-1");
        String blockTag = block.headers().firstValue("ETag").orElseThrow();

        // PATCH: a merge patch of the zone's name; the ETag moves on
        HttpResponse<String> patched = api.raw("PATCH", ZONES + "/" + zoneId, "application/merge-patch+json",
                "{\"properties\":{\"name\":\"标准新区（更名）\"}}", "If-Match", zoneTag);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(patched.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(zoneTag);
        zoneTag = patched.headers().firstValue("ETag").orElseThrow();
        assertThat(column("zone", "name", zoneId)).isEqualTo("标准新区（更名）");
        assertThat(column("zone", "admin_code", zoneId)).as("not named by the patch: kept").isEqualTo("330523");

        // PATCH the block's geometry only
        HttpResponse<String> grown = api.raw("PATCH", BLOCKS + "/" + blockId, "application/merge-patch+json",
                "{\"geometry\":" + lonLat(2500, 2500, 3200, 3000) + "}", "If-Match", blockTag);
        assertThat(grown.statusCode()).as(grown.body()).isEqualTo(200);
        assertThat(area("block", blockId)).isCloseTo(independentArea(2500, 2500, 3200, 3000), within(0.01));
        blockTag = grown.headers().firstValue("ETag").orElseThrow();

        // PUT: the whole zone replaced; admin_code left out is cleared
        HttpResponse<String> replaced = api.raw("PUT", ZONES + "/" + zoneId, "application/geo+json", """
                {"type":"Feature","id":%d,"geometry":%s,"properties":{"code":"ogcz-new","name":"标准新区三"}}"""
                .formatted(zoneId, lonLat(2500, 2500, 3600, 3500)), "If-Match", zoneTag);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(column("zone", "admin_code", zoneId)).isNull();
        assertThat(area("zone", zoneId)).isCloseTo(independentArea(2500, 2500, 3600, 3500), within(0.01));
        zoneTag = replaced.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> blockReplaced = api.raw("PUT", BLOCKS + "/" + blockId, "application/geo+json", """
                {"type":"Feature","geometry":%s,"properties":{"zone":"ogcz-new","code":"n-1","name":"一号（新）","area_mu":1}}"""
                .formatted(lonLat(2500, 2500, 2900, 2900)), "If-Match", blockTag);
        assertThat(blockReplaced.statusCode()).as(blockReplaced.body()).isEqualTo(200);
        assertThat(column("block", "name", blockId)).isEqualTo("一号（新）");
        blockTag = blockReplaced.headers().firstValue("ETag").orElseThrow();

        // DELETE: a zone with a block has history: 409, nothing removed; the block first, then the zone
        HttpResponse<String> refused = api.raw("DELETE", ZONES + "/" + zoneId, null, null, "If-Match", zoneTag);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(detail(refused)).startsWith("开发区 ogcz-new 还有 1 个区块").contains("nothing with history is deleted");
        assertThat(api.raw("DELETE", BLOCKS + "/" + blockId, null, null, "If-Match", blockTag).statusCode()).isEqualTo(204);
        assertThat(api.raw("DELETE", ZONES + "/" + zoneId, null, null, "If-Match", zoneTag).statusCode()).isEqualTo(204);
        assertThat(api.raw("GET", ZONES + "/" + zoneId, null, null).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from zone where code = 'ogcz-new'").query(Integer.class).single()).isZero();

        // every step is in the audit trail, by the planner
        assertThat(trail("zone", "ogcz-new", trailBefore)).startsWith("insert", "update").endsWith("delete")
                .as("a replacement writes its name, admin_code and boundary").hasSize(6);
        assertThat(trail("block", "n-1", trailBefore)).startsWith("insert").contains("update").endsWith("delete");
    }

    @Test
    void changesNeedIfMatch428AndAStaleOneIs412AndChangeNothing() {
        long id = zoneId(ZONE);
        String name = column("zone", "name", id);
        String patch = "{\"properties\":{\"name\":\"不该写入\"}}";
        HttpResponse<String> without = api.raw("PATCH", ZONES + "/" + id, "application/merge-patch+json", patch);
        assertThat(without.statusCode()).isEqualTo(428);
        assertThat(detail(without)).startsWith("修改开发区须带 If-Match").contains("If-Match header");
        HttpResponse<String> stale = api.raw("PATCH", ZONES + "/" + id, "application/merge-patch+json", patch,
                "If-Match", "\"0123\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(detail(stale)).startsWith("开发区 " + ZONE + " 已被他人修改").contains("was changed by someone else");
        long block = blockId("k-tile");
        assertThat(api.raw("DELETE", BLOCKS + "/" + block, null, null).statusCode()).isEqualTo(428);
        assertThat(api.raw("DELETE", BLOCKS + "/" + block, null, null, "If-Match", "\"stale\"").statusCode()).isEqualTo(412);
        assertThat(api.raw("PUT", BLOCKS + "/" + block, "application/geo+json", "{}", "If-Match", "*").statusCode())
                .isEqualTo(428);
        assertThat(column("zone", "name", id)).as("nothing written").isEqualTo(name);
        assertThat(blockId("k-tile")).as("still there").isEqualTo(block);
    }

    @Test
    void theChecksRefusalsAreNamedInChineseThenEnglishAndChangeNothing() {
        int blocks = count("block");
        int zones = count("zone");
        HttpResponse<String> outside = api.raw("POST", BLOCKS, "application/geo+json", """
                {"type":"Feature","geometry":%s,"properties":{"zone":"%s","code":"k-out","name":"出界"}}"""
                .formatted(lonLat(1800, 100, 2300, 300), ZONE));
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(422);
        assertThat(detail(outside)).startsWith("区块边界不符合要求").contains("outside zone " + ZONE);
        HttpResponse<String> overlap = api.raw("POST", BLOCKS, "application/geo+json", """
                {"type":"Feature","geometry":%s,"properties":{"zone":"%s","code":"k-over","name":"重叠"}}"""
                .formatted(lonLat(500, 0, 1100, 500), ZONE));
        assertThat(overlap.statusCode()).as(overlap.body()).isEqualTo(422);
        assertThat(detail(overlap)).startsWith("区块边界不符合要求").contains("与区块 k-1", "overlaps block k-1");
        HttpResponse<String> zoneOverlap = api.raw("POST", ZONES, "application/geo+json", """
                {"type":"Feature","geometry":%s,"properties":{"code":"ogcz-over","name":"重叠区"}}"""
                .formatted(lonLat(1500, 1500, 2500, 2500)));
        assertThat(zoneOverlap.statusCode()).isEqualTo(422);
        assertThat(detail(zoneOverlap)).startsWith("开发区边界不符合要求").contains("overlaps zone " + ZONE);

        long k1 = blockId("k-1");
        String tag = api.raw("GET", BLOCKS + "/" + k1, null, null).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> unknown = api.raw("PATCH", BLOCKS + "/" + k1, "application/merge-patch+json",
                "{\"properties\":{\"colour\":\"red\"}}", "If-Match", tag);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(detail(unknown)).startsWith("区块没有属性 'colour'").contains("Blocks have no property 'colour'");
        HttpResponse<String> moved = api.raw("PATCH", BLOCKS + "/" + k1, "application/merge-patch+json",
                "{\"properties\":{\"zone\":\"ogcz-other\"}}", "If-Match", tag);
        assertThat(moved.statusCode()).isEqualTo(400);
        assertThat(detail(moved)).startsWith("区块属于开发区 " + ZONE).contains("cannot move");
        HttpResponse<String> line = api.raw("PATCH", BLOCKS + "/" + k1, "application/merge-patch+json",
                "{\"geometry\":" + SurveyShapes.lonLat(jdbc, SurveyShapes.line(X0, Y0, X0 + 100, Y0)) + "}", "If-Match", tag);
        assertThat(line.statusCode()).isEqualTo(400);
        assertThat(detail(line)).contains("Polygon");
        // a block holding a parcel has history: it is not deleted
        HttpResponse<String> held = api.raw("DELETE", BLOCKS + "/" + k1, null, null, "If-Match", tag);
        assertThat(held.statusCode()).isEqualTo(409);
        assertThat(detail(held)).startsWith("区块 k-1 中有 1 宗宗地").contains("nothing with history is deleted");
        assertThat(count("block")).as("nothing written").isEqualTo(blocks);
        assertThat(count("zone")).isEqualTo(zones);
        assertThat(api.raw("GET", BLOCKS + "/" + k1, null, null).headers().firstValue("ETag")).hasValue(tag);
    }

    @Test
    void plannersAndAdminsWriteVisitorsEnterprisesAndAuditorsAreRefused() {
        long id = zoneId(ZONE);
        String patch = "{\"properties\":{\"name\":\"" + ZONE + "\"}}";
        for (String who : List.of(TestUsers.ENTERPRISE, TestUsers.AUDITOR)) {
            Api as = api.as(who);
            String tag = tag(ZONES + "/" + id);
            assertThat(as.raw("PATCH", ZONES + "/" + id, "application/merge-patch+json", patch, "If-Match", tag).statusCode())
                    .as(who + " PATCH").isEqualTo(403);
            assertThat(as.raw("DELETE", BLOCKS + "/" + blockId("k-tile"), null, null, "If-Match", "\"x\"").statusCode())
                    .as(who + " DELETE").isEqualTo(403);
            assertThat(as.raw("POST", BLOCKS, "application/geo+json", "{}").statusCode()).as(who + " POST").isEqualTo(403);
        }
        assertThat(api.anonymous().raw("PATCH", ZONES + "/" + id, "application/merge-patch+json", patch, "If-Match",
                tag(ZONES + "/" + id)).statusCode()).isEqualTo(401);
        assertThat(api.anonymous().raw("POST", ZONES, "application/geo+json", "{}").statusCode()).isEqualTo(401);
        // an admin may, as through the zones API
        String name = "核查区（管理员改 " + System.nanoTime() % 1_000_000 + "）";
        HttpResponse<String> byAdmin = api.as(TestUsers.ADMIN).raw("PATCH", ZONES + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"name\":\"" + name + "\"}}", "If-Match", tag(ZONES + "/" + id));
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_log where table_name = 'zone' and action = 'update' and actor = :actor "
                + "and after->>'code' = :zone and after->>'name' = :name").param("actor", TestUsers.ADMIN)
                .param("zone", ZONE).param("name", name).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCachedBlocksTileIsDroppedWhenABlockIsRenamedThroughTheStandard() {
        String tile = blocksTile(X0 + 1400, Y0 + 1400, 15);
        Api.Binary before = api.getBinary(tile);
        assertThat(before.status()).isEqualTo(200);
        assertThat(api.getBinary(tile, "If-None-Match", before.header("ETag")).status()).as("cached, unchanged").isEqualTo(304);
        long id = blockId("k-tile");
        String name = "瓦片区块" + System.nanoTime() % 100_000;
        HttpResponse<String> renamed = api.raw("PATCH", BLOCKS + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"name\":\"" + name + "\"}}", "If-Match", tag(BLOCKS + "/" + id));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        Api.Binary after = api.getBinary(tile, "If-None-Match", before.header("ETag"));
        assertThat(after.status()).as("the cached tile was dropped and cut again").isEqualTo(200);
        assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains(name);
    }

    @Test
    void theApiDocumentAndOptionsDeclareTheWritesToPlannersAndAdmins() {
        JsonNode planner = api.json("/ogc/api").path("paths");
        assertThat(planner.path("/collections/zones/items").has("post")).isTrue();
        assertThat(planner.path("/collections/blocks/items/{featureId}").has("patch")).isTrue();
        assertThat(planner.path("/collections/blocks/items/{featureId}").has("delete")).isTrue();
        JsonNode admin = api.as(TestUsers.ADMIN).json("/ogc/api").path("paths");
        assertThat(admin.path("/collections/zones/items/{featureId}").has("put")).isTrue();
        assertThat(admin.path("/collections/parcels/items").has("post")).as("parcels are the planners'").isFalse();
        JsonNode auditor = api.as(TestUsers.AUDITOR).json("/ogc/api").path("paths");
        assertThat(auditor.path("/collections/zones/items").has("post")).isFalse();
        assertThat(auditor.path("/collections/zones/items").has("get")).isTrue();
        // QGIS asks OPTIONS before it offers editing
        assertThat(api.raw("OPTIONS", ZONES, null, null).headers().firstValue("Allow").orElse("")).contains("GET", "POST");
        assertThat(api.raw("OPTIONS", BLOCKS + "/" + blockId("k-1"), null, null).headers().firstValue("Allow").orElse(""))
                .contains("GET", "PUT", "PATCH", "DELETE");
    }

    // ---------------------------------------------------------------- helpers

    private static String detail(HttpResponse<String> response) {
        return JSON.readTree(response.body()).path("detail").asString();
    }

    private static long idOf(HttpResponse<String> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private String tag(String path) {
        return api.raw("GET", path, null, null).headers().firstValue("ETag").orElseThrow();
    }

    /** The rectangle (metres from X0, Y0) as GeoJSON in CRS84. */
    private String lonLat(double x0, double y0, double x1, double y1) {
        return SurveyShapes.lonLat(jdbc, SurveyShapes.rectangle(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1));
    }

    private long zoneId(String code) {
        return jdbc.sql("select id from zone where code = :code").param("code", code).query(Long.class).single();
    }

    private long blockId(String code) {
        return jdbc.sql("select b.id from block b join zone z on z.id = b.zone_id where z.code = :zone and b.code = :code")
                .param("zone", ZONE).param("code", code).query(Long.class).single();
    }

    private String column(String table, String column, long id) {
        return (String) jdbc.sql("select " + column + " from " + table + " where id = :id").param("id", id).query()
                .singleRow().get(column);
    }

    private double area(String table, long id) {
        return jdbc.sql("select ST_Area(boundary) from " + table + " where id = :id").param("id", id).query(Double.class).single();
    }

    private double independentArea(double x0, double y0, double x1, double y1) {
        return jdbc.sql("select ST_Area(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549))").param("x0", X0 + x0).param("y0", Y0 + y0)
                .param("x1", X0 + x1).param("y1", Y0 + y1).query(Double.class).single();
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    /** The trail's actions on the zone or block with this code, by the planner, in order, after row {@code since}. */
    private List<String> trail(String table, String code, long since) {
        return jdbc.sql("""
                select action from audit_log where table_name = :table and actor = :actor and id > :since
                and coalesce(after->>'code', before->>'code') = :code order by id""")
                .param("table", table).param("actor", TestUsers.PLANNER).param("since", since).param("code", code)
                .query(String.class).list();
    }

    /** The blocks tile of zoom z holding a survey point. */
    private String blocksTile(double x, double y, int z) {
        double[] lonLat = SurveyShapes.lonLat(jdbc, x, y);
        double n = Math.pow(2, z);
        double lat = Math.toRadians(lonLat[1]);
        return "/tiles/blocks/" + z + "/" + (int) Math.floor((lonLat[0] + 180) / 360 * n) + "/"
                + (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n) + ".mvt";
    }
}
