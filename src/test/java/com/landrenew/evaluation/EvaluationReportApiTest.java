package com.landrenew.evaluation;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The auditors' yearly report against a ledger written by hand: what 2025's events (as the ledger stood at
 * the year's end) and results must add up to, each parcel 100 m × 80 m = 12 mu.
 */
@LandRenewTest
class EvaluationReportApiTest {

    static final String ZONE = "report-test";
    static final TestAreas.Area AREA = TestAreas.claim("EvaluationReportApiTest", 1, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String REPORT = "/api/evaluations/report?zone=" + ZONE + "&year=2025";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port).as(TestUsers.AUDITOR);
        Fixtures fixtures = new Fixtures(jdbc);
        RenewalFixtures renewal = new RenewalFixtures(jdbc);
        if (fixtures.zoneExists(ZONE)) {
            return;
        }
        fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
        int a = fixtures.enterprise("报告A");
        int d1 = fixtures.enterprise("报告D1");
        int d2 = fixtures.enterprise("报告D2");
        int small = fixtures.enterprise("报告未评级");
        renewal.result(ZONE, 2024, a, "A", 120.0, 40.0, 100.0, 10);
        renewal.result(ZONE, 2024, d1, "D", 30.0, 4.0, 10.0, 30);
        renewal.result(ZONE, 2025, a, "A", 125.0, 50.0, 120.0, 10);
        renewal.result(ZONE, 2025, d1, "D", 28.0, 2.0, 8.0, 12);
        renewal.result(ZONE, 2025, d2, "D", 35.0, 3.0, 12.0, 12);
        renewal.result(ZONE, 2025, small, null, null, 1.0, 2.0, 2);
        // P1: identified, vacating begun, then vacated (freed) in 2025, its holder D1 named by the freeing event
        long p1 = parcel("R-1", 0, d1);
        fixtures.walk(p1, "2025-03-01", "low_efficiency");
        fixtures.walk(p1, "2025-06-01", "vacating");
        fixtures.event(p1, "vacating", "vacated", "2025-09-01", "2025-09-01T10:00:00+08:00", d1, 2);
        // P2: identified, then improved in place
        long p2 = parcel("R-2", 150, d2);
        fixtures.walk(p2, "2025-04-01", "low_efficiency");
        fixtures.walk(p2, "2025-10-01", "in_use");
        // P3: identified in 2024: not this year's
        fixtures.walk(parcel("R-3", 300, a), "2024-05-01", "low_efficiency");
        // P4: effective in 2025 but recorded in 2026: the year's report cannot know it
        fixtures.event(parcel("R-4", 450, a), "in_use", "low_efficiency", "2025-11-01", "2026-01-10T10:00:00+08:00", null, 0);
        for (int e : new int[] {d1, d2}) {
            jdbc.sql("""
                    insert into enterprise_plan (enterprise_id, zone_id, evaluation_year, kind, due, created_by)
                    select :e, id, 2025, 'relocate', date '2026-12-31', 'test' from zone where code = :z""")
                    .param("e", e).param("z", ZONE).update();
        }
    }

    @Test
    void figuresAddUpFromTheResultsAndTheLedgerAtTheYearsEnd() {
        JsonNode r = api.json(REPORT);
        assertThat(r.path("asOf").asString()).isEqualTo("2025-12-31");
        assertThat(r.path("enterprisesEvaluated").asInt()).isEqualTo(4);
        assertThat(r.path("enterprisesRated").asInt()).isEqualTo(3);
        assertThat(r.path("ratedLandMu").asDouble()).isEqualTo(34.0);
        assertThat(r.path("classes").toString())
                .isEqualTo("[{\"evaluationClass\":\"A\",\"enterprises\":1,\"landMu\":10.0},"
                        + "{\"evaluationClass\":\"D\",\"enterprises\":2,\"landMu\":24.0}]");
        JsonNode w = r.path("work");
        assertLand(w.path("lowEfficiencyIdentified"), 2, 24);
        assertLand(w.path("underPlan"), 2, 24);
        assertThat(w.path("plans").asInt()).isEqualTo(2);
        assertLand(w.path("improvedInPlace"), 1, 12);
        assertLand(w.path("vacating"), 1, 12);
        assertLand(w.path("freed"), 1, 12);
        assertThat(w.path("enterprisesMovedOut").asInt()).isEqualTo(1);
        assertThat(w.path("freed").path("mu").asDouble()).isCloseTo(new RenewalFixtures(jdbc).mu(ZONE, "R-1"), within(1e-4));
        // 2024: (40×10 + 4×30) / 40 = 13; 2025: (50×10 + 2×12 + 3×12 + 1×2) / 36 = 15.61
        JsonNode years = r.path("years");
        assertThat(years.get(0).path("year").asInt()).isEqualTo(2024);
        assertThat(years.get(0).path("taxWanPerMu").asDouble()).isEqualTo(13.0);
        assertThat(years.get(0).path("valueAddedWanPerMu").asDouble()).isEqualTo(32.5);   // (1000 + 300) / 40
        assertThat(years.get(1).path("taxWanPerMu").asDouble()).isEqualTo(15.61);
    }

    @Test
    void csvAndXlsxCarryATitleAndChineseThenEnglishHeaders() throws Exception {
        Api.Binary csv = api.getBinary("/api/evaluations/report.csv?zone=" + ZONE + "&year=2025");
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = new String(csv.body(), StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r\n");
        assertThat(lines[0]).contains("亩均效益评价年度报告", ZONE, "2025-01-01", "2025-12-31", "as of");
        assertThat(lines[1]).startsWith("项目,类别或年度,企业数,宗地数,面积（亩）");
        assertThat(lines[2]).startsWith("item,class_or_year,enterprises,parcels,mu");
        assertThat(lines).contains("腾空盘活 Freed,,1,1,12.0,,", "分类 Class,D,2,,24.0,,");
        Api.Binary xlsx = api.getBinary("/api/evaluations/report.xlsx?zone=" + ZONE + "&year=2025");
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("亩均效益评价年度报告", "2025-12-31");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("项目");
            assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("面积（亩）");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("item");
            assertThat(sheet.getRow(2).getCell(4).getStringCellValue()).isEqualTo("mu");
            // A figure from the ledger: the land freed, as a number, equal to the parcel's own area.
            Row freed = null;
            for (int r = 3; r <= sheet.getLastRowNum(); r++) {
                if (sheet.getRow(r).getCell(0).getStringCellValue().startsWith("腾空盘活")) {
                    freed = sheet.getRow(r);
                }
            }
            assertThat(freed).isNotNull();
            assertThat(freed.getCell(4).getNumericCellValue()).isCloseTo(new RenewalFixtures(jdbc).mu(ZONE, "R-1"), within(0.005));
        }
    }

    @Test
    void staffOnlyAndQuestionsChecked() {
        assertThat(api.as(TestUsers.PLANNER).get(REPORT).status()).isEqualTo(200);
        assertThat(api.as(TestUsers.ENTERPRISE).get(REPORT).status()).isEqualTo(403);
        assertThat(api.as(TestUsers.ENTERPRISE).get("/api/evaluations/report.csv?zone=" + ZONE + "&year=2025").status())
                .isEqualTo(403);
        assertThat(api.anonymous().get("/api/evaluations/report.xlsx?zone=" + ZONE + "&year=2025").status()).isEqualTo(401);
        assertDetail(api.get("/api/evaluations/report?zone=" + ZONE + "&year=abc"), "year");
        assertDetail(api.get("/api/evaluations/report?zone=" + ZONE), "year");
        assertDetail(api.get("/api/evaluations/report?zone=nowhere&year=2025"), 404, "nowhere");
    }

    private long parcel(String code, double dx, int holder) {
        return new Fixtures(jdbc).parcel(ZONE, null, code, X0 + dx + 10, Y0 + 10, X0 + dx + 110, Y0 + 90, "100102", holder);
    }

    private static void assertLand(JsonNode land, int parcels, double mu) {
        assertThat(land.path("parcels").asInt()).as(land.toString()).isEqualTo(parcels);
        assertThat(land.path("mu").asDouble()).as(land.toString()).isCloseTo(mu, within(1e-4));
    }
}
