package com.landrenew.readiness;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.landrenew.supply.SupplyFixtures;
import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@LandRenewTest
class ReadinessApiTest {

    static final String ZONE = "readiness-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 4, 2);
    static final double X = AREA.x0();
    static final double Y = AREA.y0();

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

    /** ready_date: the last day done when all is done, else the latest expected day of what is open. */
    @Test
    void theReadyDateIsTheLastDoneDayOrTheLatestExpectedOpenDay() {
        long done = land.parcel(ZONE, "R-1", X, Y, X + 100, Y + 100, "stored");
        land.ready(done, "2025-06-30");
        long open = land.parcel(ZONE, "R-2", X + 200, Y, X + 300, Y + 100, "stored");
        land.expected(open, "2027-04-01");
        land.fact(open, "gas", null, "2027-02-01");
        land.fact(open, "road", "2026-09-01", "2026-08-01");   // done later than once expected: done counts
        long notRequired = land.parcel(ZONE, "R-3", X + 400, Y, X + 500, Y + 100, "stored");
        land.ready(notRequired, "2025-01-31");
        jdbc.sql("insert into parcel_readiness (parcel_id, fact, required, expected_on) values (:p, 'conversion_approved', false, null)")
                .param("p", notRequired).update();
        long none = land.parcel(ZONE, "R-4", X + 600, Y, X + 700, Y + 100, "stored");

        assertThat(readyDate(done)).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(readyDate(open)).isEqualTo(LocalDate.of(2027, 4, 1));
        assertThat(readyDate(notRequired)).as("a fact not required holds nothing back").isEqualTo(LocalDate.of(2025, 1, 31));
        assertThat(readyDate(none)).as("no facts: readiness unknown").isNull();
        assertThat(jdbc.sql("select is_ready(:a) and not is_ready(:b) and is_ready(:c) and not is_ready(:d)")
                .param("a", done).param("b", open).param("c", notRequired).param("d", none)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void theApiListsEveryKindAndPutReplacesTheFacts() {
        long id = land.parcel(ZONE, "R-5", X, Y + 200, X + 100, Y + 300, "vacated");
        land.expected(id, "2027-05-01");

        JsonNode before = api.json("/api/parcels/" + ZONE + "/R-5/readiness");
        assertThat(before.path("readyDate").asString()).isEqualTo("2027-05-01");
        assertThat(before.path("ready").asBoolean()).isFalse();
        List<String> kinds = new ArrayList<>();
        before.path("facts").forEach(f -> kinds.add(f.path("fact").asString()));
        assertThat(kinds).containsExactly("stored", "cleared", "households_relocated", "water", "power", "gas", "road",
                "planning_conditions", "conversion_approved", "regional_assessment");
        JsonNode planning = before.path("facts").get(7);
        assertThat(planning.path("nameZh").asString()).isEqualTo("规划条件");
        assertThat(planning.path("required").asBoolean()).isTrue();
        assertThat(planning.path("expectedOn").asString()).isEqualTo("2027-05-01");
        assertThat(before.path("facts").get(5).path("recorded").asBoolean()).as("gas not recorded").isFalse();

        Api.Response put = api.put("/api/parcels/" + ZONE + "/R-5/readiness", """
                {"facts":[{"fact":"stored","doneOn":"2025-02-01"},
                          {"fact":"cleared","doneOn":"2025-03-15"},
                          {"fact":"water","expectedOn":"2027-01-20"},
                          {"fact":"conversion_approved","required":false}]}""");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("readyDate").asString()).isEqualTo("2027-01-20");
        assertThat(jdbc.sql("select count(*) from parcel_readiness where parcel_id = :id").param("id", id)
                .query(Long.class).single()).as("the old facts are replaced").isEqualTo(4);
        assertThat(readyDate(id)).isEqualTo(LocalDate.of(2027, 1, 20));

        Api.Response done = api.put("/api/parcels/" + ZONE + "/R-5/readiness",
                "{\"facts\":[{\"fact\":\"stored\",\"doneOn\":\"2025-02-01\"},{\"fact\":\"water\",\"doneOn\":\"2026-10-02\"}]}");
        assertThat(done.json().path("ready").asBoolean()).isTrue();
        assertThat(done.json().path("readyDate").asString()).isEqualTo("2026-10-02");
    }

    @Test
    void badFactsAreNamedAndWriteNothing() {
        long id = land.parcel(ZONE, "R-6", X + 200, Y + 200, X + 300, Y + 300, "stored");
        land.ready(id, "2025-06-30");
        String path = "/api/parcels/" + ZONE + "/R-6/readiness";
        assertDetail(api.put(path, "{\"facts\":[{\"fact\":\"stored\",\"doneOn\":\"2025-01-01\"},{\"fact\":\"water\"}]}"),
                "facts[1].expectedOn");
        assertDetail(api.put(path, "{\"facts\":[{\"fact\":\"sewage\",\"doneOn\":\"2025-01-01\"}]}"), "facts[0].fact");
        assertDetail(api.put(path, "{\"facts\":[{\"fact\":\"water\",\"doneOn\":\"2025-01-01\"},"
                + "{\"fact\":\"water\",\"doneOn\":\"2025-01-02\"}]}"), "twice");
        assertDetail(api.put(path, "{\"facts\":[{\"fact\":\"water\",\"doneOn\":\"2999-01-01\"}]}"), "facts[0].doneOn");
        assertDetail(api.put(path, "{\"facts\":[{\"fact\":\"water\",\"doneOn\":\"01/01/2025\"}]}"), "doneOn");
        assertDetail(api.put(path, "{}"), "facts");
        assertThat(readyDate(id)).as("nothing was written").isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(api.get("/api/parcels/" + ZONE + "/NOPE/readiness").status()).isEqualTo(404);
        assertThat(api.put("/api/parcels/" + ZONE + "/NOPE/readiness", "{\"facts\":[]}").status()).isEqualTo(404);
    }

    private LocalDate readyDate(long parcel) {
        return jdbc.sql("select ready_date(:id)").param("id", parcel).query(LocalDate.class).list().get(0);
    }
}
