package com.landrenew.supply;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Supply plans on hand-built land. The four-parcel site (100 m squares of 15 mu, C 30 mu; lanes of 12 m):
 *
 * <pre>
 *   A (ready 2030-03-01) | B (2030-06-01) | C, 30 mu (2030-09-01)   ...300 m...   D (2030-04-15)
 * </pre>
 *
 * Wanted start 2030-01-01 with a 3-month lead: nothing is supplied before 2029-10-01 (after today). With
 * roads up to 15 m and batches of at least 20 mu, worked by hand: A (15 mu) waits; on 04-15 A and D are
 * each 15 mu and apart, so both wait (together they would be 30); on 06-01 A+B (30 mu) is batch 1; on
 * 09-01 C (30 mu) is batch 2 and D, still alone and nothing left to wait for, batch 3 under the minimum.
 */
@LandRenewTest
class SupplyPlanApiTest {

    static final String ZONE = "supply-test";
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

    /** The four parcels, {@code prefix}-A … -D, at row {@code row} of the zone. */
    private void fourParcels(String prefix, int row) {
        double y = Y + 100 + row * 300;
        land.expected(land.parcel(ZONE, prefix + "-A", X, y, X + 100, y + 100, "prepared"), "2030-03-01");
        land.expected(land.parcel(ZONE, prefix + "-B", X + 112, y, X + 212, y + 100, "stored"), "2030-06-01");
        land.expected(land.parcel(ZONE, prefix + "-C", X + 224, y, X + 424, y + 100, "stored"), "2030-09-01");
        land.expected(land.parcel(ZONE, prefix + "-D", X + 724, y, X + 824, y + 100, "vacated"), "2030-04-15");
    }

    private static String request(String prefix, String mode, String extra) {
        return """
                {"zone":"%s","name":"光电项目 %s","site":{"parcels":["%s-A","%s-B","%s-C","%s-D"]},
                 "requiredMu":60,"landUse":"M1","wantedStart":"2030-01-01","mode":"%s",
                 "maxRoadGapM":15,"minBatchMu":20,"leadMonths":3%s}""".formatted(ZONE, prefix, prefix, prefix, prefix,
                prefix, mode, extra);
    }

