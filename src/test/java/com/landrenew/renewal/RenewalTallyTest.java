package com.landrenew.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Freed acreage on land drawn by hand, so every expected figure can be checked with a pencil.
 *
 * <pre>
 *  block A: x 0..1000, block B: x 1000..2000 (y 0..1000), offsets X0, Y0 in EPSG:4549
 *  P1 100x100 at (100,100)           vacated 2024-02-01                      holder E1
 *  P2 100x100 at (150,100): overlaps P1 by 50x100; vacated 2024-04-01        holder E1
 *  P3 100x100 at (950,500): half in A, half in B; vacated 2024-05-01, recorded late on 2024-07-02   E2
 *  P4 100x100 at (400,400): vacated 2024-03-10, re-supplied, vacated again 2024-10-01   E3 then E4
 *  P5 100x100 at (600,600) housing:  vacated 2024-12-31 with 12 households             E5
 *  P6 100x100 at (800,100): vacated 2025-01-01 (outside 2024)                          E6
 * </pre>
 * Freed in 2024: union(P1,P2) = 15000 m², P3 10000 (A 5000, B 5000), P4 10000 once, P5 10000:
 * 45000 m² = 67.5 mu = 4.5 ha; block A 40000, block B 5000.
 */
@LandRenewTest
class RenewalTallyTest {

