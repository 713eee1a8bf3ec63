package com.landrenew.evaluation;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

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

/** 一企一策 plans: recorded, changed and withdrawn by planners, audited, bounded; the land joins a project; next year tells. */
@LandRenewTest
class PlansApiTest {

    static final String ZONE = "plan-test";
    static final TestAreas.Area AREA = TestAreas.claim("PlansApiTest", 2, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String PLANS = "/api/evaluations/plans";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Fixtures fixtures;
    RenewalFixtures renewal;
    static int slot;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(jdbc);
        renewal = new RenewalFixtures(jdbc);
        if (!fixtures.zoneExists(ZONE)) {
            fixtures.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 1000);
            renewal.project(ZONE, "plan-p1");
        }
    }

    @Test
    void aPlanTakesTheLandIntoTheProjectAndNextYearSaysWhetherItsTargetWasMet() {
        int met = enterprise("达标企业", 2023, 2.0);
        int missed = enterprise("未达标企业", 2023, 2.5);
        parcel("PL-1", met);
        parcel("PL-2", met);
        parcel("PL-3", missed);

        JsonNode plan = created(api.post(PLANS, body(met, 2023, "improve", "10", "plan-p1")));
        assertThat(plan.path("kindName").asString()).isEqualTo("提升改造 Improve in place");
        assertThat(plan.path("evaluationClass").asString()).isEqualTo("D");
        assertThat(plan.path("landMu").asDouble()).isEqualTo(renewal.mu(ZONE, "PL-1", "PL-2"));
        assertThat(plan.path("targetMet").isNull()).as("no evaluation of 2024 yet").isTrue();
        assertThat(jdbc.sql("""
                select count(*) from renewal_project_parcel rp join parcel p on p.id = rp.parcel_id
                where p.code in ('PL-1', 'PL-2')""").query(Long.class).single()).isEqualTo(2);
        assertThat(CandidatesApiTest.codes(api.json("/api/evaluations/candidates?zone=" + ZONE + "&year=2023")))
                .as("land in a project is no longer a candidate").containsExactly("PL-3");
        created(api.post(PLANS, body(missed, 2023, "relocate", "10", null)));

        renewal.result(ZONE, 2024, jdbc.sql("select id from enterprise where credit_code = :c").param("c", code(met))
                .query(Integer.class).single(), "B", 80.0, 10.0, 30.0, 30);
        renewal.result(ZONE, 2024, missed, "C", 60.0, 9.99, 30.0, 15);
        JsonNode plans = api.json(PLANS + "?zone=" + ZONE + "&year=2023");
        assertThat(plans.size()).isEqualTo(2);
        JsonNode first = plans.get(0).path("creditCode").asString().equals(code(met)) ? plans.get(0) : plans.get(1);
        JsonNode second = first == plans.get(0) ? plans.get(1) : plans.get(0);
        assertThat(first.path("targetMet").asBoolean()).isTrue();
        assertThat(first.path("next").path("evaluationClass").asString()).isEqualTo("B");
        assertThat(second.path("targetMet").isBoolean()).isTrue();
        assertThat(second.path("targetMet").asBoolean()).as("9.99 < 10").isFalse();
    }

    @Test
    void planCanBeChangedWithdrawnAndIsAudited() {
        int e = enterprise("修改企业", 2022, 1.0);
        int id = created(api.post(PLANS, body(e, 2022, "merge", "5", null))).path("id").asInt();
        assertDetail(api.post(PLANS, body(e, 2022, "close", "5", null)), 409, "2022");

        Api.Response changed = api.put(PLANS + "/" + id, body(e, 2022, "close", "6.5", null));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("kind").asString()).isEqualTo("close");
        assertThat(changed.json().path("targetTaxWanPerMu").asDouble()).isEqualTo(6.5);
        assertThat(api.send("DELETE", PLANS + "/" + id, null).status()).isEqualTo(204);
        assertThat(api.send("DELETE", PLANS + "/" + id, null).status()).isEqualTo(404);
        assertThat(jdbc.sql("""
                select string_agg(action || ':' || actor, ' ' order by id) from audit_log
                where table_name = 'enterprise_plan' and coalesce(after, before)->>'id' = :id""")
                .param("id", String.valueOf(id)).query(String.class).single())
                .isEqualTo("insert:" + TestUsers.PLANNER + " update:" + TestUsers.PLANNER + " delete:" + TestUsers.PLANNER);
        assertThat(jdbc.sql("select title from audited_table where name = 'enterprise_plan'").query(String.class).single())
                .isEqualTo("一企一策");
    }

    @Test
    void boundsAndRoles() {
        int e = enterprise("边界企业", 2021, 1.0);
        assertDetail(api.post(PLANS, body(e, 2021, "demolish", "5", null)), "kind");
        assertDetail(api.post(PLANS, body(e, 2021, "improve", "-1", null)), "targetTaxWanPerMu");
        assertDetail(api.post(PLANS, body(e, 2021, "improve", "1e400", null)), "targetTaxWanPerMu");
        assertDetail(api.post(PLANS, body(e, 2021, "improve", "5", "no-such-project")), "no-such-project");
        assertDetail(api.post(PLANS, body(e, 2021, "improve", "5", null).replace("2026-12-31", "2200-01-01")), "due");
        assertDetail(api.post(PLANS, body(e, 2021, "improve", "5", null).replace("\"note\":\"", "\"note\":\"" + "长".repeat(2001))),
                "note");
        assertDetail(api.post(PLANS, body(e, 2021, "improve", "5", null).replace(code(e), "91330523MA2B00000X")),
                "creditCode");
        assertDetail(api.post(PLANS, body(e, 1999, "improve", "5", null)), "year");
        assertThat(api.put(PLANS + "/999999", body(e, 2021, "improve", "5", null)).status()).isEqualTo(404);
        assertThat(api.as(TestUsers.AUDITOR).post(PLANS, body(e, 2021, "improve", "5", null)).status()).isEqualTo(403);
        assertThat(api.as(TestUsers.AUDITOR).get(PLANS + "?zone=" + ZONE).status()).isEqualTo(200);
        assertThat(api.as(TestUsers.ENTERPRISE).get(PLANS + "?zone=" + ZONE).status()).isEqualTo(403);
        assertThat(api.anonymous().get(PLANS + "?zone=" + ZONE).status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from enterprise_plan where enterprise_id = :e").param("e", e)
                .query(Long.class).single()).isZero();
    }

    /** An enterprise rated D in the zone for the year, with its 亩均税收. */
    private int enterprise(String name, int year, double tax) {
        int e = fixtures.enterprise(name);
        renewal.result(ZONE, year, e, "D", 30.0, tax, 5.0, 24);
        return e;
    }

    private long parcel(String code, int holder) {
        double x = X0 + 10 + 120 * slot++;
        return fixtures.parcel(ZONE, null, code, x, Y0 + 10, x + 100, Y0 + 90, "100102", holder);
    }

    private String code(int enterprise) {
        return jdbc.sql("select credit_code from enterprise where id = :id").param("id", enterprise).query(String.class).single();
    }

    private String body(int enterprise, int year, String kind, String target, String project) {
        return "{\"creditCode\":\"" + code(enterprise) + "\",\"zone\":\"" + ZONE + "\",\"year\":" + year + ",\"kind\":\""
                + kind + "\",\"due\":\"2026-12-31\",\"targetTaxWanPerMu\":" + target + ",\"note\":\"限期整改\""
                + (project == null ? "" : ",\"project\":\"" + project + "\"") + "}";
    }

    private static JsonNode created(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }
}
