package com.landrenew.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.landrenew.support.Api;
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
 * Approving a plan and supplying its batches through the ledger. The site: P (prepared) and S (stored)
 * side by side, ready since 2025; Q across a lane, its planning conditions expected in 2031.
 */
@LandRenewTest
class SupplyBatchTest {

    static final String ZONE = "supply-ledger-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 4, 2);
    static final double X = AREA.x0();
    static final double Y = AREA.y0();
    static final String SUPPLIED_ON = "2026-11-20";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    SupplyFixtures land;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        land = new SupplyFixtures(jdbc);
        land.zone(ZONE, X, Y);
    }

    private record Site(long plan, long p, long s, long q) {
    }

    private Site site(String prefix, int row) {
        double y = Y + 100 + row * 300;
        long p = land.parcel(ZONE, prefix + "-P", X, y, X + 100, y + 100, "prepared");
        land.ready(p, "2025-04-01");
        long s = land.parcel(ZONE, prefix + "-S", X + 100, y, X + 200, y + 100, "stored");
        land.ready(s, "2025-05-01");
        long q = land.parcel(ZONE, prefix + "-Q", X + 212, y, X + 312, y + 100, "stored");
        land.expected(q, "2031-03-01");
        Api.Response created = api.post("/api/supply/plans", """
                {"zone":"%s","name":"项目 %s","site":{"parcels":["%s-P","%s-S","%s-Q"]},
                 "requiredMu":45,"landUse":"100102","wantedStart":"2027-01-01","minBatchMu":20}"""
                .formatted(ZONE, prefix, prefix, prefix, prefix));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Site(created.json().path("id").asLong(), p, s, q);
    }

    @Test
    void supplyingABatchWritesTheLedgerEventsAndConstructionDueAndOnlyOnce() {
        Site site = site("L1", 0);
        JsonNode draft = api.json("/api/supply/plans/" + site.plan());
        assertThat(draft.path("batches").size()).isEqualTo(2);
        assertThat(draft.path("batches").get(0).path("ready").asBoolean()).isTrue();
        assertThat(draft.path("batches").get(1).path("ready").asBoolean()).isFalse();

        Api.Response early = supply(site.plan(), 1, "");
        assertThat(early.status()).as("a draft is not supplied").isEqualTo(409);
        assertThat(early.json().path("detail").asString()).contains("draft");

        Api.Response approved = api.post("/api/supply/plans/" + site.plan() + "/approve", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("state").asString()).isEqualTo("approved");
        assertThat(approved.json().path("approvedBy").asString()).isEqualTo(TestUsers.PLANNER);
        assertThat(api.post("/api/supply/plans/" + site.plan() + "/approve", "{}").status())
                .as("only a draft is approved").isEqualTo(409);

        long eventsBefore = events(site.q());
        Api.Response supplied = supply(site.plan(), 1, ",\"documentNo\":\"330523-2026-A00077\"");
        assertThat(supplied.status()).as(supplied.body()).isEqualTo(200);
        assertThat(supplied.json().path("state").asString()).isEqualTo("supplying");
        JsonNode batch = supplied.json().path("batches").get(0);
        assertThat(batch.path("state").asString()).isEqualTo("supplied");
        assertThat(batch.path("suppliedOn").asString()).isEqualTo(SUPPLIED_ON);

        // P: prepared -> supplied; S: stored -> prepared -> supplied; all on the day of supply, naming the plan.
        String code = supplied.json().path("code").asString();
        assertThat(lastEvents(site.p(), 1)).containsExactly("prepared>supplied " + SUPPLIED_ON + " " + TestUsers.PLANNER);
        assertThat(lastEvents(site.s(), 2)).containsExactly("stored>prepared " + SUPPLIED_ON + " " + TestUsers.PLANNER,
                "prepared>supplied " + SUPPLIED_ON + " " + TestUsers.PLANNER);
        assertThat(jdbc.sql("select reason || ' ' || coalesce(document_no, '') from parcel_event where parcel_id = :id "
                + "order by id desc limit 1").param("id", site.p()).query(String.class).single())
                .contains(code, "第1批", "330523-2026-A00077");
        assertThat(state(site.p())).isEqualTo("supplied");
        assertThat(state(site.s())).isEqualTo("supplied");
        // Construction is due the lead time (3 months) after supply: 2027-02-20.
        for (long parcel : List.of(site.p(), site.s())) {
            assertThat(jdbc.sql("select construction_due from parcel where id = :id").param("id", parcel)
                    .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2027, 2, 20));
        }
        assertThat(events(site.q())).as("batch 2 untouched").isEqualTo(eventsBefore);
        assertThat(state(site.q())).isEqualTo("stored");

        Api.Response twice = supply(site.plan(), 1, "");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("detail").asString()).contains("was supplied on " + SUPPLIED_ON);
        assertThat(lastEvents(site.p(), 1)).as("no second event").containsExactly(
                "prepared>supplied " + SUPPLIED_ON + " " + TestUsers.PLANNER);

        // Batch 2 is not ready: refused, naming the parcel and what it still lacks; nothing written.
        Api.Response notReady = supply(site.plan(), 2, "");
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(notReady.json().path("detail").asString()).contains("L1-Q", "planning_conditions", "2031-03-01");
        assertThat(events(site.q())).isEqualTo(eventsBefore);
        assertThat(supply(site.plan(), 3, "").status()).as("no batch 3").isEqualTo(404);
    }

    @Test
    void theLastBatchSuppliedCompletesThePlanAndBatchesMayGoOutOfOrder() {
        Site site = site("L2", 1);
        approve(site.plan());
        // Q's planning conditions come through early: batch 2 may go before batch 1, readiness decides.
        jdbc.sql("update parcel_readiness set done_on = date '2026-06-01' where parcel_id = :id and fact = 'planning_conditions'")
                .param("id", site.q()).update();
        assertThat(supply(site.plan(), 2, "").status()).isEqualTo(200);
        assertThat(state(site.q())).isEqualTo("supplied");
        JsonNode done = supply(site.plan(), 1, "").json();
        assertThat(done.path("state").asString()).isEqualTo("supplied");
        assertThat(api.json("/api/supply/plans?zone=" + ZONE).toString()).contains(done.path("code").asString());
    }

    @Test
    void landOneApprovedPlanHoldsCannotBeApprovedInAnother() {
        Site first = site("L3", 2);
        Api.Response rival = api.post("/api/supply/plans", """
                {"zone":"%s","name":"另一项目","site":{"parcels":["L3-P","L3-S"]},
                 "requiredMu":30,"landUse":"100102","wantedStart":"2027-01-01"}""".formatted(ZONE));
        assertThat(rival.status()).as("drafts may overlap").isEqualTo(201);
        approve(first.plan());
        Api.Response refused = api.post("/api/supply/plans/" + rival.json().path("id").asLong() + "/approve",
                "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("L3-P", api.json("/api/supply/plans/"
                + first.plan()).path("code").asString());
        assertThat(api.post("/api/supply/plans", """
                {"zone":"%s","name":"第三项目","site":{"parcels":["L3-S"]},
                 "requiredMu":10,"landUse":"100102","wantedStart":"2027-01-01"}""".formatted(ZONE)).status())
                .as("a new plan cannot take promised land").isEqualTo(409);
    }

    @Test
    void badSupplyRequestsAreNamed() {
        Site site = site("L4", 3);
        approve(site.plan());
        Api.Response auditor = api.as(TestUsers.AUDITOR).post("/api/supply/plans/" + site.plan() + "/batches/1/supply", "{}");
        assertThat(auditor.status()).as("only planners supply land").isEqualTo(403);
        Api.Response future = api.post("/api/supply/plans/" + site.plan() + "/batches/1/supply",
                "{\"suppliedOn\":\"2999-01-01\"}");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().path("detail").asString()).contains("suppliedOn");
        Api.Response beforeReady = api.post("/api/supply/plans/" + site.plan() + "/batches/1/supply",
                "{\"suppliedOn\":\"2025-04-15\"}");
        assertThat(beforeReady.status()).isEqualTo(409);
        assertThat(beforeReady.json().path("detail").asString()).contains("L4-S was ready only on 2025-05-01");
        assertThat(state(site.p())).as("all or nothing: P was fine but is not supplied").isEqualTo("prepared");
    }

    private void approve(long plan) {
        assertThat(api.post("/api/supply/plans/" + plan + "/approve", "{}").status()).isEqualTo(200);
    }

    private Api.Response supply(long plan, int seq, String extra) {
        return api.post("/api/supply/plans/" + plan + "/batches/" + seq + "/supply",
                "{\"suppliedOn\":\"" + SUPPLIED_ON + "\"" + extra + "}");
    }

    private List<String> lastEvents(long parcel, int n) {
        return jdbc.sql("""
                select from_state || '>' || to_state || ' ' || effective_date || ' ' || actor
                from (select * from parcel_event where parcel_id = :id order by id desc limit :n) e order by id""")
                .param("id", parcel).param("n", n).query(String.class).list();
    }

    private long events(long parcel) {
        return jdbc.sql("select count(*) from parcel_event where parcel_id = :id").param("id", parcel)
                .query(Long.class).single();
    }

    private String state(long parcel) {
        return jdbc.sql("select state from parcel where id = :id").param("id", parcel).query(String.class).single();
    }
}
