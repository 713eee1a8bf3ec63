package com.landrenew.evaluation;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

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
 * Renewal candidates after an evaluation: which land comes back (classes, idle land, states, not in a
 * project), grouped per block, with mu checked against an independent ST_Area. Year 2025 is this
 * test's; the idle parcel is idle whatever the year.
 */
@LandRenewTest
class CandidatesApiTest {

    static final String ZONE = "cand-test";
    static final TestAreas.Area AREA = TestAreas.claim("CandidatesApiTest", 2, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final int YEAR = 2025;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Fixtures fixtures;
    RenewalFixtures renewal;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(jdbc);
        renewal = new RenewalFixtures(jdbc);
        if (fixtures.zoneExists(ZONE)) {
            return;
        }
        fixtures.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 1000);
        fixtures.block(ZONE, "b1", X0, Y0, X0 + 1000, Y0 + 1000);
        fixtures.block(ZONE, "b2", X0 + 1000, Y0, X0 + 2000, Y0 + 1000);
        int d = fixtures.enterprise("低效企业D Class D firm");
        int c = fixtures.enterprise("整治企业C Class C firm");
        int a = fixtures.enterprise("优先企业A Class A firm");
        renewal.result(ZONE, YEAR, d, "D", 41.0, 2.5, 8.0, 40);
        renewal.result(ZONE, YEAR, c, "C", 55.0, 6.0, 12.0, 10);
        renewal.result(ZONE, YEAR, a, "A", 120.0, 60.0, 150.0, 10);
        // 100 m × 80 m = 8,000 m² = 12 mu each unless said otherwise
        parcel("b1", "D-USE", 0, d);                       // class D, in use: a candidate
        long inProduction = parcel("b2", "D-PROD", 1000, d);
        renewal.inProduction(fixtures, inProduction, d);    // class D, in production: a candidate
        long marked = parcel("b1", "D-LOW", 200, d);
        fixtures.walk(marked, "2024-05-01", "low_efficiency");   // marked already: not a candidate
        long inProject = parcel("b1", "D-PROJ", 400, d);
        renewal.inProject(renewal.project(ZONE, "cand-p1"), inProject);   // work under way: not a candidate
        parcel("b1", "C-USE", 600, c);                     // class C: only when asked
        parcel("b2", "A-USE", 1200, a);                    // class A: never
        long idle = parcel("b2", "IDLE", 1400, null);
        renewal.idle(fixtures, idle);                      // idle land: a candidate
        parcel("b2", "NONE", 1600, null);                  // unheld, unrated: never
        // In 2024 the scheme's floor is 5 万元/亩: a firm under it is a candidate though not rated (too little land).
        int low = fixtures.enterprise("低税企业 Firm under the floor");
        renewal.result(ZONE, 2024, low, null, null, 4.99, 9.0, 2);
        renewal.result(ZONE, 2024, a, "A", 120.0, 60.0, 150.0, 10);
        parcel("b2", "F-USE", 1800, low);
        jdbc.sql("insert into evaluation_scheme (zone_id, year, veto_tax_floor) select id, 2024, 5 from zone where code = :z")
                .param("z", ZONE).update();
    }

    @Test
    void dClassLandAndIdleLandPerBlockWithOfficialMu() {
        JsonNode answer = api.json("/api/evaluations/candidates?zone=" + ZONE + "&year=" + YEAR);
        assertThat(codes(answer)).containsExactly("D-USE", "D-PROD", "IDLE");
        assertThat(answer.path("classes").toString()).isEqualTo("[\"D\"]");
        JsonNode b1 = answer.path("blocks").get(0);
        assertThat(b1.path("code").asString()).isEqualTo("b1");
        assertThat(b1.path("parcels").asInt()).isEqualTo(1);
        assertThat(b1.path("mu").asDouble()).isCloseTo(renewal.mu(ZONE, "D-USE"), within(1e-4)).isCloseTo(12.0, within(1e-4));
        JsonNode b2 = answer.path("blocks").get(1);
        assertThat(b2.path("mu").asDouble()).isCloseTo(renewal.mu(ZONE, "D-PROD", "IDLE"), within(1e-4));
        assertThat(answer.path("mu").asDouble()).isCloseTo(renewal.mu(ZONE, "D-USE", "D-PROD", "IDLE"), within(1e-4))
                .isCloseTo(36.0, within(1e-4));
        JsonNode first = b1.path("candidates").get(0);
        assertThat(first.path("evaluationClass").asString()).isEqualTo("D");
        assertThat(first.path("enterprise").asString()).isEqualTo("低效企业D Class D firm");
        assertThat(first.path("reasons").toString()).isEqualTo("[\"class_d\"]");
        assertThat(b2.path("candidates").get(1).path("reasons").toString()).isEqualTo("[\"idle\"]");
        assertThat(b2.path("candidates").get(1).path("state").asString()).isEqualTo("supplied");
    }

    @Test
    void cClassLandOnlyWhenAsked() {
        assertThat(codes(api.json("/api/evaluations/candidates?zone=" + ZONE + "&year=" + YEAR + "&classes=D,C")))
                .containsExactly("C-USE", "D-USE", "D-PROD", "IDLE");
        assertThat(codes(api.json("/api/evaluations/candidates?zone=" + ZONE + "&year=" + YEAR + "&classes=C")))
                .as("D always").contains("C-USE", "D-USE");
    }

    @Test
    void anotherYearHasOnlyItsOwnClasses() {
        assertThat(codes(api.json("/api/evaluations/candidates?zone=" + ZONE + "&year=" + (YEAR - 5))))
                .containsExactly("IDLE");
    }

    @Test
    void landUnderTheSchemesFloorOfTaxPerMu() {
        JsonNode answer = api.json("/api/evaluations/candidates?zone=" + ZONE + "&year=2024");
        assertThat(codes(answer)).containsExactly("F-USE", "IDLE");
        JsonNode under = answer.path("blocks").get(0).path("candidates").get(0);
        assertThat(under.path("reasons").toString()).isEqualTo("[\"below_floor\"]");
        assertThat(under.path("evaluationClass").isNull()).isTrue();
        assertThat(under.path("taxWanPerMu").asDouble()).isEqualTo(4.99);
    }

    @Test
    void staffOnly() {
        String path = "/api/evaluations/candidates?zone=" + ZONE + "&year=" + YEAR;
        assertThat(api.as(TestUsers.AUDITOR).get(path).status()).isEqualTo(200);
        assertThat(api.as(TestUsers.ENTERPRISE).get(path).status()).isEqualTo(403);
        assertThat(api.anonymous().get(path).status()).isEqualTo(401);
    }

    @Test
    void badQuestionsAreNamed() {
        assertDetail(api.get("/api/evaluations/candidates?year=" + YEAR), "zone");
        assertDetail(api.get("/api/evaluations/candidates?zone=" + ZONE), "year");
        assertDetail(api.get("/api/evaluations/candidates?zone=" + ZONE + "&year=1e400"), "year");
        assertDetail(api.get("/api/evaluations/candidates?zone=" + ZONE + "&year=3000"), "year");
        assertDetail(api.get("/api/evaluations/candidates?zone=" + ZONE + "&year=" + YEAR + "&classes=D,B"), "classes");
        assertDetail(api.get("/api/evaluations/candidates?zone=nowhere&year=" + YEAR), 404, "nowhere");
    }

    private long parcel(String block, String code, double dx, Integer holder) {
        return fixtures.parcel(ZONE, block, code, X0 + dx + 10, Y0 + 10, X0 + dx + 110, Y0 + 90, "100102", holder);
    }

    static List<String> codes(JsonNode candidates) {
        List<String> codes = new ArrayList<>();
        candidates.path("blocks").forEach(b -> b.path("candidates").forEach(p -> codes.add(p.path("code").asString())));
        return codes;
    }
}
