package com.landrenew.evaluation;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * The evaluation API in a zone of its own: schemes (who may read and write, the bounds), figures in from
 * CSV and XLSX (the per-row report, all or nothing, dry run), and the results in JSON, CSV and XLSX for
 * each role: staff all rows, the test enterprise its own row only, visitors nothing.
 */
@LandRenewTest
class EvaluationApiTest {

    static final String ZONE = "eval-api";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final int YEAR = 2032;
    /** A valid credit code no enterprise has. */
    static final String UNKNOWN = "91330523999999999" + com.landrenew.enterprise.CreditCode.checkCharFor("91330523999999999");
    static final String SCHEMES = "/api/evaluation-schemes/" + ZONE + "/" + YEAR;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api planner;
    static String own;
    static String other;
    static String third;

    @BeforeEach
    void setUp() {
        planner = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (EvaluationApiTest.class) {
            if (fixtures.zoneExists(ZONE)) {
                return;
            }
            fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
            int mine = jdbc.sql("select id from enterprise where name = :name").param("name", TestUsers.ENTERPRISE_NAME)
                    .query(Integer.class).single();
            int b = fixtures.enterprise("评价接口乙");
            int c = fixtures.enterprise("评价接口丙");
            own = code(mine);
            other = code(b);
            third = code(c);
            fixtures.parcel(ZONE, null, "API-A", X0 + 100, Y0 + 100, X0 + 200, Y0 + 200, "100102", mine);
            fixtures.parcel(ZONE, null, "API-B", X0 + 300, Y0 + 100, X0 + 400, Y0 + 200, "100102", b);
            fixtures.parcel(ZONE, null, "API-C", X0 + 500, Y0 + 100, X0 + 600, Y0 + 200, "100102", c);
        }
    }

    private String code(int enterprise) {
        return jdbc.sql("select credit_code from enterprise where id = :id").param("id", enterprise).query(String.class).single();
    }

    private static final String VALID = """
            {"groupsApart": false, "minLandMu": 3, "classBy": "score",
             "thresholds": {"a": 110, "b": 80, "c": 50}, "shares": {"a": 15, "b": 50, "d": 5},
             "vetoes": {"incident": true, "taxFloor": null, "highTech": true},
             "indicators": [
               {"code": "tax_per_mu", "enabled": true, "weight": 60, "benchmark": null, "floor": 0, "cap": 1.5},
               {"code": "value_added_per_mu", "enabled": true, "weight": 40, "benchmark": 100, "floor": 0, "cap": 1.5},
               {"code": "rd_share", "enabled": false, "weight": 0, "benchmark": null, "floor": 0, "cap": 1.5}]}
            """;

    /** Figures of the three enterprises: 规上 all, tax 600 / 150 / 30 万元 on 15 mu each. */
    private String csv() {
        return "\uFEFF统一社会信用代码,企业名称,税收（万元）,增加值（万元）,综合能耗（吨标煤）,从业人员,用地面积(申报),规上/规下,重大事故,上市高新\r\n"
                + own + ",本企业,600,3000,1000,100,16,规上,否,否\r\n"
                + other + ",乙,150,1500,600,60,,规上,否,否\r\n"
                + third + ",丙,30,300,50,35,,规上,否,否\r\n";
    }