    @Test
    void phasedSupplyStartsWithTheFirstContiguousBatchAndWholeSupplyAtTheLastReadyDay() {
        fourParcels("P1", 0);
        Api.Response created = api.post("/api/supply/plans", request("P1", "phased", ""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode plan = created.json();
        long id = plan.path("id").asLong();
        assertThat(plan.path("state").asString()).isEqualTo("draft");
        assertThat(plan.path("code").asString()).isEqualTo("GD" + String.format("%05d", id));
        assertThat(plan.path("landUse").path("code").asString()).as("M1 is class 1 industrial").isEqualTo("100101");
        assertThat(plan.path("site").path("area").path("mu").asDouble()).isEqualTo(75.0);

        JsonNode batches = plan.path("batches");
        assertThat(batches.size()).isEqualTo(3);
        assertBatch(batches.get(0), 1, "2030-06-01", "2030-09-01", 30.0, false, "P1-A", "P1-B");
        assertBatch(batches.get(1), 2, "2030-09-01", "2030-12-01", 30.0, false, "P1-C");
        assertBatch(batches.get(2), 3, "2030-09-01", "2030-12-01", 15.0, true, "P1-D");

        JsonNode whole = plan.path("options").path("whole").path("batches");
        assertThat(whole.size()).isEqualTo(1);
        assertThat(whole.get(0).path("supplyDate").asString()).as("the last parcel's ready day").isEqualTo("2030-09-01");
        assertThat(whole.get(0).path("earliestStart").asString()).isEqualTo("2030-12-01");
        JsonNode comparison = plan.path("options").path("comparison");
        assertThat(comparison.path("wholeStart").asString()).isEqualTo("2030-12-01");
        assertThat(comparison.path("phasedFirstStart").asString()).isEqualTo("2030-09-01");
        // 2030-09-01 to 2030-12-01: 30 + 31 + 30 days; per mu: (30 mu × 91 + 45 mu × 0) / 75 mu.
        assertThat(comparison.path("savedDays").asLong()).isEqualTo(91);
        assertThat(comparison.path("muWeightedSavedDays").asDouble()).isEqualTo(36.4);
        assertThat(comparison.path("wholeDelayDays").asLong()).as("2030-01-01 to 2030-12-01").isEqualTo(334);

        // What was saved is what GET answers, and the rows are there.
        JsonNode read = api.json("/api/supply/plans/" + id);
        assertThat(read.path("batches")).isEqualTo(batches);
        assertThat(jdbc.sql("select count(*) from supply_batch_parcel bp join supply_batch b on b.id = bp.batch_id "
                + "where b.plan_id = :id").param("id", id).query(Long.class).single()).isEqualTo(4);
        JsonNode features = read.path("parcels").path("features");
        assertThat(features.size()).isEqualTo(4);
        assertThat(features.get(0).path("properties").path("batch").asInt()).isEqualTo(1);
        assertThat(features.get(0).path("properties").path("readyDate").asString()).isEqualTo("2030-03-01");
        assertThat(features.get(0).path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
    }

    @Test
    void wholeSiteModeSavesOneBatchAtTheLastReadyDay() {
        fourParcels("P2", 1);
        JsonNode plan = created(request("P2", "whole", ""));
        assertThat(plan.path("mode").asString()).isEqualTo("whole");
        assertThat(plan.path("batches").size()).isEqualTo(1);
        assertBatch(plan.path("batches").get(0), 1, "2030-09-01", "2030-12-01", 75.0, false,
                "P2-A", "P2-B", "P2-C", "P2-D");
        assertThat(plan.path("options").path("phased").path("batches").size()).as("the alternative").isEqualTo(3);
    }

    @Test
    void withoutAMinimumEachContiguousGroupGoesOnTheDayItIsReady() {
        fourParcels("P3", 2);
        JsonNode batches = created(request("P3", "phased", "").replace("\"minBatchMu\":20", "\"minBatchMu\":0"))
                .path("batches");
        assertThat(batches.size()).isEqualTo(4);
        assertBatch(batches.get(0), 1, "2030-03-01", "2030-06-01", 15.0, false, "P3-A");
        assertBatch(batches.get(1), 2, "2030-04-15", "2030-07-15", 15.0, false, "P3-D");
        assertBatch(batches.get(2), 3, "2030-06-01", "2030-09-01", 15.0, false, "P3-B");
        assertBatch(batches.get(3), 4, "2030-09-01", "2030-12-01", 30.0, false, "P3-C");
    }

    @Test
    void lanesWiderThanTheRoadGapSplitTheSiteAndNothingIsGained() {
        fourParcels("P4", 3);
        // With roads counted only up to 10 m, the 12 m lanes part A, B and C: only C reaches 20 mu, on the
        // last day, when A, B and D follow on their own, under the minimum (larger first, then by code).
        JsonNode plan = created(request("P4", "phased", "").replace("\"maxRoadGapM\":15", "\"maxRoadGapM\":10"));
        JsonNode batches = plan.path("batches");
        assertThat(batches.size()).isEqualTo(4);
        assertBatch(batches.get(0), 1, "2030-09-01", "2030-12-01", 30.0, false, "P4-C");
        assertBatch(batches.get(1), 2, "2030-09-01", "2030-12-01", 15.0, true, "P4-A");
        assertBatch(batches.get(2), 3, "2030-09-01", "2030-12-01", 15.0, true, "P4-B");
        assertBatch(batches.get(3), 4, "2030-09-01", "2030-12-01", 15.0, true, "P4-D");
        assertThat(plan.path("options").path("comparison").path("savedDays").asLong()).isZero();
    }

    @Test
    void aDrawnSiteTakesTheParcelsItMeetsWholeAndLeavesOutLandInUse() {
        double x = X + 2000;
        double y = Y + 100;
        long a = land.parcel(ZONE, "G-A", x, y, x + 100, y + 100, "prepared");
        land.ready(a, "2025-05-01");
        long b = land.parcel(ZONE, "G-B", x + 112, y, x + 212, y + 100, "stored");
        land.expected(b, "2030-06-01");
        land.parcel(ZONE, "G-E", x, y + 112, x + 100, y + 212, "in_use");
        land.expected(land.parcel(ZONE, "G-F", x + 600, y, x + 700, y + 100, "stored"), "2030-06-01");  // outside
        // The drawn line: all of A, the west half of B (112 to 162 of 212), and a strip of the in-use E.
        String polygon = jdbc.sql("select ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), 4326), 9)")
                .param("x0", x - 20).param("y0", y - 20).param("x1", x + 162).param("y1", y + 150)
                .query(String.class).single();
        JsonNode plan = created("""
                {"zone":"%s","name":"画线选址","site":{"polygon":%s},
                 "requiredMu":20,"landUse":"100102","wantedStart":"2030-01-01","minBatchMu":10}"""
                .formatted(ZONE, polygon));
        assertThat(plan.path("site").path("drawn").asBoolean()).isTrue();
        List<String> codes = new ArrayList<>();
        plan.path("parcels").path("features").forEach(f -> codes.add(f.path("properties").path("code").asString()));
        assertThat(codes).containsExactlyInAnyOrder("G-A", "G-B");
        assertThat(plan.path("site").path("area").path("mu").asDouble()).as("B is taken whole").isEqualTo(30.0);
        for (JsonNode f : plan.path("parcels").path("features")) {
            double share = f.path("properties").path("insideShare").asDouble();
            assertThat(share).isCloseTo(f.path("properties").path("code").asString().equals("G-A") ? 1.0 : 0.5,
                    within(0.002));
        }
        assertThat(plan.path("excluded").size()).isEqualTo(1);
        assertThat(plan.path("excluded").get(0).path("code").asString()).isEqualTo("G-E");
        assertThat(plan.path("excluded").get(0).path("reason").asString()).contains("in_use");
        assertThat(plan.path("mode").asString()).as("phased by default").isEqualTo("phased");
        assertThat(plan.path("leadMonths").asInt()).as("the configured lead time").isEqualTo(3);
        assertThat(plan.path("maxRoadGapM").asDouble()).isEqualTo(15.0);
    }

    @Test
    void badInputIs400NamingTheField() {
        fourParcels("P5", 4);
        String good = request("P5", "phased", "");
        assertDetail(api.post("/api/supply/plans", good.replace("\"requiredMu\":60,", "")), "requiredMu");
        assertDetail(api.post("/api/supply/plans", good.replace("\"requiredMu\":60", "\"requiredMu\":500")), "requiredMu");
        assertDetail(api.post("/api/supply/plans", good.replace("\"phased\"", "\"bits\"")), "mode");
        assertDetail(api.post("/api/supply/plans", good.replace("\"M1\"", "\"Z9\"")), "landUse");
        assertDetail(api.post("/api/supply/plans", good.replace("2030-01-01", "01/01/2030")), "wantedStart");
        assertDetail(api.post("/api/supply/plans", good.replace("\"leadMonths\":3", "\"leadMonths\":-1")), "leadMonths");
        assertDetail(api.post("/api/supply/plans", good.replace("\"maxRoadGapM\":15", "\"maxRoadGapM\":-5")), "maxRoadGapM");
        assertDetail(api.post("/api/supply/plans", good.replace("\"minBatchMu\":20", "\"minBatchMu\":61")), "minBatchMu");
        assertDetail(api.post("/api/supply/plans", good.replace("\"P5-D\"", "\"P5-X\"")), "site.parcels");
        assertDetail(api.post("/api/supply/plans", good.replace("\"zone\":\"supply-test\"", "\"zone\":\"atlantis\"")), "zone");
        assertDetail(api.post("/api/supply/plans", good.replace("{\"parcels\":[\"P5-A\",\"P5-B\",\"P5-C\",\"P5-D\"]}",
                "{}")), "site");
        assertDetail(api.post("/api/supply/plans", good.replace("{\"parcels\":[\"P5-A\",\"P5-B\",\"P5-C\",\"P5-D\"]}",
                "{\"polygon\":{\"type\":\"Polygon\",\"coordinates\":[[[119,30],[119.01,30.01],[119.01,30],[119,30.01],[119,30]]]}}")),
                "site.polygon");
        assertDetail(api.post("/api/supply/plans", "not json"), "JSON");
        // Land that is held cannot be in a site, nor land whose readiness nobody has recorded.
        land.parcel(ZONE, "P5-U", X + 1000, Y + 1300, X + 1100, Y + 1400, "in_use");
        land.parcel(ZONE, "P5-N", X + 1200, Y + 1300, X + 1300, Y + 1400, "stored");
        assertDetail(api.post("/api/supply/plans", good.replace("\"P5-D\"", "\"P5-U\"")), "P5-U is in_use");
        assertDetail(api.post("/api/supply/plans", good.replace("\"P5-D\"", "\"P5-N\"")), "P5-N has no readiness facts");
        assertThat(jdbc.sql("select count(*) from supply_plan where name = '光电项目 P5'").query(Long.class).single())
                .as("nothing half-written").isZero();
    }

    @Test
    void anUnknownPlanIs404() {
        assertThat(api.get("/api/supply/plans/987654321").status()).isEqualTo(404);
        assertThat(api.post("/api/supply/plans/987654321/approve", "{}").status()).isEqualTo(404);
        assertThat(api.post("/api/supply/plans/987654321/batches/1/supply", "{}").status()).isEqualTo(404);
        assertThat(api.get("/api/supply/plans?zone=atlantis").status()).isEqualTo(404);
        assertThat(api.get("/api/supply/plans/abc").status()).isEqualTo(400);
    }

    private JsonNode created(String body) {
        Api.Response response = api.post("/api/supply/plans", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    static void assertBatch(JsonNode batch, int seq, String supplyDate, String earliestStart, double mu,
            boolean underMinimum, String... parcels) {
        assertThat(batch.path("seq").asInt()).isEqualTo(seq);
        assertThat(batch.path("supplyDate").asString()).as("batch " + seq + " supply date").isEqualTo(supplyDate);
        assertThat(batch.path("earliestStart").asString()).as("batch " + seq + " start").isEqualTo(earliestStart);
        assertThat(batch.path("area").path("mu").asDouble()).as("batch " + seq + " mu").isEqualTo(mu);
        assertThat(batch.path("underMinimum").asBoolean()).as("batch " + seq + " under minimum").isEqualTo(underMinimum);
        List<String> codes = new ArrayList<>();
        batch.path("parcels").forEach(p -> codes.add(p.asString()));
        assertThat(codes).as("batch " + seq + " parcels").containsExactly(parcels);
    }
}
