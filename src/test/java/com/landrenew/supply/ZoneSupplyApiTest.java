package com.landrenew.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The zone view. K-1 (prepared) and K-2 (stored), ready, and K-3 across a lane (ready 2031-03-01) make an
 * approved plan whose first batch (30 mu) was supplied on 2026-11-20 and whose second (15 mu) is planned
 * for 2031-03-01. K-4 (stored, ready, in block "east") and K-5 (stored, in a draft plan only) are in the
 * land bank; K-6 (in use) and K-7 (vacated) are not stored land.
 */
@LandRenewTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneSupplyApiTest {

    static final String ZONE = "supply-zone-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 4, 2);
    static final double X = AREA.x0();
    static final double Y = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeAll
    void land() {
        api = new Api(port);
        SupplyFixtures land = new SupplyFixtures(jdbc);
        land.zone(ZONE, X, Y);
        land.fixtures().block(ZONE, "east", X + 1000, Y, X + 2000, Y + 1000);
        double y = Y + 100;
        land.ready(land.parcel(ZONE, "K-1", X, y, X + 100, y + 100, "prepared"), "2025-04-01");
        land.ready(land.parcel(ZONE, "K-2", X + 100, y, X + 200, y + 100, "stored"), "2025-04-01");
        land.expected(land.parcel(ZONE, "K-3", X + 212, y, X + 312, y + 100, "stored"), "2031-03-01");
        land.ready(land.parcel(ZONE, "east", "K-4", X + 1100, y, X + 1200, y + 100, "stored"), "2025-04-01");
        land.expected(land.parcel(ZONE, "K-5", X + 500, y, X + 600, y + 100, "stored"), "2027-06-30");
        land.parcel(ZONE, "K-6", X + 700, y, X + 800, y + 100, "in_use");
        land.expected(land.parcel(ZONE, "K-7", X + 900, y, X + 950, y + 100, "vacated"), "2027-06-30");

        long plan = create("[\"K-1\",\"K-2\",\"K-3\"]", 45);
        assertThat(api.post("/api/supply/plans/" + plan + "/approve", "{}").status()).isEqualTo(200);
        assertThat(api.post("/api/supply/plans/" + plan + "/batches/1/supply",
                "{\"suppliedOn\":\"2026-11-20\"}").status()).isEqualTo(200);
        create("[\"K-5\"]", 15);
    }

    private long create(String parcels, int mu) {
        Api.Response created = api.post("/api/supply/plans", """
                {"zone":"%s","name":"区块项目","site":{"parcels":%s},
                 "requiredMu":%d,"landUse":"100102","wantedStart":"2027-01-01","minBatchMu":%d}"""
                .formatted(ZONE, parcels, mu, Math.min(20, mu)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    @Test
    void theScheduleCountsApprovedPlansByMonthOfSupply() {
        JsonNode schedule = api.json("/api/supply/schedule?zone=" + ZONE);
        assertThat(schedule.path("suppliedMu").asDouble()).isEqualTo(30.0);
        assertThat(schedule.path("plannedMu").asDouble()).as("the draft does not count").isEqualTo(15.0);
        JsonNode months = schedule.path("months");
        // November 2026 to March 2031, every month listed.
        assertThat(months.size()).isEqualTo(53);
        assertThat(months.get(0).path("month").asString()).isEqualTo("2026-11");
        assertThat(months.get(0).path("suppliedMu").asDouble()).isEqualTo(30.0);
        assertThat(months.get(52).path("month").asString()).isEqualTo("2031-03");
        assertThat(months.get(52).path("plannedMu").asDouble()).isEqualTo(15.0);
        assertThat(months.get(20).path("plannedMu").asDouble() + months.get(20).path("suppliedMu").asDouble()).isZero();
        assertThat(schedule.path("plans").size()).isEqualTo(1);

        JsonNode east = api.json("/api/supply/schedule?zone=" + ZONE + "&block=east");
        assertThat(east.path("block").path("code").asString()).isEqualTo("east");
        assertThat(east.path("months").size()).as("no plan in block east").isZero();
    }

    @Test
    void theLandBankIsStoredLandNoApprovedPlanHolds() {
        JsonNode bank = api.json("/api/supply/land-bank?zone=" + ZONE);
        assertThat(codes(bank)).as("ready first").containsExactly("K-4", "K-5");
        assertThat(bank.path("area").path("mu").asDouble()).isEqualTo(30.0);
        assertThat(bank.path("ready").path("count").asInt()).isEqualTo(1);
        assertThat(bank.path("ready").path("area").path("mu").asDouble()).isEqualTo(15.0);
        JsonNode k5 = bank.path("features").get(1).path("properties");
        assertThat(k5.path("readyDate").asString()).isEqualTo("2027-06-30");
        assertThat(k5.path("ready").asBoolean()).isFalse();

        assertThat(codes(api.json("/api/supply/land-bank?zone=" + ZONE + "&block=east"))).containsExactly("K-4");
        assertThat(api.get("/api/supply/land-bank?zone=" + ZONE + "&block=west").status()).isEqualTo(404);
        assertThat(api.get("/api/supply/land-bank?zone=atlantis").status()).isEqualTo(404);
        Api.Response noZone = api.get("/api/supply/schedule");
        assertThat(noZone.status()).isEqualTo(400);
        assertThat(noZone.json().path("detail").asString()).contains("zone");
    }

    private static List<String> codes(JsonNode collection) {
        List<String> codes = new ArrayList<>();
        collection.path("features").forEach(f -> codes.add(f.path("properties").path("code").asString()));
        return codes;
    }
}
