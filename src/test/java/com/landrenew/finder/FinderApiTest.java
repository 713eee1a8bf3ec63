package com.landrenew.finder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The finder against hand-built land: rectangles in EPSG:4549 whose areas (1 mu = 10000/15 m², so
 * 100 m × 200 m is exactly 30 mu) and distances can be checked by hand. Each case has its own block
 * of the fixture zone, and every query names zone and block, so the sample never answers.
 */
@LandRenewTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinderApiTest {

    static final String ZONE = "finder-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 4, 2);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Fixtures fixtures;

    @BeforeAll
    void buildTheLand() {
        api = new Api(port);
        fixtures = new Fixtures(jdbc);
        if (fixtures.zoneExists(ZONE)) {
            return;
        }
        fixtures.zone(ZONE, X0, Y0, X0 + 4000, Y0 + 2000);
        // area: exactly 30 and 45 mu, and just outside both bounds
        fixtures.block(ZONE, "area", X0, Y0, X0 + 1000, Y0 + 500);
        stored("area", "A-30", X0, Y0, X0 + 100, Y0 + 200);      // 20,000 m² = 30 mu
        stored("area", "B-45", X0 + 200, Y0, X0 + 350, Y0 + 200);      // 30,000 m² = 45 mu
        stored("area", "C-29.85", X0 + 450, Y0, X0 + 550, Y0 + 199);   // 19,900 m² = 29.85 mu
        stored("area", "D-45.225", X0 + 650, Y0, X0 + 800, Y0 + 201);  // 30,150 m² = 45.225 mu
        // combined sites: two touching 15-mu parcels, and two across a 20 m road
        fixtures.block(ZONE, "pair", X0 + 1000, Y0, X0 + 2000, Y0 + 500);
        stored("pair", "E", X0 + 1000, Y0, X0 + 1100, Y0 + 100);
        stored("pair", "F", X0 + 1100, Y0, X0 + 1200, Y0 + 100);
        stored("pair", "G", X0 + 1400, Y0, X0 + 1500, Y0 + 100);
        stored("pair", "H", X0 + 1520, Y0, X0 + 1620, Y0 + 100);
        // standard land: S1 has the zone's conditions, S2 none
        fixtures.block(ZONE, "needs", X0 + 2000, Y0, X0 + 3000, Y0 + 500);
        long s1 = stored("needs", "S1", X0 + 2000, Y0, X0 + 2100, Y0 + 100);
        stored("needs", "S2", X0 + 2300, Y0, X0 + 2400, Y0 + 100);
        jdbc.sql("update parcel set far_min = 1.0, far_max = 2.0 where id = :id").param("id", s1).update();
        jdbc.sql("""
                insert into standard_land (parcel_id, investment_min_wan_mu, tax_min_wan_mu, energy_max_tce_wan,
                                           emission_standard)
                values (:id, 400, 30, 0.10, 'special')""").param("id", s1).update();
        // readiness: R1 ready since 2025-01-10, R2 expected on 2027-06-01, R3 without facts
        fixtures.block(ZONE, "ready", X0 + 3000, Y0, X0 + 4000, Y0 + 500);
        long r1 = stored("ready", "R1", X0 + 3000, Y0, X0 + 3100, Y0 + 100);
        long r2 = stored("ready", "R2", X0 + 3300, Y0, X0 + 3400, Y0 + 100);
        stored("ready", "R3", X0 + 3600, Y0, X0 + 3700, Y0 + 100);
        fact(r1, "stored", "2024-03-01", null);
        fact(r1, "power", "2025-01-10", null);
        fact(r2, "stored", "2024-03-01", null);
        fact(r2, "road", null, "2027-06-01");
        // availability and use: U4 is in use; U5 vacated but in an approved plan's planned batch; U7 in a
        // draft plan; U8 in an approved plan whose batch is already supplied
        fixtures.block(ZONE, "use", X0, Y0 + 1000, X0 + 2000, Y0 + 1500);
        parcel("use", "U1", 0, "100101", "stored");
        parcel("use", "U2", 1, "100102", "prepared");
        parcel("use", "U3", 2, "110101", "stored");
        parcel("use", "U4", 3, "100102", null);
        long u5 = parcel("use", "U5", 4, "100102", "vacated");
        long u7 = parcel("use", "U7", 5, "100102", "vacated");
        long u8 = parcel("use", "U8", 6, "100102", "vacated");
        plan("approved", "planned", "2027-03-01", u5);
        plan("draft", "planned", "2027-03-01", u7);
        plan("approved", "supplied", "2026-03-01", u8);
    }

    @Test
    void areaBoundsAreInclusiveInMu() {
        JsonNode found = find("block=area&minMu=30&maxMu=45&combine=false");
        assertThat(codes(found)).containsExactlyInAnyOrder("A-30", "B-45");
        assertThat(feature(found, "A-30").path("properties").path("area").path("mu").asDouble()).isEqualTo(30.0);
        assertThat(feature(found, "B-45").path("properties").path("area").path("m2").asDouble()).isEqualTo(30000.0);
        assertThat(codes(find("block=area&minMu=29.85&combine=false"))).containsExactlyInAnyOrder(
                "A-30", "B-45", "C-29.85", "D-45.225");
        assertThat(codes(find("block=area&maxMu=29.85"))).containsExactly("C-29.85");
        assertThat(codes(find("block=area&minMu=45.225&maxMu=45.225&combine=false"))).containsExactly("D-45.225");
        // the middle of 30..45 is 37.5: 30 and 45 miss it by a fifth each, so the codes break the tie
        JsonNode ranked = find("block=area&minMu=30&maxMu=45&combine=false");
        assertThat(ranked.path("features").get(0).path("properties").path("ranking").path("areaFit").asDouble())
                .isEqualTo(0.2);
        assertThat(codes(ranked)).containsExactly("A-30", "B-45");
    }

    @Test
    void distanceIsMeasuredInTheSurveyCrsToTheMetre() {
        // 1,000 m due west of A's west edge (x = X0), level with its middle
        String near = lonLat(X0 - 1000, Y0 + 100);
        JsonNode all = find("block=area&near=" + near);
        assertThat(feature(all, "A-30").path("properties").path("distanceM").asDouble()).isCloseTo(1000.0, within(0.01));
        assertThat(feature(all, "B-45").path("properties").path("distanceM").asDouble()).isCloseTo(1200.0, within(0.01));
        assertThat(codes(find("block=area&near=" + near + "&maxDistance=1001"))).containsExactly("A-30");
        assertThat(codes(find("block=area&near=" + near + "&maxDistance=999"))).isEmpty();
        assertThat(codes(find("block=area&near=" + near + "&maxDistance=1200.01"))).containsExactly("A-30", "B-45");
        // nearer ranks first when nothing else differs
        assertThat(codes(all)).containsExactly("A-30", "B-45", "C-29.85", "D-45.225");
    }

    @Test
    void twoTouchingParcelsAreOfferedAsOneCombinedSite() {
        JsonNode found = find("block=pair&minMu=25&maxMu=35");
        assertThat(found.path("features").size()).isEqualTo(1);
        JsonNode site = found.path("features").get(0);
        assertThat(site.path("properties").path("kind").asString()).isEqualTo("site");
        assertThat(site.path("properties").path("area").path("mu").asDouble()).isEqualTo(30.0);
        assertThat(site.path("properties").path("area").path("m2").asDouble()).isEqualTo(20000.0);
        List<String> parcels = new ArrayList<>();
        site.path("properties").path("parcels").forEach(p -> parcels.add(p.path("code").asString()));
        assertThat(parcels).containsExactly("E", "F");
        assertThat(site.path("properties").path("outline").path("type").asString()).isEqualTo("Polygon");
        // across a 20 m road only when roads that wide may be crossed
        List<String> wide = new ArrayList<>();
        find("block=pair&minMu=25&maxMu=35&maxRoad=25").path("features").forEach(f -> {
            List<String> members = new ArrayList<>();
            f.path("properties").path("parcels").forEach(p -> members.add(p.path("code").asString()));
            wide.add(String.join("+", members));
        });
        assertThat(wide).containsExactlyInAnyOrder("E+F", "G+H");
        // no site when the need is met by one parcel's size, or when two are too much
        assertThat(find("block=pair&minMu=25&maxMu=29").path("features").size()).isZero();
        assertThat(find("block=pair&minMu=10&maxMu=15&combine=false").path("features").size()).isEqualTo(4);
    }

    @Test
    void standardLandNeedsExcludeParcelsWhoseConditionsTheEnterpriseCannotMeet() {
        assertThat(codes(find("block=needs"))).containsExactlyInAnyOrder("S1", "S2");
        assertThat(codes(find("block=needs&investment=350"))).containsExactly("S2");
        assertThat(codes(find("block=needs&investment=400"))).containsExactlyInAnyOrder("S1", "S2");
        assertThat(codes(find("block=needs&tax=29.9"))).containsExactly("S2");
        assertThat(codes(find("block=needs&energy=0.2"))).containsExactly("S2");
        assertThat(codes(find("block=needs&energy=0.1"))).containsExactlyInAnyOrder("S1", "S2");
        assertThat(codes(find("block=needs&emission=national"))).containsExactly("S2");
        assertThat(codes(find("block=needs&emission=ultra_low"))).containsExactlyInAnyOrder("S1", "S2");
        assertThat(codes(find("block=needs&far=2.5"))).containsExactly("S2");
        assertThat(codes(find("block=needs&far=1.0&investment=500&tax=30&energy=0.05&emission=special")))
                .containsExactlyInAnyOrder("S1", "S2");
        JsonNode s1 = feature(find("block=needs"), "S1").path("properties").path("standardLand");
        assertThat(s1.path("investmentMinWanPerMu").asDouble()).isEqualTo(400.0);
        assertThat(s1.path("emissionStandard").asString()).isEqualTo("special");
    }

    @Test
    void readyByKeepsLandReadyOnTheDayAndRanksReadinessFirst() {
        assertThat(codes(find("block=ready&readyBy=2026-01-01"))).containsExactly("R1");
        assertThat(codes(find("block=ready&readyBy=2027-06-01"))).containsExactly("R1", "R2");
        assertThat(codes(find("block=ready&readyBy=2025-01-09"))).isEmpty();
        JsonNode all = find("block=ready");
        // ready now, ready later, readiness unknown (counted as a year's wait)
        assertThat(codes(all)).containsExactly("R1", "R2", "R3");
        assertThat(feature(all, "R1").path("properties").path("readyDate").asString()).isEqualTo("2025-01-10");
        assertThat(feature(all, "R2").path("properties").path("readyDate").asString()).isEqualTo("2027-06-01");
        assertThat(feature(all, "R3").path("properties").path("readyDate").isNull()).isTrue();
        assertThat(feature(all, "R3").path("properties").path("ranking").path("waitDays").asLong()).isEqualTo(365);
    }

    @Test
    void availableLandAndTheLandUseHierarchy() {
        assertThat(codes(find("block=use"))).containsExactlyInAnyOrder("U1", "U2", "U3", "U5");
        assertThat(codes(find("block=use&use=1001"))).containsExactlyInAnyOrder("U1", "U2", "U5");
        assertThat(codes(find("block=use&use=100102"))).containsExactlyInAnyOrder("U2", "U5");
        assertThat(codes(find("block=use&use=M2"))).containsExactlyInAnyOrder("U2", "U5");
        assertThat(codes(find("block=use&use=11"))).containsExactly("U3");
        JsonNode u5 = feature(find("block=use&use=100102"), "U5").path("properties").path("parcels").get(0);
        assertThat(u5.path("plannedSupply").asString()).isEqualTo("2027-03-01");
        assertThat(u5.path("supplyPlan").asString()).startsWith("GD");
    }

    @Test
    void badFiltersAre400NamingTheField() {
        assertDetail("minMu=abc", "minMu");
        assertDetail("minMu=-1", "minMu");
        assertDetail("minMu=50&maxMu=40", "minMu");
        assertDetail("maxMu=NaN", "maxMu");
        assertDetail("use=9999", "use");
        assertDetail("zone=no-such-zone", "zone");
        assertDetail("zone=" + ZONE + "&block=nowhere", "block");
        assertDetail("readyBy=2026-13-01", "参数 readyBy 应为日期（yyyy-mm-dd），收到 '2026-13-01'。readyBy must be a date");
        assertDetail("near=120.1", "参数 near 应为 经度,纬度（两个数），收到 '120.1'。near must be lon,lat (two numbers)");
        assertDetail("near=10,10", "参数 near 应为经度 75..165");
        assertDetail("near=10,10", "near must be a longitude 75..165");
        assertDetail("maxDistance=500", "maxDistance");
        assertDetail("emission=dirty", "emission");
        assertDetail("far=high", "far");
        assertDetail("maxRoad=100", "maxRoad");
        assertDetail("limit=0", "limit");
        assertDetail("combine=maybe", "参数 combine 应为 true 或 false，收到 'maybe'。combine must be true or false");
        assertDetail("minmu=50", "minmu");
        assertDetail("minMu=1&minMu=2", "minMu");
        assertThat(api.get("/api/finder?zone=" + ZONE + "&block=use").status()).isEqualTo(200);
    }

    @Test
    void theSampleLoadsItsStandardLandPlacesAndEmissionStandards() throws IOException {
        int inFile = JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("gis-data", "sample", "standard-land.json"))).size();
        assertThat(jdbc.sql("""
                select count(*) from standard_land s join parcel p on p.id = s.parcel_id join zone z on z.id = p.zone_id
                where z.code in ('anji', 'xiaoshan')""").query(Integer.class).single()).isEqualTo(inFile);
        JsonNode places = api.json("/api/places?zone=anji");
        List<String> names = new ArrayList<>();
        places.path("features").forEach(f -> names.add(f.path("properties").path("name").asString()));
        assertThat(names).contains("安吉港", "杭长高速安吉出口");
        assertThat(places.path("features").get(0).path("geometry").path("type").asString()).isEqualTo("Point");
        assertThat(api.get("/api/places?zone=nowhere").status()).isEqualTo(400);
        List<String> standards = new ArrayList<>();
        api.json("/api/emission-standards").forEach(s -> standards.add(s.path("code").asString()));
        assertThat(standards).containsExactly("ultra_low", "special", "national");
    }

    // ---------------------------------------------------------------- helpers

    private long stored(String block, String code, double x0, double y0, double x1, double y1) {
        long id = fixtures.parcel(ZONE, block, code, x0, y0, x1, y1, "100102", null);
        fixtures.walk(id, "2024-03-01", "vacating", "vacated", "stored");
        return id;
    }

    /** A 100 m square in the use block, walked to {@code state} (null: stays in use). */
    private long parcel(String block, String code, int slot, String use, String state) {
        double x = X0 + slot * 150;
        long id = fixtures.parcel(ZONE, block, code, x, Y0 + 1000, x + 100, Y0 + 1100, use, null);
        List<String> walk = new ArrayList<>();
        if (state != null) {
            for (String s : List.of("vacating", "vacated", "stored", "prepared")) {
                walk.add(s);
                if (s.equals(state)) {
                    break;
                }
            }
            fixtures.walk(id, "2024-03-01", walk.toArray(String[]::new));
        }
        return id;
    }

    private void fact(long parcel, String fact, String done, String expected) {
        jdbc.sql("""
                insert into parcel_readiness (parcel_id, fact, required, done_on, expected_on)
                values (:parcel, :fact, true, cast(:done as date), cast(:expected as date))""")
                .param("parcel", parcel).param("fact", fact).param("done", done).param("expected", expected).update();
    }

    /** A one-batch supply plan holding the parcel. */
    private void plan(String planState, String batchState, String supplyDate, long parcel) {
        long plan = jdbc.sql("""
                insert into supply_plan (zone_id, name, site, site_drawn, required_mu, land_use_code, wanted_start, mode,
                                         max_road_gap_m, min_batch_mu, lead_months, state, options, created_by,
                                         approved_at, approved_by)
                select z.id, 'finder test plan', p.geom, false, 15, '100102', date '2027-01-01', 'whole', 15, 0, 3,
                       :state, '{}'::jsonb, 'test', case when :state = 'draft' then null else now() end,
                       case when :state = 'draft' then null else 'test' end
                from parcel p join zone z on z.id = p.zone_id where p.id = :parcel
                returning id""")
                .param("state", planState).param("parcel", parcel).query(Long.class).single();
        long batch = jdbc.sql("""
                insert into supply_batch (plan_id, seq, supply_date, earliest_start, state, supplied_on)
                values (:plan, 1, cast(:date as date), cast(:date as date) + 90, :state,
                        case when :state = 'supplied' then cast(:date as date) end)
                returning id""")
                .param("plan", plan).param("date", supplyDate).param("state", batchState).query(Long.class).single();
        jdbc.sql("insert into supply_batch_parcel (batch_id, parcel_id) values (:batch, :parcel)")
                .param("batch", batch).param("parcel", parcel).update();
    }

    /** A point given in EPSG:4549 as WGS84 lon,lat to 1e-9 degree (a tenth of a millimetre). */
    private String lonLat(double x, double y) {
        double[] p = jdbc.sql("""
                select ST_X(g), ST_Y(g) from (select ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), 4549), 4326) as g) t""")
                .param("x", x).param("y", y).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        return String.format(Locale.ROOT, "%.9f,%.9f", p[0], p[1]);
    }

    private JsonNode find(String query) {
        return api.json("/api/finder?zone=" + ZONE + "&" + query);
    }

    private static List<String> codes(JsonNode found) {
        List<String> codes = new ArrayList<>();
        found.path("features").forEach(f -> codes.add(f.path("properties").path("code").asString()));
        return codes;
    }

    private static JsonNode feature(JsonNode found, String code) {
        for (JsonNode f : found.path("features")) {
            if (code.equals(f.path("properties").path("code").asString())) {
                return f;
            }
        }
        throw new AssertionError("no result " + code + " in " + found);
    }

    private void assertDetail(String query, String named) {
        Api.Response response = api.get("/api/finder?" + query);
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).as(query).contains(named);
    }
}
