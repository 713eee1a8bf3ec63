package com.landrenew.importer;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyGeoJson;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Zones and blocks imported from a file ({@code target=zones}, {@code target=blocks}): all or nothing, with a
 * report per feature, dry runs, and the zone's parcels placed in the imported blocks. Files in EPSG:4549, metres
 * from this class's test area's south-west corner (X0, Y0): zones bi-north (0..2000, 2000..4000) and bi-south
 * (0..2000, 0..2000); parcel S-1 (100..300, 100..300) in bi-south before its blocks come.
 */
@LandRenewTest
class BoundaryImportApiTest {

    static final TestAreas.Area AREA = TestAreas.claim("BoundaryImportApiTest", 5, 5);
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
    }

    @Test
    void zonesAndThenTheirBlocksComeFromFilesAllOrNothingAndTheBlocksTakeTheirParcels() {
        // refused: the second overlaps the first by 100 m x 2000 m, the third has a bad code and no name
        Api.Response refused = upload(Map.of("target", "zones"), feature("bi-north", "北区", 0, 2000, 2000, 4000),
                feature("bi-south", "南区", 0, 0, 2000, 2100), feature("Bad Code", "", 3000, 0, 4000, 1000));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        JsonNode report = refused.json().path("import").path("report");
        assertThat(report.get(0).path("status").asString()).isEqualTo("rejected");
        assertThat(report.get(0).path("problems").toString()).contains("与文件中第 2 个要素重叠 200000.0 m²");
        assertThat(report.get(1).path("problems").toString()).contains("overlaps feature 1 of the file by 200000.0 m²");
        assertThat(report.get(2).path("problems").toString()).contains("code must be lower-case letters", "name is missing");
        assertThat(zoneCount()).isZero();

        Api.Response dryRun = upload(Map.of("target", "zones", "dryRun", "true"), feature("bi-north", "北区", 0, 2000, 2000, 4000),
                feature("bi-south", "南区", 0, 0, 2000, 2000));
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.json().path("imported").asInt()).isZero();
        assertThat(zoneCount()).as("a dry run writes nothing").isZero();

        Api.Response zones = upload(Map.of("target", "zones"), feature("bi-north", "北区", 0, 2000, 2000, 4000),
                feature("bi-south", "南区", 0, 0, 2000, 2000));
        assertThat(zones.status()).as(zones.body()).isEqualTo(200);
        assertThat(zones.json().path("imported").asInt()).isEqualTo(2);
        Map<String, Double> areas = new HashMap<>();
        api.json("/api/zones").path("features").forEach(z -> areas.put(z.path("id").asString(),
                z.path("properties").path("area").path("m2").asDouble()));
        assertThat(areas.get("bi-south")).isCloseTo(independentArea(0, 0, 2000, 2000), within(0.01)).isCloseTo(4_000_000, within(0.01));
        assertThat(jdbc.sql("select count(*) from audit_log where table_name = 'zone' and action = 'insert' and actor = :actor "
                + "and after->>'code' in ('bi-north', 'bi-south')").param("actor", TestUsers.PLANNER).query(Integer.class).single())
                .isEqualTo(2);

        new Fixtures(jdbc).parcel("bi-south", null, "S-1", X0 + 100, Y0 + 100, X0 + 300, Y0 + 300, "100102", null);
        Api.Response badBlocks = upload(Map.of("target", "blocks", "zone", "bi-south"), feature("s-a", "南甲", 0, 0, 1000, 1000),
                feature("s-b", "南乙", 1500, 1500, 2500, 2500), feature("s-a", "南甲二", 1000, 0, 2000, 1000));
        assertThat(badBlocks.status()).as(badBlocks.body()).isEqualTo(422);
        JsonNode blockReport = badBlocks.json().path("import").path("report");
        assertThat(blockReport.get(1).path("problems").toString()).contains("lies partly outside zone bi-south (750000.0 m² outside)");
        assertThat(blockReport.get(2).path("problems").toString()).contains("code s-a appears more than once in the file");
        assertThat(blockCount("bi-south")).isZero();

        Api.Response blocks = upload(Map.of("target", "blocks", "zone", "bi-south"), feature("s-a", "南甲", 0, 0, 1000, 1000),
                feature("s-b", "南乙", 1000, 0, 2000, 1000));
        assertThat(blocks.status()).as(blocks.body()).isEqualTo(200);
        assertThat(blocks.json().path("imported").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("""
                select b.code from parcel p join block b on b.id = p.block_id join zone z on z.id = p.zone_id
                where z.code = 'bi-south' and p.code = 'S-1'""").query(String.class).single())
                .as("the parcel goes in the imported block covering it").isEqualTo("s-a");

        // parcels imported without a block go in the block covering most of them
        Api.Response parcels = api.upload("/api/imports", Map.of("zone", "bi-south"), "parcels.geojson", bytes(SurveyGeoJson.collection(
                SurveyGeoJson.feature("S-2", "100102", "", SurveyGeoJson.rectangle(X0 + 900, Y0 + 100, X0 + 1200, Y0 + 300)))));
        assertThat(parcels.status()).as(parcels.body()).isEqualTo(200);
        assertThat(jdbc.sql("""
                select b.code from parcel p join block b on b.id = p.block_id join zone z on z.id = p.zone_id
                where z.code = 'bi-south' and p.code = 'S-2'""").query(String.class).single())
                .as("200 of its 300 m lie in s-b").isEqualTo("s-b");

        Api.Response again = upload(Map.of("target", "blocks", "zone", "bi-south", "dryRun", "true"),
                feature("s-a", "南甲", 0, 1000, 1000, 2000));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().path("import").path("report").get(0).path("problems").toString())
                .contains("开发区 bi-south 已有区块 s-a");
    }

    @Test
    void theTargetIsOneOfFourAndBlocksNeedTheirZone() {
        String file = SurveyGeoJson.collection(feature("bi-x", "x", 4000, 4000, 4500, 4500));
        assertDetail(api.upload("/api/imports", Map.of("target", "roads"), "x.geojson", bytes(file)),
                "target 应是 parcels（宗地）、zones（开发区）、blocks（区块）或 basemap（底图），而不是 roads。"
                        + "target must be parcels, zones, blocks or basemap, not roads");
        assertDetail(api.upload("/api/imports", Map.of("target", "blocks"), "x.geojson", bytes(file)), "缺少参数 zone");
        assertDetail(api.upload("/api/imports", Map.of("target", "blocks", "zone", "bi-nowhere"), "x.geojson", bytes(file)),
                404, "没有代码为 'bi-nowhere' 的开发区。No zone with code 'bi-nowhere'.");
        for (String user : List.of(TestUsers.AUDITOR, TestUsers.ENTERPRISE)) {
            assertThat(api.as(user).upload("/api/imports", Map.of("target", "zones", "dryRun", "true"), "x.geojson", bytes(file))
                    .status()).as(user).isEqualTo(403);
        }
        assertThat(api.anonymous().upload("/api/imports", Map.of("target", "zones"), "x.geojson", bytes(file)).status())
                .isEqualTo(401);
    }

    private Api.Response upload(Map<String, String> fields, String... features) {
        return api.upload("/api/imports", fields, "boundaries.geojson", bytes(SurveyGeoJson.collection(features)));
    }

    /** A polygon feature with code and name, the rectangle in metres from (X0, Y0). */
    private static String feature(String code, String name, double x0, double y0, double x1, double y1) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"" + name + "\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + SurveyGeoJson.rectangle(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1) + "}}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private double independentArea(double x0, double y0, double x1, double y1) {
        return jdbc.sql("select ST_Area(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549))").param("x0", X0 + x0).param("y0", Y0 + y0)
                .param("x1", X0 + x1).param("y1", Y0 + y1).query(Double.class).single();
    }

    private int zoneCount() {
        return jdbc.sql("select count(*) from zone where code like 'bi-%'").query(Integer.class).single();
    }

    private int blockCount(String zone) {
        return jdbc.sql("select count(*) from block b join zone z on z.id = b.zone_id where z.code = :zone").param("zone", zone)
                .query(Integer.class).single();
    }
}
