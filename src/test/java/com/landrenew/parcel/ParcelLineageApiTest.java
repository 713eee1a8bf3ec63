package com.landrenew.parcel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.landrenew.supply.SupplyFixtures;
import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyGeoJson;
import com.landrenew.support.SurveyShapes;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Splits and merges keep the ledger and the areas consistent. Fixture zone "lineage-test" is 3 km x 4 km
 * from (X0, Y0) of its own test area, in three blocks of 1 km: la (the split itself), lb
 * (the tally), lc (refusals). Rectangles, so every area can be checked by hand:
 *
 * <pre>
 *  LA-1 100 m (E-W) x 200 m (N-S) = 20,000 m² = 30 mu, cut by the line x = +80:
 *       LA-1-1 80 x 200 = 16,000 m² = 24 mu, LA-1-2 20 x 200 = 4,000 m² = 6 mu
 *  LB-1 100 x 200 vacated 2025-03-10; LB-2, LB-3 100 x 100 side by side, vacated 2025-04-01;
 *       LB-9 100 x 100 supplied in 2021, construction due 2023-01-01: idle
 *  LD-7, LD-8 100 x 200 with a 0.2 m gap: merged 40,040 m² (the gap closed)
 * </pre>
 */
@LandRenewTest
class ParcelLineageApiTest {

