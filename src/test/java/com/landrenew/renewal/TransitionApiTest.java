package com.landrenew.renewal;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@LandRenewTest
class TransitionApiTest {

    static final String ZONE = "ledger-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Flyway flyway;

    Api api;
    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(jdbc);
        if (!fixtures.zoneExists(ZONE)) {
            fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
        }
    }

    @Test
    void aLegalTransitionIsAppendedAndBecomesTheState() {
        int holder = fixtures.enterprise("搬迁企业");
        long id = parcel("L-1", holder);
        fixtures.walk(id, "2024-01-05", "vacating");

        Api.Response created = api.post(path("L-1") + "/transitions", """
                {"to":"vacated","effectiveDate":"2024-06-30","reason":"腾空验收",
                 "documentNo":"安经开〔2024〕12号","households":3}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("fromState").asString()).isEqualTo("vacating");
        assertThat(created.json().path("enterpriseName").asString()).as("the holder that left").isEqualTo("搬迁企业");

        JsonNode history = api.json(path("L-1") + "/history");
        assertThat(history.path("state").asString()).isEqualTo("vacated");
        assertThat(history.path("allowedNextStates").get(0).asString()).isEqualTo("stored");
        assertThat(history.path("events").size()).isEqualTo(3);
        assertThat(api.json("/api/parcels/" + ZONE + "/L-1").path("properties").path("enterprise").isNull())
                .as("a vacated plot has no holder").isTrue();
        assertThat(jdbc.sql("select households from parcel_event where parcel_id = :id order by id desc limit 1")
                .param("id", id).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void anIllegalTransitionIs409NamingTheAllowedStatesAndWritesNothing() {
        long id = parcel("L-2", null);
        long before = eventCount(id);

        Api.Response refused = api.post(path("L-2") + "/transitions",
                "{\"to\":\"supplied\",\"effectiveDate\":\"2024-06-30\",\"reason\":\"y\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("in_use", "supplied", "low_efficiency, vacating");
        List<String> allowed = new ArrayList<>();
        refused.json().path("allowedNextStates").forEach(s -> allowed.add(s.asString()));
        assertThat(allowed).containsExactly("low_efficiency", "vacating");
        assertThat(eventCount(id)).isEqualTo(before);
        assertThat(fixtures.state(id)).isEqualTo("in_use");
    }

    @Test
    void anEventDatedBeforeTheLastOneIs409() {
        long id = parcel("L-3", null);
        fixtures.walk(id, "2024-05-01", "low_efficiency");
        Api.Response refused = api.post(path("L-3") + "/transitions",
                "{\"to\":\"vacating\",\"effectiveDate\":\"2024-04-30\",\"reason\":\"y\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("2024-05-01");
    }

    @Test
    void badRequestsAreNamed() {
        parcel("L-4", null);
        assertThat(api.post("/api/parcels/" + ZONE + "/NOPE/transitions",
                "{\"to\":\"vacating\",\"effectiveDate\":\"2024-04-30\",\"reason\":\"y\"}").status())
                .isEqualTo(404);
        assertDetail(api.post(path("L-4") + "/transitions", "{\"to\":\"demolished\",\"effectiveDate\":\"2024-04-30\",\"reason\":\"y\"}"),
                "demolished");
        assertDetail(api.post(path("L-4") + "/transitions", "{\"to\":\"vacating\",\"effectiveDate\":\"2024-04-30\"}"),
                "reason");
        assertDetail(api.post(path("L-4") + "/transitions", "{\"to\":\"vacating\",\"effectiveDate\":\"2999-01-01\",\"reason\":\"y\"}"),
                "future");
        assertDetail(api.post(path("L-4") + "/transitions", "{\"to\":\"vacating\",\"effectiveDate\":\"30/04/2024\",\"reason\":\"y\"}"),
                "effectiveDate");
        assertDetail(api.post(path("L-4") + "/transitions", "not json"), "JSON");
        assertThat(eventCount(jdbc.sql("select p.id from parcel p join zone z on z.id = p.zone_id where z.code = :z and p.code = 'L-4'")
                .param("z", ZONE).query(Long.class).single())).isEqualTo(1);
    }

    @Test
    void theLedgerCannotBeEditedAroundNorRewritten() {
        long id = parcel("L-5", null);
        assertThatThrownBy(() -> jdbc.sql("update parcel set state = 'stored' where id = :id").param("id", id).update())
                .rootCause().hasMessageContaining("derived from the ledger");
        // The application's login may not even try (database/AppLoginTest); the trigger stops the owner too.
        JdbcClient owner = JdbcClient.create(flyway.getConfiguration().getDataSource());
        assertThatThrownBy(() -> owner.sql("update parcel_event set reason = 'rewritten' where parcel_id = :id").param("id", id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("delete from parcel_event where parcel_id = :id").param("id", id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> fixtures.event(id, "in_use", "supplied", "2024-01-01", "2024-01-01T00:00:00+08:00", null, 0))
                .rootCause().hasMessageContaining("illegal transition");
        assertThat(fixtures.state(id)).isEqualTo("in_use");
    }

    private long parcel(String code, Integer holder) {
        int n = Integer.parseInt(code.substring(2));
        double x = X0 + n * 150;
        return fixtures.parcel(ZONE, null, code, x, Y0 + 100, x + 100, Y0 + 200, "100102", holder);
    }

    private long eventCount(long parcel) {
        return jdbc.sql("select count(*) from parcel_event where parcel_id = :id").param("id", parcel)
                .query(Long.class).single();
    }

    private static String path(String code) {
        return "/api/parcels/" + ZONE + "/" + code;
    }
}