    static final String ZONE = "tally-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 2, 1);
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
        Fixtures f = new Fixtures(jdbc);
        if (f.zoneExists(ZONE)) {
            return;
        }
        f.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 1000);
        f.block(ZONE, "a", X0, Y0, X0 + 1000, Y0 + 1000);
        f.block(ZONE, "b", X0 + 1000, Y0, X0 + 2000, Y0 + 1000);
        int e1 = f.enterprise("甲公司");
        int e2 = f.enterprise("乙公司");
        int e3 = f.enterprise("丙公司");
        int e4 = f.enterprise("丁公司");
        int e5 = f.enterprise("村集体");
        int e6 = f.enterprise("戊公司");

        long p1 = square(f, "a", "P1", 100, 100, "100102", e1);
        long p2 = square(f, "a", "P2", 150, 100, "100102", e1);
        long p3 = square(f, "a", "P3", 950, 500, "100102", e2);
        long p4 = square(f, "a", "P4", 400, 400, "100102", e3);
        long p5 = square(f, "a", "P5", 600, 600, "0701", e5);
        long p6 = square(f, "a", "P6", 800, 100, "100102", e6);

        vacate(f, p1, "2024-01-10", "2024-02-01", "2024-02-03", e1, 0);
        vacate(f, p2, "2024-03-01", "2024-04-01", "2024-04-05", e1, 0);
        vacate(f, p3, "2024-03-01", "2024-05-01", "2024-07-02", e2, 0);
        vacate(f, p4, "2024-02-01", "2024-03-10", "2024-03-12", e3, 0);
        f.walk(p4, "2024-05-01", "stored", "prepared", "supplied", "under_construction", "completed", "in_production");
        vacate(f, p4, "2024-09-01", "2024-10-01", "2024-10-08", e4, 0);
        vacate(f, p5, "2024-11-01", "2024-12-31", "2025-01-03", e5, 12);
        vacate(f, p6, "2024-12-01", "2025-01-01", "2025-01-02", e6, 0);
    }

    @Test
    void freedLandIsTheUnionClippedToEachBlock() {
        JsonNode t = api.json("/api/renewal/tally?zone=" + ZONE + "&from=2024-01-01&to=2024-12-31&asOf=2025-06-30");
        JsonNode total = t.path("total").path("freed");
        assertThat(total.path("area").path("m2").asDouble()).isEqualTo(45000.0);
        assertThat(total.path("area").path("mu").asDouble()).isEqualTo(67.5);
        assertThat(total.path("area").path("ha").asDouble()).isEqualTo(4.5);
        assertThat(total.path("parcels").asInt()).isEqualTo(5);
        assertThat(total.path("enterprises").asInt()).as("E1 twice, E3 and E4 on P4, E2, E5").isEqualTo(5);
        assertThat(total.path("households").asInt()).isEqualTo(12);

        assertThat(block(t, "a").path("area").path("m2").asDouble()).isEqualTo(40000.0);
        assertThat(block(t, "b").path("area").path("m2").asDouble()).isEqualTo(5000.0);
        assertThat(block(t, "b").path("parcels").asInt()).isEqualTo(1);
    }

    @Test
    void theSeriesRunsUpMonthByMonthWithoutCountingTwice() {
        JsonNode series = api.json("/api/renewal/tally?zone=" + ZONE + "&from=2024-01-01&to=2024-12-31&asOf=2025-06-30")
                .path("series");
        assertThat(series.size()).isEqualTo(12);
        double[] cumulative = new double[12];
        double freedSum = 0;
        for (int m = 0; m < 12; m++) {
            cumulative[m] = series.get(m).path("cumulative").path("m2").asDouble();
            freedSum += series.get(m).path("freed").path("m2").asDouble();
        }
        assertThat(series.get(0).path("period").asString()).isEqualTo("2024-01");
        assertThat(cumulative).containsExactly(0, 10000, 20000, 25000, 35000, 35000, 35000, 35000, 35000, 35000,
                35000, 45000);
        assertThat(freedSum).isEqualTo(45000.0);
    }

    @Test
    void aReportAsOfAPastDateIsReproducedAfterLaterEvents() {
        String asOfMidYear = "/api/renewal/tally?zone=" + ZONE + "&from=2024-01-01&to=2024-12-31&asOf=2024-06-30";
        // By 2024-06-30 the ledger knew P1, P2 and P4's first vacating; P3's was recorded on 2024-07-02.
        double before = api.json(asOfMidYear).path("total").path("freed").path("area").path("m2").asDouble();
        assertThat(before).isEqualTo(25000.0);

        long p6 = jdbc.sql("select p.id from parcel p join zone z on z.id = p.zone_id where z.code = :z and p.code = 'P6'")
                .param("z", ZONE).query(Long.class).single();
        new Fixtures(jdbc).walk(p6, "2025-02-01", "stored", "prepared");

        assertThat(api.json(asOfMidYear).path("total").path("freed").path("area").path("m2").asDouble()).isEqualTo(before);
        assertThat(api.json("/api/renewal/tally?zone=" + ZONE + "&from=2024-01-01&to=2025-12-31&asOf=2025-06-30")
                .path("total").path("freed").path("area").path("m2").asDouble())
                .as("2024 plus P6 freed on 2025-01-01").isEqualTo(55000.0);
    }

    @Test
    void theEventsBehindABlockFigureAreListed() {
        JsonNode events = api.json("/api/renewal/events?zone=" + ZONE + "&block=b&from=2024-01-01&to=2024-12-31&asOf=2025-06-30");
        assertThat(events.size()).isEqualTo(1);
        assertThat(events.get(0).path("parcel").asString()).isEqualTo("P3");
        assertThat(events.get(0).path("enterprise").asString()).isEqualTo("乙公司");

        JsonNode all = api.json("/api/renewal/events?zone=" + ZONE + "&from=2024-01-01&to=2024-12-31&asOf=2025-06-30");
        assertThat(all.size()).as("P4 was vacated twice").isEqualTo(6);

        JsonNode freed = api.json("/api/renewal/freed?zone=" + ZONE + "&from=2024-01-01&to=2024-12-31&asOf=2025-06-30");
        assertThat(freed.path("features").size()).isEqualTo(5);
        assertThat(freed.path("features").get(0).path("properties").path("freedOn").asString()).isEqualTo("2024-02-01");
    }

    @Test
    void badTallyQuestionsAreNamed() {
        assertThat(api.get("/api/renewal/tally?zone=atlantis").status()).isEqualTo(404);
        Api.Response noProject = api.get("/api/renewal/tally?zone=" + ZONE + "&project=nope");
        assertThat(noProject.status()).isEqualTo(404);
        assertThat(noProject.json().path("detail").asString()).startsWith("开发区 " + ZONE + " 没有更新项目 'nope'，其项目：")
                .contains("。no renewal project 'nope' in zone " + ZONE + "; its projects: ");
        Api.Response inverted = api.get("/api/renewal/tally?zone=" + ZONE + "&from=2024-12-31&to=2024-01-01");
        assertThat(inverted.status()).isEqualTo(400);
        assertThat(inverted.json().path("detail").asString()).contains("from");
        Api.Response badDate = api.get("/api/renewal/tally?zone=" + ZONE + "&asOf=yesterday");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().path("detail").asString()).contains("asOf");
        assertThat(api.get("/api/renewal/tally?zone=" + ZONE + "&groupBy=week").json().path("detail").asString())
                .contains("groupBy");
        assertThat(api.get("/api/renewal/tally").status()).isEqualTo(400);
    }

    /** Every endpoint reads the same parameters; a date that is not ISO is a 400 naming the parameter. */
    @Test
    void badDatesAreNamedByEveryEndpoint() {
        for (String endpoint : List.of("tally", "tally.csv", "tally.xlsx", "events", "freed")) {
            for (String parameter : List.of("from", "to", "asOf")) {
                Api.Response bad = api.get("/api/renewal/" + endpoint + "?zone=" + ZONE + "&" + parameter + "=2024-13-01");
                assertThat(bad.status()).as(endpoint + " " + parameter).isEqualTo(400);
                assertThat(bad.json().path("detail").asString()).as(endpoint)
                        .isEqualTo("参数 " + parameter + " 的值无效：'2024-13-01'。Parameter " + parameter
                                + " has an invalid value: '2024-13-01'.");
            }
        }
    }

    @Test
    void downloadsCarryTheSameFigures() {
        Api.Response csv = api.get("/api/renewal/tally.csv?zone=" + ZONE + "&from=2024-01-01&to=2024-12-31&asOf=2025-06-30");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().strip().split("\r\n");
        assertThat(lines).hasSize(6); // title, Chinese and English headers, the zone's total, blocks a and b
        assertThat(lines[0]).as("the title says what, the zone, the period and as of when")
                .contains("腾退进度汇总", "2024-01-01 至 to 2024-12-31", "截至 as of 2025-06-30");
        assertThat(lines[1]).startsWith("开发区,更新项目,起始日期").contains("腾出面积（亩）");
        assertThat(lines[2]).startsWith("zone,project,from").contains("freed_mu");
        assertThat(lines[3]).startsWith(ZONE + ",,2024-01-01,2024-12-31,2025-06-30,合计 total,").contains(",45000.0,67.5,4.5,");

        Api.Response xlsx = api.get("/api/renewal/tally.xlsx?zone=" + ZONE + "&from=2024-01-01&to=2024-12-31&asOf=2025-06-30");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentType()).contains("spreadsheetml");
    }

    @Test
    void aProjectIsMeasuredAgainstItsTargets() {
        jdbc.sql("""
                insert into renewal_project (zone_id, code, name, started, deadline, target_enterprises, target_households, target_mu)
                select id, 'b-renewal', 'B 有机更新', '2024-01-01', '2024-12-31', 2, 0, 15 from zone where code = :zone
                on conflict do nothing""").param("zone", ZONE).update();
        jdbc.sql("""
                insert into renewal_project_block (project_id, block_id)
                select rp.id, b.id from renewal_project rp join block b on b.zone_id = rp.zone_id and b.code = 'b'
                where rp.code = 'b-renewal' on conflict do nothing""").update();

        JsonNode t = api.json("/api/renewal/tally?zone=" + ZONE + "&project=b-renewal&asOf=2025-06-30");
        assertThat(t.path("from").asString()).as("defaults to the project's start").isEqualTo("2024-01-01");
        assertThat(t.path("blocks").size()).isEqualTo(1);
        assertThat(t.path("total").path("freed").path("area").path("mu").asDouble()).isEqualTo(7.5);
        assertThat(t.path("total").path("percentOfTarget").path("mu").asDouble()).isEqualTo(50.0);
        assertThat(t.path("total").path("percentOfTarget").path("enterprises").asDouble()).isEqualTo(50.0);
        assertThat(t.path("total").path("percentOfTarget").path("households").isNull()).isTrue();
        assertThat(t.path("project").path("targets").path("mu").asDouble()).isEqualTo(15.0);
    }

    private static long square(Fixtures f, String block, String code, double x, double y, String use, int holder) {
        return f.parcel(ZONE, block, code, X0 + x, Y0 + y, X0 + x + 100, Y0 + y + 100, use, holder);
    }

    private static void vacate(Fixtures f, long parcel, String vacating, String vacated, String recorded, int holder,
            int households) {
        f.event(parcel, f.state(parcel), "vacating", vacating, vacating + "T10:00:00+08:00", null, 0);
        f.event(parcel, "vacating", "vacated", vacated, recorded + "T10:00:00+08:00", holder, households);
    }

    private static JsonNode block(JsonNode tally, String code) {
        for (JsonNode b : tally.path("blocks")) {
            if (b.path("code").asString().equals(code)) {
                return b.path("freed");
            }
        }
        throw new AssertionError("no block " + code);
    }
}