    static final String ZONE = "lineage-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 3, 4);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Fixtures fixtures;
    MapProbe map;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(jdbc);
        map = new MapProbe(api, jdbc);
        synchronized (ParcelLineageApiTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, X0, Y0, X0 + 3000, Y0 + 4000);
                fixtures.block(ZONE, "la", X0, Y0, X0 + 1000, Y0 + 4000);
                fixtures.block(ZONE, "lb", X0 + 1000, Y0, X0 + 2000, Y0 + 4000);
                fixtures.block(ZONE, "lc", X0 + 2000, Y0, X0 + 3000, Y0 + 4000);
            }
        }
    }

    @Test
    void aSplitMakesChildrenWhoseAreasAddUpAndRetiresTheParentFromEverythingCurrent() {
        // LA-1 lies inside one z16 tile, whose parcels are read before and after the split.
        double[] origin = AREA.originInOneTile(jdbc, 16, 100, 100, 200, 300);
        double x = origin[0] + 100;
        double y = origin[1] + 100;
        int holder = fixtures.enterprise("分宗测试有限公司");
        long parent = fixtures.parcel(ZONE, "la", "LA-1", x, y, x + 100, y + 200, "100102", holder);
        jdbc.sql("update parcel set far_min = 1.2, far_max = 2.5, height_limit_m = 30 where id = :id").param("id", parent).update();
        jdbc.sql("insert into parcel_readiness (parcel_id, fact, required, done_on) values (:id, 'water', true, '2024-01-01')")
                .param("id", parent).update();
        jdbc.sql("""
                insert into building (parcel_id, footprint, floors, height_m)
                values (:id, ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), 3, 12)""")
                .param("id", parent).param("x0", x + 85).param("y0", y + 50).param("x1", x + 95).param("y1", y + 70).update();
        int zoneCount = parcelCountOfZone();
        int[] tile = map.tileOf(x + 50, y + 100, 16);
        assertThat(map.tileCodes(16, tile)).as("the parent drawn, and its tile cached").contains("LA-1");

        Api.Response split = api.post("/api/parcels/" + ZONE + "/LA-1/split", """
                {"version":%d,"line":%s,"effectiveDate":"2025-05-20","reason":"两宗分别出让"}"""
                .formatted(version("LA-1"), map.lonLat(SurveyShapes.line(x + 80, y - 20, x + 80, y + 220))));
        assertThat(split.status()).as(split.body()).isEqualTo(201);
        JsonNode children = split.json().path("children");
        assertThat(children.size()).isEqualTo(2);
        assertThat(children.get(0).path("code").asString()).as("largest first").isEqualTo("LA-1-1");
        assertThat(children.get(0).path("area").path("m2").asDouble()).isCloseTo(16000.0, within(0.01));
        assertThat(children.get(1).path("code").asString()).isEqualTo("LA-1-2");
        assertThat(children.get(1).path("area").path("m2").asDouble()).isCloseTo(4000.0, within(0.01));

        JsonNode west = api.json("/api/parcels/" + ZONE + "/LA-1-1").path("properties");
        JsonNode east = api.json("/api/parcels/" + ZONE + "/LA-1-2").path("properties");
        assertThat(west.path("area").path("mu").asDouble()).isEqualTo(24.0);
        assertThat(east.path("area").path("mu").asDouble()).isEqualTo(6.0);
        assertThat(west.path("area").path("m2").asDouble() + east.path("area").path("m2").asDouble())
                .as("the children make up the parent").isCloseTo(area("LA-1"), within(0.01));
        assertThat(area("LA-1")).isEqualTo(20000.0);
        for (JsonNode child : List.of(west, east)) {
            assertThat(child.path("state").path("code").asString()).isEqualTo("in_use");
            assertThat(child.path("landUse").path("code").asString()).isEqualTo("100102");
            assertThat(child.path("block").path("code").asString()).isEqualTo("la");
            assertThat(child.path("enterprise").path("name").asString()).isEqualTo("分宗测试有限公司");
            assertThat(child.path("farMax").decimalValue()).isEqualByComparingTo("2.5");
            assertThat(child.path("version").asInt()).isZero();
        }
        assertThat(west.path("buildings").path("count").asInt()).isZero();
        assertThat(east.path("buildings").path("count").asInt()).as("the building stands in the east part").isEqualTo(1);
        assertThat(api.json("/api/parcels/" + ZONE + "/LA-1-2/readiness").path("facts").toString())
                .as("readiness facts copied").contains("\"fact\":\"water\"", "\"doneOn\":\"2024-01-01\"");

        // lineage rows, both ways
        assertThat(jdbc.sql("""
                select string_agg(c.code || ' ' || l.operation || ' ' || l.effective_date || ' ' || l.actor, '; ' order by c.code)
                from parcel_lineage l join parcel_all c on c.id = l.child_id where l.parent_id = :id""")
                .param("id", parent).query(String.class).single())
                .as("by the signed-in planner")
                .isEqualTo("LA-1-1 split 2025-05-20 " + TestUsers.PLANNER + "; LA-1-2 split 2025-05-20 " + TestUsers.PLANNER);
        JsonNode ofParent = api.json("/api/parcels/" + ZONE + "/LA-1/lineage");
        assertThat(ofParent.path("current").asBoolean()).isFalse();
        assertThat(ofParent.path("retiredOn").asString()).isEqualTo("2025-05-20");
        assertThat(codes(ofParent.path("children"))).containsExactly("LA-1-1", "LA-1-2");
        JsonNode ofChild = api.json("/api/parcels/" + ZONE + "/LA-1-2/lineage");
        assertThat(codes(ofChild.path("parents"))).containsExactly("LA-1");
        assertThat(ofChild.path("parents").get(0).path("operation").asString()).isEqualTo("split");
        assertThat(ofChild.path("children").size()).isZero();
        assertThat(ofChild.path("parents").get(0).path("reason").asString()).isEqualTo("两宗分别出让");
        JsonNode seenByEnterprise = api.as(TestUsers.ENTERPRISE).json("/api/parcels/" + ZONE + "/LA-1-2/lineage");
        assertThat(codes(seenByEnterprise.path("parents"))).containsExactly("LA-1");
        assertThat(seenByEnterprise.path("parents").get(0).has("actor")).as("who and why are the planners' record")
                .isFalse();
        assertThat(api.anonymous().get("/api/parcels/" + ZONE + "/LA-1-2/lineage").status()).isEqualTo(401);
        assertThat(api.anonymous().get("/api/parcels/" + ZONE + "/LA-1").status()).as("visitors are told nothing")
                .isEqualTo(404);
        assertThat(api.as(TestUsers.AUDITOR).post("/api/parcels/" + ZONE + "/LA-1-1/split", "{}").status()).isEqualTo(403);

        // the children's ledgers start in the parent's state; the parent's ledger stays readable and closed
        JsonNode childLedger = api.json("/api/parcels/" + ZONE + "/LA-1-1/history");
        assertThat(childLedger.path("events").size()).isEqualTo(1);
        assertThat(childLedger.path("events").get(0).path("fromState").isNull()).isTrue();
        assertThat(childLedger.path("events").get(0).path("toState").asString()).isEqualTo("in_use");
        assertThat(childLedger.path("events").get(0).path("reason").asString()).contains("split from LA-1", "两宗分别出让");
        JsonNode parentLedger = api.json("/api/parcels/" + ZONE + "/LA-1/history");
        assertThat(parentLedger.path("events").size()).isEqualTo(1);
        assertThat(parentLedger.path("allowedNextStates").size()).isZero();

        // gone from everything that shows current land
        Api.Response gone = api.get("/api/parcels/" + ZONE + "/LA-1");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().path("detail").asString()).contains("split", "LA-1-1", "LA-1-2");
        for (String read : List.of("/readiness", "/standard-land", "/scene", "/interests")) {
            Api.Response goneToo = api.get("/api/parcels/" + ZONE + "/LA-1" + read);
            assertThat(goneToo.status()).as(read).isEqualTo(410);
            assertThat(goneToo.json().path("detail").asString()).as(read).contains("LA-1-1", "LA-1-2");
        }
        assertThat(map.codesInBox(ZONE, x - 10, y - 10, x + 110, y + 210)).containsExactly("LA-1-1", "LA-1-2");
        assertThat(map.tileCodes(16, tile)).as("the cached tile was dropped").contains("LA-1-1", "LA-1-2")
                .doesNotContain("LA-1");
        assertThat(parcelCountOfZone()).isEqualTo(zoneCount + 1);
        assertThat(api.json("/ogc/collections/parcels/items?code=LA-1").path("numberMatched").asInt()).isZero();
        assertThat(api.json("/ogc/collections/parcels/items?code=LA-1-1").path("numberMatched").asInt()).isEqualTo(1);

        // and nothing changes it any more: 409 naming its children
        for (Api.Response refused : List.of(
                api.post("/api/parcels/" + ZONE + "/LA-1/transitions",
                        "{\"to\":\"low_efficiency\",\"effectiveDate\":\"2025-06-01\",\"reason\":\"r\"}"),
                api.put("/api/parcels/" + ZONE + "/LA-1", "{\"version\":1,\"farMax\":3}"),
                api.put("/api/parcels/" + ZONE + "/LA-1/readiness", "{\"facts\":[]}"),
                api.post("/api/parcels/" + ZONE + "/LA-1/split", "{\"version\":1,\"line\":"
                        + map.lonLat(SurveyShapes.line(x + 50, y - 20, x + 50, y + 220)) + "}"),
                api.post("/api/parcels/merge", "{\"zone\":\"" + ZONE + "\",\"code\":\"LA-X\",\"parcels\":"
                        + "[{\"code\":\"LA-1\",\"version\":1},{\"code\":\"LA-1-1\",\"version\":0}]}"))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().path("detail").asString()).contains("LA-1-1", "LA-1-2");
        }
        assertThat(jdbc.sql("select count(*) from audit_log where table_name = 'parcel_lineage' and parcel = :p")
                .param("p", ZONE + "/LA-1").query(Integer.class).single()).as("the trail records the lineage").isEqualTo(2);
        Api.Response reused = api.upload("/api/imports", Map.of("zone", ZONE, "dryRun", "true"), "reuse.geojson",
                SurveyGeoJson.collection(SurveyGeoJson.feature("LA-1", "100102", "",
                        SurveyGeoJson.rectangle(x + 400, y, x + 450, y + 50))).getBytes(StandardCharsets.UTF_8));
        assertThat(reused.status()).as("an import may not reuse a retired parcel's code").isEqualTo(422);
        assertThat(reused.body()).contains("codes are not reused");
    }

    @Test
    void theTallyIsTheSameBeforeAndAfterSplitsAndMergesAndAChildFreedAgainCountsOnce() {
        double x = X0 + 1100;
        double y = Y0 + 100;
        long lb1 = fixtures.parcel(ZONE, "lb", "LB-1", x, y, x + 100, y + 200, "100102", null);
        long lb2 = fixtures.parcel(ZONE, "lb", "LB-2", x + 200, y, x + 300, y + 100, "100102", null);
        long lb3 = fixtures.parcel(ZONE, "lb", "LB-3", x + 300, y, x + 400, y + 100, "100102", null);
        long lb9 = fixtures.parcel(ZONE, "lb", "LB-9", x, y + 400, x + 100, y + 500, "100102", null);
        fixtures.walk(lb1, "2025-02-01", "vacating");
        fixtures.walk(lb1, "2025-03-10", "vacated");
        fixtures.walk(lb2, "2025-04-01", "vacating", "vacated");
        fixtures.walk(lb3, "2025-04-01", "vacating", "vacated");
        fixtures.walk(lb9, "2021-06-01", "vacating", "vacated", "stored", "prepared", "supplied");
        jdbc.sql("update parcel set construction_due = '2023-01-01' where id = :id").param("id", lb9).update();

        String period = "/api/renewal/tally?zone=" + ZONE + "&from=2025-01-01&to=2025-12-31&groupBy=month";
        String beforeTheSplit = period + "&asOf=2025-06-30";
        String events = "/api/renewal/events?zone=" + ZONE + "&block=lb&from=2025-01-01&to=2025-12-31";
        String freed = "/api/renewal/freed?zone=" + ZONE + "&block=lb&from=2025-01-01&to=2025-12-31";
        JsonNode now = api.json(period);
        String then = api.get(beforeTheSplit).body();
        String eventsBefore = api.get(events).body();
        String freedBefore = api.get(freed).body();
        assertThat(block(now, "lb").path("area").path("m2").asDouble()).as("LB-1, LB-2 and LB-3").isEqualTo(40000.0);
        assertThat(now.path("idle").path("area").path("m2").asDouble()).isGreaterThanOrEqualTo(10000.0);

        String line = map.lonLat(SurveyShapes.line(x + 50, y - 20, x + 50, y + 220));
        assertThat(api.post("/api/parcels/" + ZONE + "/LB-1/split",
                "{\"version\":" + version("LB-1") + ",\"line\":" + line + ",\"effectiveDate\":\"2025-07-01\"}").status())
                .isEqualTo(201);
        Api.Response merged = api.post("/api/parcels/merge", """
                {"zone":"%s","code":"LB-23","effectiveDate":"2025-07-01","reason":"连片出让",
                 "parcels":[{"code":"LB-2","version":%d},{"code":"LB-3","version":%d}]}"""
                .formatted(ZONE, version("LB-2"), version("LB-3")));
        assertThat(merged.status()).as(merged.body()).isEqualTo(201);
        assertThat(merged.json().path("children").get(0).path("area").path("m2").asDouble()).isCloseTo(20000.0, within(0.01));
        assertThat(merged.json().path("children").get(0).path("state").asString()).isEqualTo("vacated");
        String idleLine = map.lonLat(SurveyShapes.line(x + 50, y + 380, x + 50, y + 520));
        assertThat(api.post("/api/parcels/" + ZONE + "/LB-9/split",
                "{\"version\":" + version("LB-9") + ",\"line\":" + idleLine + ",\"effectiveDate\":\"2025-07-01\"}").status())
                .isEqualTo(201);
        assertThat(eventsOfZone("null")).as("children start their ledgers from nothing, in their parents' state")
                .contains("LB-1-1 vacated", "LB-1-2 vacated", "LB-23 vacated", "LB-9-1 supplied", "LB-9-2 supplied");

        JsonNode after = api.json(period);
        assertThat(after.path("total")).as("the freed land of the period").isEqualTo(now.path("total"));
        assertThat(after.path("blocks")).isEqualTo(now.path("blocks"));
        assertThat(after.path("series")).isEqualTo(now.path("series"));
        assertThat(api.get(beforeTheSplit).body()).as("a report as of a date before the split, idle land too")
                .isEqualTo(then);
        assertThat(api.get(events).body()).isEqualTo(eventsBefore);
        assertThat(api.get(freed).body()).isEqualTo(freedBefore);
        assertThat(after.path("idle").path("area").path("m2").asDouble()).as("idle land now: LB-9's children")
                .isCloseTo(now.path("idle").path("area").path("m2").asDouble(), within(0.01));
        List<String> idle = new ArrayList<>();
        after.path("idle").path("parcels").forEach(p -> idle.add(p.path("code").asString()));
        assertThat(idle).contains("LB-9-1", "LB-9-2").doesNotContain("LB-9");

        // LB-1-1 goes round the life cycle and is vacated again in the same period: its land was freed already.
        String child = "/api/parcels/" + ZONE + "/LB-1-1/transitions";
        for (String to : List.of("stored", "prepared", "supplied", "under_construction", "completed", "in_production",
                "vacating", "vacated")) {
            Api.Response moved = api.post(child, "{\"to\":\"" + to + "\",\"effectiveDate\":\"2025-08-01\",\"reason\":\"循环\"}");
            assertThat(moved.status()).as(to + ": " + moved.body()).isEqualTo(201);
        }
        JsonNode later = api.json(period);
        assertThat(block(later, "lb").path("area").path("m2").asDouble()).as("LB-1-1 lies in LB-1, freed before")
                .isEqualTo(40000.0);
        assertThat(later.path("total").path("freed").path("area"))
                .isEqualTo(now.path("total").path("freed").path("area"));
        assertThat(api.get(beforeTheSplit).body()).isEqualTo(then);
    }

    @Test
    void aSplitOnAStaleVersionOrWithABadLineOrCodesWritesNothing() {
        double x = X0 + 2100;
        double y = Y0 + 100;
        fixtures.parcel(ZONE, "lc", "LC-1", x, y, x + 100, y + 200, "100102", null);
        fixtures.parcel(ZONE, "lc", "LC-2", x + 200, y, x + 300, y + 200, "100102", null);
        String path = "/api/parcels/" + ZONE + "/LC-1/split";
        String across = map.lonLat(SurveyShapes.line(x + 50, y - 20, x + 50, y + 220));
        Map<String, Long> before = rows();

        Api.Response stale = api.post(path, "{\"version\":3,\"line\":" + across + "}");
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().path("currentVersion").asInt()).isZero();
        assertThat(stale.json().path("detail").asString()).contains("reload");

        assertBad(path, "{\"version\":0,\"line\":" + map.lonLat(SurveyShapes.line(x + 50, y + 50, x + 50, y + 150)) + "}",
                "does not cut");
        assertBad(path, "{\"version\":0,\"line\":" + map.lonLat(SurveyShapes.line(x + 150, y - 20, x + 150, y + 220)) + "}",
                "does not cut");
        assertBad(path, "{\"version\":0,\"line\":" + map.lonLat("POINT(" + (x + 50) + " " + y + ")") + "}", "LineString");
        assertBad(path, "{\"version\":0,\"line\":{\"type\":\"LineString\",\"coordinates\":\"x\"}}", "line");
        assertBad(path, "{\"version\":0}", "line");
        assertBad(path, "{\"line\":" + across + "}", "version");
        assertBad(path, "{\"version\":0,\"line\":" + across + ",\"codes\":[\"LC-A\",\"LC-A\"]}", "differ");
        assertBad(path, "{\"version\":0,\"line\":" + across + ",\"codes\":[\"LC-A\"]}", "2 codes");
        assertBad(path, "{\"version\":0,\"line\":" + across + ",\"codes\":[\"LC A\",\"LC-B\"]}", "LC A");
        assertBad(path, "{\"version\":0,\"line\":" + across + ",\"effectiveDate\":\"2999-01-01\"}", "future");
        Api.Response taken = api.post(path, "{\"version\":0,\"line\":" + across + ",\"codes\":[\"LC-A\",\"LC-2\"]}");
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.json().path("detail").asString()).contains("LC-2");
        Api.Response early = api.post(path, "{\"version\":0,\"line\":" + across + ",\"effectiveDate\":\"2009-12-31\"}");
        assertThat(early.status()).as("before the parcel's first event").isEqualTo(409);
        assertThat(api.post("/api/parcels/" + ZONE + "/NO-SUCH/split", "{\"version\":0,\"line\":" + across + "}").status())
                .isEqualTo(404);
        assertThat(rows()).as("nothing written").isEqualTo(before);

        assertThat(api.post(path, "{\"version\":0,\"line\":" + across + ",\"codes\":[\"LC-1W\",\"LC-1E\"]}").status())
                .isEqualTo(201);
        assertThat(api.json("/api/parcels/" + ZONE + "/LC-1W").path("properties").path("area").path("m2").asDouble())
                .isCloseTo(10000.0, within(0.01));
    }

    @Test
    void mergesOfParcelsApartOrInDifferentStatesOrStaleAreRefusedAndWriteNothing() {
        double x = X0 + 2100;
        double y = Y0 + 500;
        fixtures.parcel(ZONE, "lc", "LD-1", x, y, x + 100, y + 100, "100102", null);
        fixtures.parcel(ZONE, "lc", "LD-2", x + 200, y, x + 300, y + 100, "100102", null);
        fixtures.parcel(ZONE, "lc", "LD-3", x, y + 200, x + 100, y + 300, "100102", null);
        long ld4 = fixtures.parcel(ZONE, "lc", "LD-4", x + 100, y + 200, x + 200, y + 300, "100102", null);
        fixtures.walk(ld4, "2025-01-10", "vacating");
        fixtures.parcel(ZONE, "lc", "LD-5", x, y + 400, x + 100, y + 500, "100102", null);
        fixtures.parcel(ZONE, "lc", "LD-6", x + 100, y + 400, x + 200, y + 500, "100102", null);
        int a = fixtures.enterprise("合宗甲公司");
        int b = fixtures.enterprise("合宗乙公司");
        fixtures.parcel(ZONE, "lc", "LD-H1", x + 400, y, x + 500, y + 100, "100102", a);
        fixtures.parcel(ZONE, "lc", "LD-H2", x + 500, y, x + 600, y + 100, "100102", b);
        Map<String, Long> before = rows();

        Api.Response apart = merge("LD-12", "LD-1", 0, "LD-2", 0);
        assertThat(apart.status()).as(apart.body()).isEqualTo(400);
        assertThat(apart.json().path("detail").asString()).contains("0.5 m", "[LD-1]", "[LD-2]");
        Api.Response states = merge("LD-34", "LD-3", 0, "LD-4", version("LD-4"));
        assertThat(states.status()).as(states.body()).isEqualTo(409);
        assertThat(states.json().path("detail").asString()).contains("LD-3 is in_use", "LD-4 is vacating");
        Api.Response stale = merge("LD-56", "LD-5", 0, "LD-6", 7);
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().path("currentVersions").path("LD-6").asInt()).isZero();
        Api.Response holders = merge("LD-H", "LD-H1", 0, "LD-H2", 0);
        assertThat(holders.status()).as(holders.body()).isEqualTo(409);
        assertThat(holders.json().path("detail").asString()).contains("合宗甲公司", "合宗乙公司");
        assertThat(api.post("/api/parcels/merge", "{\"zone\":\"" + ZONE + "\",\"code\":\"X\",\"parcels\":[{\"code\":\"LD-1\","
                + "\"version\":0}]}").status()).as("one parcel").isEqualTo(400);
        assertThat(merge("LD-5", "LD-5", 0, "LD-6", 0).status()).as("the new code is taken").isEqualTo(409);
        assertThat(merge("LD-56", "LD-5", 0, "NO-SUCH", 0).status()).isEqualTo(404);
        assertThat(rows()).as("nothing written").isEqualTo(before);

        Api.Response ok = merge("LD-56", "LD-5", 0, "LD-6", 0);
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(api.json("/api/parcels/" + ZONE + "/LD-56/lineage").path("parents").size()).isEqualTo(2);
    }

    @Test
    void aMergeClosesAGapNarrowerThanHalfAMetre() {
        double x = X0 + 2600;
        double y = Y0 + 1000;
        fixtures.parcel(ZONE, "lc", "LD-7", x, y, x + 100, y + 200, "100102", null);
        fixtures.parcel(ZONE, "lc", "LD-8", x + 100.2, y, x + 200.2, y + 200, "100102", null);
        Api.Response merged = merge("LD-78", "LD-7", 0, "LD-8", 0);
        assertThat(merged.status()).as(merged.body()).isEqualTo(201);
        JsonNode child = api.json("/api/parcels/" + ZONE + "/LD-78");
        assertThat(child.path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
        assertThat(child.path("geometry").path("coordinates").size()).as("one polygon").isEqualTo(1);
        assertThat(child.path("properties").path("area").path("m2").asDouble())
                .as("200 x 200 m and the 0.2 m gap between them").isCloseTo(40040.0, within(0.01));
        assertThat(api.json("/api/parcels/" + ZONE + "/LD-78/history").path("events").get(0).path("reason").asString())
                .contains("merged from LD-7, LD-8");
    }

    @Test
    void landAnApprovedSupplyPlanHoldsIsNotSplitAndADraftOverASplitParcelIsNotApproved() {
        SupplyFixtures land = new SupplyFixtures(jdbc);
        double x = X0 + 2100;
        double y = Y0 + 2000;
        long drafted = land.parcel(ZONE, "lc", "LS-1", x, y, x + 100, y + 100, "stored");
        long approved = land.parcel(ZONE, "lc", "LS-2", x + 300, y, x + 400, y + 100, "stored");
        land.ready(drafted, "2024-06-01");
        land.ready(approved, "2024-06-01");
        long draft = plan("LS-1");
        long held = plan("LS-2");
        assertThat(api.post("/api/supply/plans/" + held + "/approve", "{}").status()).isEqualTo(200);
        String heldCode = api.json("/api/supply/plans/" + held).path("code").asString();

        String line = map.lonLat(SurveyShapes.line(x + 350, y - 20, x + 350, y + 120));
        Api.Response promised = api.post("/api/parcels/" + ZONE + "/LS-2/split", "{\"version\":" + version("LS-2")
                + ",\"line\":" + line + "}");
        assertThat(promised.status()).as(promised.body()).isEqualTo(409);
        assertThat(promised.json().path("detail").asString()).contains("LS-2 (" + heldCode + ")");

        assertThat(api.post("/api/parcels/" + ZONE + "/LS-1/split", "{\"version\":" + version("LS-1") + ",\"line\":"
                + map.lonLat(SurveyShapes.line(x + 50, y - 20, x + 50, y + 120)) + "}").status()).isEqualTo(201);
        Api.Response approve = api.post("/api/supply/plans/" + draft + "/approve", "{}");
        assertThat(approve.status()).as(approve.body()).isEqualTo(409);
        assertThat(approve.json().path("detail").asString()).contains("LS-1 was split or merged on");
        JsonNode plan = api.json("/api/supply/plans/" + draft);
        assertThat(plan.path("site").path("parcelCount").asInt()).as("the draft still shows what it was made of").isEqualTo(1);
        assertThat(plan.path("site").path("area").path("mu").asDouble()).isEqualTo(15.0);
    }

    // ---------------------------------------------------------------- helpers

    private long plan(String parcel) {
        Api.Response created = api.post("/api/supply/plans", """
                {"zone":"%s","name":"分宗测试 %s","site":{"parcels":["%s"]},"requiredMu":10,"landUse":"M2",
                 "wantedStart":"2030-01-01","mode":"whole"}""".formatted(ZONE, parcel, parcel));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private Api.Response merge(String code, String first, int firstVersion, String second, int secondVersion) {
        return api.post("/api/parcels/merge", """
                {"zone":"%s","code":"%s","parcels":[{"code":"%s","version":%d},{"code":"%s","version":%d}]}"""
                .formatted(ZONE, code, first, firstVersion, second, secondVersion));
    }

    private void assertBad(String path, String body, String names) {
        Api.Response response = api.post(path, body);
        assertThat(response.status()).as(body + " → " + response.body()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).as(body).contains(names);
    }

    /** Rows a split or merge would write, counted. */
    private Map<String, Long> rows() {
        return Map.of(
                "parcels", count("select count(*) from parcel_all p join zone z on z.id = p.zone_id where z.code = :zone"),
                "retired", count("select count(*) from parcel_all p join zone z on z.id = p.zone_id"
                        + " where z.code = :zone and p.retired_on is not null"),
                "versions", count("select coalesce(sum(version), 0) from parcel_all p join zone z on z.id = p.zone_id"
                        + " where z.code = :zone"),
                "events", count("select count(*) from parcel_event e join zone z on z.id = e.zone_id where z.code = :zone"),
                "lineage", count("select count(*) from parcel_lineage"),
                "audit", count("select count(*) from audit_log where parcel like :zone || '/%'"));
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("zone", ZONE).query(Long.class).single();
    }

    private int version(String code) {
        return api.json("/api/parcels/" + ZONE + "/" + code).path("properties").path("version").asInt();
    }

    private double area(String code) {
        return jdbc.sql("""
                select round(ST_Area(p.geom)::numeric, 4)::float8 from parcel_all p join zone z on z.id = p.zone_id
                where z.code = :zone and p.code = :code""").param("zone", ZONE).param("code", code)
                .query(Double.class).single();
    }

    private int parcelCountOfZone() {
        for (JsonNode zone : api.json("/api/zones").path("features")) {
            if (zone.path("id").asString().equals(ZONE)) {
                return zone.path("properties").path("parcelCount").asInt();
            }
        }
        throw new AssertionError("no zone " + ZONE);
    }

    /** "code to_state" of the zone's events whose from_state is {@code from} ("null" for a first event). */
    private List<String> eventsOfZone(String from) {
        return jdbc.sql("""
                select p.code || ' ' || e.to_state from parcel_event e join parcel_all p on p.id = e.parcel_id
                join zone z on z.id = p.zone_id
                where z.code = :zone and coalesce(e.from_state, 'null') = :from order by p.code""")
                .param("zone", ZONE).param("from", from).query(String.class).list();
    }

    private static List<String> codes(JsonNode list) {
        List<String> codes = new ArrayList<>();
        list.forEach(n -> codes.add(n.path("code").asString()));
        return codes;
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
