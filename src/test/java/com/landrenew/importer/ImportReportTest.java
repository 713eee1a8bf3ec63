package com.landrenew.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyGeoJson;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An import's report as people act on it: a summary first, the other feature of a duplicate code and of an
 * overlap named, overlaps reported for features with other problems too, each repair's change of area, and the
 * same report as CSV with Chinese headers.
 */
@LandRenewTest
class ImportReportTest {

    static final String ZONE = "import-report-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
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
        if (!fixtures.zoneExists(ZONE)) {
            fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
            fixtures.parcel(ZONE, null, "RPT-STORED", X0 + 800, Y0 + 800, X0 + 900, Y0 + 900, "100101", null);
        }
    }

    /** Feature 4 overlaps the stored parcel and has an unknown land use: both are said. */
    private static final String FILE = SurveyGeoJson.collection(
            SurveyGeoJson.feature("RPT-DUP", "100101", "", rect(0, 0, 100, 100)),
            SurveyGeoJson.feature("RPT-DUP", "100101", "", rect(200, 0, 300, 100)),
            SurveyGeoJson.feature("=RPT-3", "100101", "", rect(250, 50, 350, 150)),
            SurveyGeoJson.feature("RPT-4", "9999", "", rect(850, 850, 950, 950)),
            // A bow tie: its signed area is 0 m², mended into two triangles of 2500 m² each.
            SurveyGeoJson.feature("RPT-BOW", "100101", "", "[[[" + (X0 + 400) + "," + Y0 + "],[" + (X0 + 500) + "," + (Y0 + 100) + "],["
                    + (X0 + 500) + "," + Y0 + "],[" + (X0 + 400) + "," + (Y0 + 100) + "],[" + (X0 + 400) + "," + Y0 + "]]]"));

    @Test
    void theReportSummarisesAndNamesTheOtherFeatureOfEachClash() {
        Api.Response response = upload(Map.of("repair", "true"));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        JsonNode report = response.json().path("import");
        Map<String, Long> summary = new HashMap<>();
        report.path("summary").forEach(k -> summary.put(k.path("kind").asString(), k.path("features").asLong()));
        assertThat(summary).containsEntry("code", 2L).containsEntry("overlaps_feature", 2L).containsEntry("overlaps_parcel", 1L)
                .containsEntry("land_use", 1L).containsEntry("repaired", 1L);
        JsonNode[] features = new JsonNode[6];
        report.path("report").forEach(f -> features[f.path("index").asInt()] = f);
        assertThat(features[1].path("problems").get(0).asString()).startsWith("代码 ").contains("在文件中出现多次（另见要素 2）")
                .contains("appears more than once").contains("also feature 2");
        assertThat(features[2].path("problems").toString()).contains("also feature 1")
                .contains("与文件中第 3 个要素（=RPT-3）重叠 2500.0 m²。overlaps feature 3 (=RPT-3) of the file by 2500.0 m²");
        assertThat(features[3].path("problems").toString()).contains("overlaps feature 2 (RPT-DUP) of the file by 2500.0 m²");
        assertThat(features[4].path("problems").toString()).as("an overlap is said beside the other problem")
                .contains("overlaps parcel RPT-STORED by 2500.0 m²").contains("land_use 9999");
        assertThat(features[5].path("problems").get(0).asString()).startsWith("已修复 repaired: Self-intersection")
                .contains("面积 area 0.0 → 5000.0 m²（+5000.0 m²）");
        assertThat(features[1].path("where").asString()).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f,%.1f", X0 + 50, Y0 + 50));
    }

    @Test
    void theReportDownloadsAsCsvWithChineseHeaders() {
        Api.Response csv = upload(Map.of("report", "csv", "dryRun", "true"));

        assertThat(csv.status()).as(csv.body()).isEqualTo(422);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("\uFEFF要素 feature,代码 code,结果 status,类别 kind,问题 problem,位置 where (EPSG:4549)");
        assertThat(lines).anyMatch(l -> l.startsWith("2,RPT-DUP,rejected,代码缺失或重复 code missing or not unique,")
                && l.contains("also feature 1"));
        assertThat(lines).as("a code a spreadsheet would run as a formula is quoted as text")
                .anyMatch(l -> l.startsWith("3,'=RPT-3,rejected,"));
        assertThat(jdbc.sql("select count(*) from parcel p join zone z on z.id = p.zone_id where z.code = :z").param("z", ZONE)
                .query(Long.class).single()).isEqualTo(1L);
    }

    private Api.Response upload(Map<String, String> extra) {
        Map<String, String> fields = new HashMap<>(Map.of("zone", ZONE));
        fields.putAll(extra);
        return api.upload("/api/imports", fields, "report.geojson", FILE.getBytes(StandardCharsets.UTF_8));
    }

    private static String rect(double x0, double y0, double x1, double y1) {
        return SurveyGeoJson.rectangle(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1);
    }
}