    private void schemeAndFigures() {
        if (jdbc.sql("select count(*) from evaluation_result where zone_code = :zone").param("zone", ZONE)
                .query(Integer.class).single() == 0) {
            assertThat(planner.upload("/api/evaluations/figures", Map.of("year", "" + YEAR), "figures.csv",
                    csv().getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
            assertThat(planner.put(SCHEMES, VALID).status()).isEqualTo(200);
        }
    }

    @Test
    void staffReadTheUsualSchemeUntilPlannersSaveOneAuditorsAndEnterprisesMayNotWrite() {
        JsonNode usual = planner.as(TestUsers.AUDITOR).json("/api/evaluation-schemes/" + ZONE + "/2040");
        assertThat(usual.path("saved").asBoolean()).isFalse();
        assertThat(usual.path("indicators").findValuesAsString("code")).containsExactly("tax_per_mu",
                "value_added_per_mu", "value_added_per_energy", "value_added_per_emission", "labour_productivity", "rd_share");
        assertThat(usual.path("indicators").findValues("weight").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(100);

        assertThat(planner.as(TestUsers.AUDITOR).put(SCHEMES, VALID).status()).isEqualTo(403);
        assertThat(planner.as(TestUsers.ENTERPRISE).put(SCHEMES, VALID).status()).isEqualTo(403);
        assertThat(planner.as(TestUsers.ENTERPRISE).get(SCHEMES).status()).isEqualTo(403);
        assertThat(planner.anonymous().get(SCHEMES).status()).isEqualTo(401);

        Api.Response saved = planner.as(TestUsers.ADMIN).put("/api/evaluation-schemes/" + ZONE + "/2041", VALID);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode back = planner.as(TestUsers.AUDITOR).json("/api/evaluation-schemes/" + ZONE + "/2041");
        assertThat(back.path("saved").asBoolean()).isTrue();
        assertThat(back.path("classBy").asString()).isEqualTo("score");
        assertThat(back.path("updatedBy").asString()).isEqualTo(TestUsers.ADMIN);
        assertThat(back.path("indicators").get(1).path("benchmark").decimalValue()).isEqualByComparingTo("100");
        assertThat(back.path("indicators").get(2).path("enabled").asBoolean()).as("left out: off").isFalse();
        assertThat(jdbc.sql("""
                select count(*) from audit_log where table_name = 'evaluation_scheme' and actor = :actor""")
                .param("actor", TestUsers.ADMIN).query(Integer.class).single()).isPositive();
    }

    @Test
    void badSchemesAreRefusedInChineseThenEnglishAndNothingIsStored() {
        String path = "/api/evaluation-schemes/" + ZONE + "/2042";
        assertDetail(planner.put(path, VALID.replace("\"weight\": 40", "\"weight\": 30")), "启用指标的权重之和须为 100，现为 90");
        assertDetail(planner.put(path, VALID.replace("\"classBy\": \"score\"", "\"classBy\": \"grade\"")), "classBy 须为 score");
        assertDetail(planner.put(path, VALID.replace("\"cap\": 1.5}", "\"cap\": 11}")), "indicators[0].cap");
        assertDetail(planner.put(path, VALID.replace("\"a\": 110", "\"a\": 10")), "分数线须 A ≥ B ≥ C");
        assertDetail(planner.put(path, VALID.replace("\"d\": 5", "\"d\": 40")), "比例之和不得超过 100%");
        assertDetail(planner.put(path, VALID.replace("\"minLandMu\": 3", "\"minLandMu\": -1")), "minLandMu");
        assertDetail(planner.put(path, VALID.replace("\"code\": \"rd_share\"", "\"code\": \"profit\"")), "indicators[2].code");
        assertDetail(planner.put(path, VALID.replace("\"weight\": 60", "\"weight\": 59.999")), "最多两位小数");
        assertDetail(planner.put("/api/evaluation-schemes/" + ZONE + "/1999", VALID), "year（评价年度）须在 2000 到 2100");
        assertDetail(planner.put(path, ""), "缺少评价方案");
        assertDetail(planner.put("/api/evaluation-schemes/nowhere/2042", VALID), 404, "没有园区 nowhere");
        assertThat(jdbc.sql("select count(*) from evaluation_scheme where year = 2042").query(Integer.class).single()).isZero();
    }

    @Test
    void figuresWithProblemsAreReportedRowByRowAndNothingIsWritten() {
        String bad = "\uFEFF统一社会信用代码,企业名称,税收,增加值,综合能耗,规上/规下\r\n"
                + own + ",本企业,100,200,30,规上\r\n"
                + UNKNOWN + ",无此企业,1,1,1,规上\r\n"
                + other + ",乙,,200,30,规上\r\n"
                + third + ",丙,10,200,-3,规中\r\n"
                + own + ",本企业,100,abc,30,规上\r\n";
        Api.Response refused = planner.upload("/api/evaluations/figures", Map.of("year", "2033"), "figures.csv",
                bad.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        JsonNode report = refused.json().path("import");
        assertThat(report.path("rows").asInt()).isEqualTo(5);
        assertThat(report.path("rejected").asInt()).isEqualTo(4);
        List<String> lines = new ArrayList<>();
        report.path("problems").forEach(r -> lines.add(r.path("line").asInt() + ": " + r.path("problems").toString()));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("3: ").contains("未登记的企业").contains(UNKNOWN);
        assertThat(lines.get(1)).startsWith("4: ").contains("缺少税收").contains("Tax is missing");
        assertThat(lines.get(2)).startsWith("5: ").contains("综合能耗为负数：-3").contains("规上/规下须为");
        assertThat(lines.get(3)).startsWith("6: ").contains("在文件中出现多次").contains("增加值不是数字：abc");
        assertThat(jdbc.sql("select count(*) from enterprise_evaluation where year = 2033").query(Integer.class).single())
                .as("all or nothing").isZero();

        assertDetail(planner.upload("/api/evaluations/figures", Map.of("year", "2033"), "figures.csv",
                "企业名称,税收\r\n甲,1\r\n".getBytes(StandardCharsets.UTF_8)), "找不到表头");
        assertDetail(planner.upload("/api/evaluations/figures", Map.of("year", "2033"), "figures.csv",
                "统一社会信用代码,税收\r\n".getBytes(StandardCharsets.UTF_8)), "缺少列：增加值、综合能耗");
        assertDetail(planner.upload("/api/evaluations/figures", Map.of("year", "2033"), "figures.txt",
                csv().getBytes(StandardCharsets.UTF_8)), "文件须为 .csv 或 .xlsx");
        assertThat(planner.as(TestUsers.AUDITOR).upload("/api/evaluations/figures", Map.of("year", "2033"), "figures.csv",
                csv().getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
    }

    @Test
    void aDryRunWritesNothingAnXlsxFileIsReadLikeTheCsv() throws IOException {
        Api.Response dry = planner.upload("/api/evaluations/figures", Map.of("year", "2034", "dryRun", "true"),
                "figures.csv", csv().getBytes(StandardCharsets.UTF_8));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().path("rows").asInt()).isEqualTo(3);
        assertThat(dry.json().path("imported").asInt()).isZero();
        assertThat(jdbc.sql("select count(*) from enterprise_evaluation where year = 2034").query(Integer.class).single()).isZero();

        byte[] xlsx = xlsx(List.of(List.of("2034 年度亩均效益评价数据"),
                List.of("统一社会信用代码", "企业名称", "税收", "增加值", "综合能耗", "排放当量", "从业人员", "研发经费", "营业收入",
                        "用地面积（申报）", "规上/规下", "重大事故", "上市高新"),
                List.of(other, "乙", 150.5, 1500, 600, 12.5, 60, 80, 4000, 15, "规上", "否", "是")));
        Api.Response done = planner.upload("/api/evaluations/figures", Map.of("year", "2034"), "figures.xlsx", xlsx);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("imported").asInt()).isEqualTo(1);
        Map<String, Object> stored = jdbc.sql("""
                select f.tax_wan, f.output_wan, f.emission_t, f.employees, f.rd_wan, f.revenue_wan, f.land_mu, f.scale,
                       f.major_incident, f.high_tech
                from enterprise_evaluation f join enterprise e on e.id = f.enterprise_id
                where e.credit_code = :code and f.year = 2034""").param("code", other).query().singleRow();
        assertThat(stored).containsEntry("tax_wan", new java.math.BigDecimal("150.50"))
                .containsEntry("emission_t", new java.math.BigDecimal("12.50")).containsEntry("employees", 60)
                .containsEntry("revenue_wan", new java.math.BigDecimal("4000.00")).containsEntry("scale", "above")
                .containsEntry("major_incident", false).containsEntry("high_tech", true);
    }

    @Test
    void staffSeeEveryRowAnEnterpriseItsOwnVisitorsNothingInEveryFormat() throws IOException {
        schemeAndFigures();
        String results = "/api/evaluations?zone=" + ZONE + "&year=" + YEAR;
        JsonNode all = planner.as(TestUsers.AUDITOR).json(results);
        assertThat(all.path("results").findValuesAsString("creditCode")).containsExactlyInAnyOrder(own, other, third);
        assertThat(all.path("benchmarks").size()).isEqualTo(2);
        // 亩均税收 benchmark 780 / 45 = 17.3333; own: 40 per mu → 60 × 40 / 17.3333 = 138.46, capped at 90;
        // value added 200 per mu against the set 100 → 40 × 2 = 80, capped at 60. 150: A.
        JsonNode mine = planner.json(results).path("results").get(0);
        assertThat(mine.path("creditCode").asString()).isEqualTo(own);
        assertThat(mine.path("score").decimalValue()).isEqualByComparingTo("150");
        assertThat(mine.path("grade").asString()).isEqualTo("A");
        assertThat(mine.path("declaredMu").decimalValue()).isEqualByComparingTo("16");

        // The parcel card shows the computed class, score and the map's land.
        JsonNode card = planner.json("/api/parcels/" + ZONE + "/API-A").path("properties").path("evaluation");
        assertThat(card.path("computed").asBoolean()).isTrue();
        assertThat(card.path("grade").asString()).isEqualTo("A");
        assertThat(card.path("score").decimalValue()).isEqualByComparingTo("150");
        assertThat(card.path("landMu").decimalValue()).isEqualByComparingTo("15");

        JsonNode asEnterprise = planner.as(TestUsers.ENTERPRISE).json(results);
        assertThat(asEnterprise.path("results").findValuesAsString("creditCode")).containsExactly(own);
        assertThat(asEnterprise.path("benchmarks").size()).isZero();
        // Downloads have the shape of every download (web/ReportTable): a title row naming the zone and year, the
        // headers in Chinese then in English, then the rows; an enterprise gets its own row only.
        Map<String, Object> stored = jdbc.sql("""
                select r.score, r.tax_wan_per_mu from evaluation_result r join enterprise e on e.id = r.enterprise_id
                where r.zone_code = :zone and r.year = :year and e.credit_code = :code""")
                .param("zone", ZONE).param("year", YEAR).param("code", own).query().singleRow();
        String csv = planner.as(TestUsers.ENTERPRISE).get(results + "&format=csv").body();
        assertThat(csv).contains(own).doesNotContain(other).doesNotContain(third);
        List<String> lines = csv.replace("\uFEFF", "").lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("亩均效益综合评价结果").contains(ZONE).contains(YEAR + " 年度").contains("截至 as of");
        assertThat(lines.get(1)).startsWith("统一社会信用代码,企业名称,规模,用地面积（亩）,申报用地（亩）,亩均税收（万元/亩）");
        assertThat(lines.get(2)).startsWith("credit_code,name,group,land_mu,declared_mu,tax_wan_per_mu");
        String[] row = lines.get(3).split(",");
        assertThat(row[0]).isEqualTo(own);
        assertThat(new java.math.BigDecimal(row[5])).isEqualByComparingTo((java.math.BigDecimal) stored.get("tax_wan_per_mu"))
                .isEqualByComparingTo("40");
        assertThat(new java.math.BigDecimal(row[17])).isEqualByComparingTo((java.math.BigDecimal) stored.get("score"));
        assertThat(row[18]).isEqualTo("A");
        assertThat(xlsxCodes(planner.as(TestUsers.ENTERPRISE).getBinary(results + "&format=xlsx").body(),
                ((java.math.BigDecimal) stored.get("score")).doubleValue())).containsExactly(own);
        assertThat(xlsxCodes(planner.as(TestUsers.AUDITOR).getBinary(results + "&format=xlsx").body(),
                ((java.math.BigDecimal) stored.get("score")).doubleValue())).containsExactlyInAnyOrder(own, other, third);

        assertThat(planner.as(TestUsers.ENTERPRISE).get("/api/evaluations/" + other + "?zone=" + ZONE).status()).isEqualTo(403);
        JsonNode history = planner.as(TestUsers.ENTERPRISE).json("/api/evaluations/" + own + "?zone=" + ZONE);
        assertThat(history.path("results").findValuesAsString("zone")).containsOnly(ZONE);
        assertThat(planner.json("/api/evaluations/" + other + "?zone=" + ZONE).path("results").get(0).path("creditCode")
                .asString()).isEqualTo(other);

        for (String format : List.of("", "&format=csv", "&format=xlsx")) {
            assertThat(planner.anonymous().get(results + format).status()).isEqualTo(401);
        }
        assertThat(planner.anonymous().get("/api/evaluations/" + own).status()).isEqualTo(401);
        assertDetail(planner.get(results + "&format=pdf"), "format 须为 json、csv 或 xlsx");
        assertDetail(planner.get("/api/evaluations?zone=" + ZONE), "缺少 year");
        assertDetail(planner.get("/api/evaluations?zone=nowhere&year=2030"), 404, "没有园区 nowhere");
        assertThat(planner.as(TestUsers.ENTERPRISE).post("/api/evaluations/run?zone=" + ZONE + "&year=" + YEAR, "{}")
                .status()).isEqualTo(403);
    }

    private static byte[] xlsx(List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("figures");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    /**
     * The credit codes of an XLSX answer's rows (after the title row and the two header rows); the score of
     * {@link #own}'s row is a number equal to {@code ownScore}.
     */
    private static List<String> xlsxCodes(byte[] body, double ownScore) throws IOException {
        List<String> codes = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("亩均效益综合评价结果").contains(ZONE)
                    .contains(YEAR + " 年度");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("统一社会信用代码");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("credit_code");
            assertThat(sheet.getRow(1).getCell(17).getStringCellValue()).isEqualTo("总分");
            for (int r = 3; r <= sheet.getLastRowNum(); r++) {
                String code = sheet.getRow(r).getCell(0).getStringCellValue();
                codes.add(code);
                if (code.equals(own)) {
                    assertThat(sheet.getRow(r).getCell(17).getNumericCellValue()).isEqualTo(ownScore);
                }
            }
        }
        return codes;
    }
}
