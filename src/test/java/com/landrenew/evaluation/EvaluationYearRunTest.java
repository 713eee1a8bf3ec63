package com.landrenew.evaluation;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A provincial run (POST /api/evaluations/run?zone=*&year=): every zone with a scheme for the year in one
 * request, each zone rated on its own (its own benchmarks and ranks), with the very rows a run zone by
 * zone writes. Two zones of their own with the usual scheme for 2046 (a year no other test uses); one
 * enterprise holds land in both and is rated in each on that zone's land.
 */
@LandRenewTest
class EvaluationYearRunTest {

    static final String WEST = "eval-year-w";
    static final String EAST = "eval-year-e";
    static final TestAreas.Area AREA = TestAreas.claim("EvaluationYearRunTest", 2, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final int YEAR = 2046;
    static final String RUN = "/api/evaluations/run?zone=*&year=" + YEAR;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api planner;
    static int both;

    @BeforeEach
    void setUp() {
        planner = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (EvaluationYearRunTest.class) {
            if (fixtures.zoneExists(WEST)) {
                return;
            }
            fixtures.zone(WEST, X0, Y0, X0 + 1000, Y0 + 1000);
            fixtures.zone(EAST, X0 + 1000, Y0, X0 + 2000, Y0 + 1000);
            both = fixtures.enterprise("全省评价两区");
            // 100 m × 100 m = 15 mu in each zone.
            fixtures.parcel(WEST, null, "Y-W0", X0 + 100, Y0 + 100, X0 + 200, Y0 + 200, "100102", both);
            fixtures.parcel(EAST, null, "Y-E0", X0 + 1100, Y0 + 100, X0 + 1200, Y0 + 200, "100102", both);
            figures(both, 300);
            for (int i = 1; i <= 3; i++) {
                int west = fixtures.enterprise("全省评价西" + i);
                int east = fixtures.enterprise("全省评价东" + i);
                double x = 100 + 200 * i;
                fixtures.parcel(WEST, null, "Y-W" + i, X0 + x, Y0 + 100, X0 + x + 100, Y0 + 200, "100102", west);
                fixtures.parcel(EAST, null, "Y-E" + i, X0 + 1000 + x, Y0 + 100, X0 + 1000 + x + 100, Y0 + 200, "100102", east);
                figures(west, 30 * i);
                figures(east, 600 * i);
            }
            for (String zone : List.of(WEST, EAST)) {
                int scheme = jdbc.sql("""
                        insert into evaluation_scheme (zone_id, year) select id, :year from zone where code = :zone
                        returning id""").param("year", YEAR).param("zone", zone).query(Integer.class).single();
                jdbc.sql("""
                        insert into evaluation_scheme_indicator (scheme_id, indicator, enabled, weight)
                        select :scheme, code, true, default_weight from evaluation_indicator""")
                        .param("scheme", scheme).update();
            }
        }
    }

    private void figures(int enterprise, int tax) {
        jdbc.sql("""
                insert into enterprise_evaluation (enterprise_id, year, tax_wan, output_wan, energy_tce, emission_t,
                       employees, rd_wan, revenue_wan)
                values (:e, :year, :tax, 1000, 200, 10, 50, 20, 3000)""")
                .param("e", enterprise).param("year", YEAR).param("tax", tax).update();
    }

    private JsonNode ran(String path) {
        Api.Response response = planner.post(path, "{}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Every column a run writes but its time, in a fixed order. */
    private List<Map<String, Object>> results() {
        return jdbc.sql("""
                select r.zone_code, e.name, r.land_mu, r.tax_wan_per_mu, r.tax_score, r.score, r.class, r.rank,
                       r.group_size, r.rank_group, r.not_rated, r.veto, r.class_last_year
                from evaluation_result r join enterprise e on e.id = r.enterprise_id
                where r.year = :year order by r.zone_code, e.name""").param("year", YEAR).query().listOfRows();
    }

    @Test
    void oneRequestRatesEveryZoneWithASchemeEachOnItsOwnAsZoneByZoneRunsDo() {
        JsonNode run = ran(RUN);
        assertThat(run.path("year").asInt()).isEqualTo(YEAR);
        assertThat(run.path("zones").findValuesAsString("zone")).containsExactly(EAST, WEST);   // by code
        assertThat(run.path("zones").findValues("rated").stream().map(JsonNode::asInt)).containsExactly(4, 4);
        assertThat(run.path("rated").asInt()).isEqualTo(8);
        assertThat(run.path("holders").asInt()).isEqualTo(8);

        List<Map<String, Object>> yearRun = results();
        assertThat(yearRun).hasSize(8);
        // Benchmarks per zone: the firm holding land in both pays 300 万元 on 15 mu (20 万元/亩) in each zone;
        // it is first of four in the west (the others pay 2, 4 and 6 万元/亩) and last in the east (40, 80, 120).
        assertThat(yearRun).filteredOn(r -> r.get("name").equals("全省评价两区"))
                .extracting(r -> r.get("zone_code") + " " + r.get("rank") + "/" + r.get("group_size"))
                .containsExactly(EAST + " 4/4", WEST + " 1/4");
        assertThat(jdbc.sql("""
                select count(*) from evaluation_benchmark where year = :year and zone_code in (:zones)
                  and indicator = 'tax_per_mu'""").param("year", YEAR).param("zones", List.of(WEST, EAST))
                .query(Integer.class).single()).isEqualTo(2);

        ran("/api/evaluations/run?zone=" + WEST + "&year=" + YEAR);
        ran("/api/evaluations/run?zone=" + EAST + "&year=" + YEAR);
        assertThat(results()).isEqualTo(yearRun);
    }

    @Test
    void aYearWithoutSchemesIsAConflictAndOnlyPlannersAndAdminsRunIt() {
        assertDetail(planner.post("/api/evaluations/run?zone=*&year=2047", "{}"), 409, "没有园区有 2047 年的评价方案");
        assertThat(planner.as(TestUsers.ENTERPRISE).post(RUN, "{}").status()).isEqualTo(403);
        assertThat(planner.as(TestUsers.AUDITOR).post(RUN, "{}").status()).isEqualTo(403);
        assertThat(planner.anonymous().post(RUN, "{}").status()).isEqualTo(401);
        assertDetail(planner.post("/api/evaluations/run?year=" + YEAR, "{}"), 400, "缺少 zone");
    }
}
