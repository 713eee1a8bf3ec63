package com.landrenew.evaluation;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;

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
 * Bulk marking of candidates as low-efficiency land: through the ledger's legal transition with a
 * reason citing the evaluation, all or nothing. Each test rates its own enterprises in its own year.
 */
@LandRenewTest
class LowEfficiencyMarkingApiTest {

    static final String ZONE = "mark-test";
    static final TestAreas.Area AREA = TestAreas.claim("LowEfficiencyMarkingApiTest", 2, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String MARK = "/api/evaluations/low-efficiency";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Fixtures fixtures;
    RenewalFixtures renewal;
    /** Where the next test's parcels go: 120 m apart along the zone. */
    static int slot;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(jdbc);
        renewal = new RenewalFixtures(jdbc);
        if (!fixtures.zoneExists(ZONE)) {
            fixtures.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 1000);
        }
    }

    @Test
    void marksEveryParcelThroughTheLedgerWithTheEvaluationAsReason() {
        int d = rated(2021, "D");
        long one = parcel("MK-1", d);
        long two = parcel("MK-2", d);
        renewal.inProduction(fixtures, two, d);

        JsonNode marked = ok(api.post(MARK, body(2021, "\"MK-1\",\"MK-2\"", "2026-03-01")));
        assertThat(marked.path("parcels").asInt()).isEqualTo(2);
        assertThat(marked.path("mu").asDouble()).isEqualTo(renewal.mu(ZONE, "MK-1", "MK-2"));
        assertThat(fixtures.state(one)).isEqualTo("low_efficiency");
        assertThat(fixtures.state(two)).isEqualTo("low_efficiency");
        String reason = jdbc.sql("""
                select reason from parcel_event where parcel_id = :id and to_state = 'low_efficiency'""")
                .param("id", two).query(String.class).single();
        assertThat(reason).isEqualTo("2021年亩均效益评价D类，认定为低效用地。Per-mu evaluation 2021: class D; marked low-efficiency.");
        assertThat(jdbc.sql("select from_state || ' ' || actor || ' ' || document_no from parcel_event "
                + "where parcel_id = :id order by id desc limit 1").param("id", two).query(String.class).single())
                .isEqualTo("in_production " + TestUsers.PLANNER + " 安经开〔2026〕7号");
        assertThat(CandidatesApiTest.codes(api.json("/api/evaluations/candidates?zone=" + ZONE + "&year=2021")))
                .as("marked land is no longer a candidate").doesNotContain("MK-1", "MK-2");
    }

    @Test
    void oneParcelThatCannotBeMarkedStopsThemAll() {
        int d = rated(2022, "D");
        int a = rated(2022, "A");
        long ok = parcel("MK-3", d);
        long idle = parcel("MK-4", null);
        renewal.idle(fixtures, idle);
        long top = parcel("MK-5", a);

        Api.Response refused = api.post(MARK, body(2022, "\"MK-3\",\"MK-4\",\"MK-5\"", "2026-03-01"));
        assertDetail(refused, 409, "MK-4");
        assertThat(refused.json().path("detail").asString()).contains("supplied", "MK-5");
        assertThat(refused.json().path("detail").asString()).doesNotContain("MK-3");
        assertThat(renewal.eventCount(ok)).isEqualTo(1);
        assertThat(fixtures.state(ok)).isEqualTo("in_use");
        assertThat(fixtures.state(idle)).isEqualTo("supplied");
        assertThat(fixtures.state(top)).isEqualTo("in_use");
    }

    @Test
    void aRefusalByTheLedgerRollsBackTheParcelsMarkedBeforeIt() {
        int d = rated(2023, "D");
        long first = parcel("MK-6", d);
        long later = parcel("MK-7", d);
        fixtures.walk(later, "2026-04-01", "vacating", "in_use");   // its last event is after the date asked

        Api.Response refused = api.post(MARK, body(2023, "\"MK-6\",\"MK-7\"", "2026-03-01"));
        assertDetail(refused, 409, "2026-04-01");
        assertThat(renewal.eventCount(first)).as("MK-6 was appended, then rolled back").isEqualTo(1);
        assertThat(fixtures.state(first)).isEqualTo("in_use");
    }

    @Test
    void badRequestsAreNamedAndOnlyPlannersMark() {
        int d = rated(2024, "D");
        long p = parcel("MK-8", d);
        assertDetail(api.post(MARK, body(2024, "", "2026-03-01")), "parcels");
        assertDetail(api.post(MARK, body(2024, "\"MK-8\",\"MK-8\"", "2026-03-01")), "MK-8");
        assertDetail(api.post(MARK, body(2024, "\"" + "X".repeat(101) + "\"", "2026-03-01")), "100");
        assertDetail(api.post(MARK, body(2024, String.join(",", Collections.nCopies(1001, "\"a\"")), "2026-03-01")), "1000");
        assertDetail(api.post(MARK, body(2024, "\"MK-8\"", "2999-01-01")), "future");
        assertDetail(api.post(MARK, "{\"zone\":\"" + ZONE + "\",\"year\":2024,\"parcels\":[\"MK-8\"]}"), "effectiveDate");
        assertDetail(api.post(MARK, body("1e400", "\"MK-8\"", "2026-03-01")), "year");
        assertDetail(api.post(MARK, "{\"zone\":\"nowhere\",\"year\":2024,\"parcels\":[\"MK-8\"],\"effectiveDate\":\"2026-03-01\"}"),
                404, "nowhere");
        assertThat(api.as(TestUsers.AUDITOR).post(MARK, body(2024, "\"MK-8\"", "2026-03-01")).status()).isEqualTo(403);
        assertThat(api.as(TestUsers.ENTERPRISE).post(MARK, body(2024, "\"MK-8\"", "2026-03-01")).status()).isEqualTo(403);
        assertThat(api.as(TestUsers.ADMIN).post(MARK, body(2024, "\"MK-8\"", "2026-03-01")).status())
                .as("marking land is planners' work").isEqualTo(403);
        assertThat(renewal.eventCount(p)).isEqualTo(1);
    }

    private int rated(int year, String evaluationClass) {
        int e = fixtures.enterprise("评价企业 " + evaluationClass + year);
        renewal.result(ZONE, year, e, evaluationClass, 50.0, 3.0, 9.0, 12);
        return e;
    }

    private long parcel(String code, Integer holder) {
        double x = X0 + 10 + 120 * slot++;
        return fixtures.parcel(ZONE, null, code, x, Y0 + 10, x + 100, Y0 + 90, "100102", holder);
    }

    private static String body(Object year, String parcels, String date) {
        return "{\"zone\":\"" + ZONE + "\",\"year\":" + year + ",\"parcels\":[" + parcels + "],\"effectiveDate\":\""
                + date + "\",\"documentNo\":\"安经开〔2026〕7号\"}";
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
