package com.landrenew.tiles;

import static com.landrenew.tiles.TileApiTest.decode;
import static com.landrenew.tiles.TileApiTest.properties;
import static com.landrenew.tiles.TileApiTest.tileOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyShapes;
import com.landrenew.support.TestAreas;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The parcels layer at zone scale (zoom 12) is one feature per block, and per zone and grid cell for its
 * parcels outside any block, from the parcel_stats sums the
 * V11 trigger keeps; those sums also give the zone list's counts. Fixture zone "tiles-overview", a 1 km
 * square inside one zoom-12 tile, on a test area of its own:
 * <pre>
 *   block ov-a: A-1 300 x 200 m = 60,000 m², A-2 200 x 100 m = 20,000 m², A-3 100 x 100 m = 10,000 m²
 *               (90,000 m² = 135 mu, all in use)
 *   block ov-b: B-1 200 x 200 m = 40,000 m² = 60 mu (split at x + 750, its smaller part then enlarged)
 *   no block:   N-1 100 x 100 m = 10,000 m², N-2 100 x 50 m = 5,000 m² (22.5 mu together)
 * </pre>
 */
@LandRenewTest
class ParcelOverviewTileTest {

    static final String ZONE = "tiles-overview";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 3, 3);
    /** The zone's south-west corner, set with the fixtures: the zone lies inside one tile of the overview zoom. */
    static double X0;
    static double Y0;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(jdbc);
        synchronized (ParcelOverviewTileTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                double[] origin = AREA.originInOneTile(jdbc, TileRepository.OVERVIEW_MAX_ZOOM, 0, 0, 1000, 1000);
                X0 = origin[0];
                Y0 = origin[1];
                fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
                fixtures.block(ZONE, "ov-a", X0, Y0, X0 + 600, Y0 + 1000);
                fixtures.block(ZONE, "ov-b", X0 + 600, Y0, X0 + 1000, Y0 + 1000);
                fixtures.parcel(ZONE, "ov-a", "A-1", X0 + 50, Y0 + 50, X0 + 350, Y0 + 250, "100102", null);
                fixtures.parcel(ZONE, "ov-a", "A-2", X0 + 50, Y0 + 300, X0 + 250, Y0 + 400, "100102", null);
                fixtures.parcel(ZONE, "ov-a", "A-3", X0 + 400, Y0 + 300, X0 + 500, Y0 + 400, "100102", null);
                fixtures.parcel(ZONE, "ov-b", "B-1", X0 + 700, Y0 + 50, X0 + 900, Y0 + 250, "100102", null);
                fixtures.parcel(ZONE, "no-such-block", "N-1", X0 + 700, Y0 + 700, X0 + 800, Y0 + 800, "100102", null);
                fixtures.parcel(ZONE, null, "N-2", X0 + 850, Y0 + 700, X0 + 950, Y0 + 750, "100102", null);
            }
        }
    }

    @Test
    void atZoom12EachBlockIsOneFeatureColouredByTheStateCoveringMostOfItAndAStateChangeShowsAtOnce() {
        String path = overviewTilePath();
        Api.Binary first = api.getBinary(path);
        assertThat(first.status()).isEqualTo(200);
        Map<String, Map<String, Object>> features = features(decode(first.body()).getLayer("parcels"));

        Map<String, Object> a = features.get("block ov-a");
        assertThat(a).as("block ov-a as one feature").isNotNull().containsEntry("zone", ZONE).containsEntry("state", "in_use");
        assertThat(((Number) a.get("parcels")).intValue()).isEqualTo(3);
        assertThat(((Number) a.get("area_mu")).doubleValue()).as("90,000 m²").isCloseTo(135.0, within(1e-9));
        assertThat(((Number) a.get("share")).doubleValue()).isEqualTo(1.0);
        assertThat(a.get("id")).as("a block feature has no feature id (ids are parcel ids)").isNull();
        assertThat(features.get("block ov-b")).as("block ov-b").isNotNull().containsEntry("state", "in_use");
        List<Map<String, Object>> outside = outsideBlocks(decode(first.body()).getLayer("parcels"));
        assertThat(outside).as("the zone's parcels outside any block, grouped by grid cell (N-1 and N-2 lie 50 m apart)")
                .isNotEmpty().hasSizeLessThanOrEqualTo(2)
                .allSatisfy(f -> {
                    assertThat(f).containsEntry("state", "in_use");
                    assertThat(f.get("id")).as("no feature id").isNull();
                });
        assertThat(outside.stream().mapToInt(f -> ((Number) f.get("parcels")).intValue()).sum()).isEqualTo(2);
        assertThat(outside.stream().mapToDouble(f -> ((Number) f.get("area_mu")).doubleValue()).sum())
                .as("10,000 + 5,000 m², as ST_Area in EPSG:4549 says")
                .isCloseTo(mu("select sum(ST_Area(p.geom)) from parcel p join zone z on z.id = p.zone_id "
                        + "where z.code = :zone and p.block_id is null"), within(1e-4)).isCloseTo(22.5, within(1e-9));
        assertThat(features.keySet()).as("no single parcel, in a block or not")
                .doesNotContain("parcel A-1", "parcel B-1", "parcel N-1", "parcel N-2");

        Api.Response moved = api.post("/api/parcels/" + ZONE + "/A-1/transitions",
                "{\"to\":\"low_efficiency\",\"effectiveDate\":\"2025-03-01\",\"reason\":\"亩均评价D类\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(201);

        Api.Binary after = api.getBinary(path, "If-None-Match", first.header("ETag"));
        assertThat(after.status()).as("the cached overview tile was dropped").isEqualTo(200);
        Map<String, Map<String, Object>> now = features(decode(after.body()).getLayer("parcels"));
        assertThat(now.get("block ov-a")).as("60,000 of 90,000 m² are now low-efficiency land")
                .containsEntry("state", "low_efficiency").containsEntry("share", 0.667);
        assertThat(now.get("block ov-b")).containsEntry("state", "in_use");
        assertStatsAreAFreshCount();
    }

    @Test
    void theZoneListCountsFromTheSumsAndTheSumsFollowSplitsAndEdits() {
        long before = parcelsInZone();
        Api.Response split = api.post("/api/parcels/" + ZONE + "/B-1/split", """
                {"version":%d,"line":%s,"effectiveDate":"2025-05-20","reason":"两宗分别出让"}"""
                .formatted(version("B-1"), SurveyShapes.lonLat(jdbc, SurveyShapes.line(X0 + 750, Y0 + 20, X0 + 750, Y0 + 280))));
        assertThat(split.status()).as(split.body()).isEqualTo(201);
        // the smaller part, 50 x 200 m, grows to 50 x 230 m
        Api.Response edited = api.put("/api/parcels/" + ZONE + "/B-1-2", """
                {"version":%d,"geometry":%s}""".formatted(version("B-1-2"),
                SurveyShapes.lonLat(jdbc, SurveyShapes.rectangle(X0 + 700, Y0 + 50, X0 + 750, Y0 + 280))));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);

        assertThat(parcelsInZone()).as("one parcel became two").isEqualTo(before + 1);
        JsonNode zone = null;
        for (JsonNode z : api.json("/api/zones").path("features")) {
            if (z.path("id").asString().equals(ZONE)) {
                zone = z;
            }
        }
        assertThat(zone).isNotNull();
        assertThat(zone.path("properties").path("parcelCount").asLong()).isEqualTo(parcelsInZone());
        for (JsonNode block : api.json("/api/zones/" + ZONE + "/blocks").path("features")) {
            String code = block.path("id").asString();
            double m2 = jdbc.sql("""
                    select coalesce(sum(ST_Area(p.geom)), 0) from parcel p join block b on b.id = p.block_id
                    join zone z on z.id = p.zone_id where z.code = :zone and b.code = :block""")
                    .param("zone", ZONE).param("block", code).query(Double.class).single();
            assertThat(block.path("properties").path("parcelArea").path("m2").asDouble()).as(code).isCloseTo(m2, within(0.01));
        }
        assertThat(jdbc.sql("""
                select coalesce(sum(parcels), 0) from parcel_stats s join block b on b.id = s.block_id
                where b.code = 'ov-a' and b.zone_id = (select id from zone where code = :zone)""")
                .param("zone", ZONE).query(Long.class).single()).isEqualTo(3);
        assertStatsAreAFreshCount();
    }

    /** The trigger-kept sums equal a count made now, everywhere (every other test class's changes too). */
    private void assertStatsAreAFreshCount() {
        List<String> differences = jdbc.sql("""
                with fresh as (select zone_id, block_id, state, count(*)::int as parcels, sum(ST_Area(geom)) as m2
                               from parcel group by zone_id, block_id, state),
                     kept as (select zone_id, block_id, state, parcels, area_m2 as m2 from parcel_stats where parcels <> 0)
                select concat_ws(' ', f.zone_id, k.zone_id, f.block_id, k.block_id, f.state, k.state, f.parcels, k.parcels, f.m2, k.m2)
                from fresh f full join kept k
                  on k.zone_id = f.zone_id and k.block_id is not distinct from f.block_id and k.state = f.state
                where f.parcels is distinct from k.parcels or abs(coalesce(f.m2, 0) - coalesce(k.m2, 0)) > 0.01""")
                .query(String.class).list();
        assertThat(differences).as("parcel_stats against a fresh count").isEmpty();
    }

    /** Block features as "block {code}" (outside blocks: "block null"), single parcels as "parcel {code}", to their attributes. */
    private static Map<String, Map<String, Object>> features(JtsLayer layer) {
        Map<String, Map<String, Object>> features = new HashMap<>();
        for (Geometry feature : layer.getGeometries()) {
            Map<String, Object> p = properties(feature);
            features.put(p.get("code") != null ? "parcel " + p.get("code")
                    : "block " + p.get("block"), p);
        }
        return features;
    }

    /** The features of the zone's parcels outside blocks (no code, no block). */
    private static List<Map<String, Object>> outsideBlocks(JtsLayer layer) {
        List<Map<String, Object>> outside = new java.util.ArrayList<>();
        for (Geometry feature : layer.getGeometries()) {
            Map<String, Object> p = properties(feature);
            if (p.get("code") == null && p.get("block") == null && ZONE.equals(p.get("zone"))) {
                outside.add(p);
            }
        }
        return outside;
    }

    private String overviewTilePath() {
        int[] xy = tileOf(SurveyShapes.lonLat(jdbc, X0 + 500, Y0 + 500), TileRepository.OVERVIEW_MAX_ZOOM);
        return "/tiles/parcels/" + TileRepository.OVERVIEW_MAX_ZOOM + "/" + xy[0] + "/" + xy[1] + ".mvt";
    }

    private double mu(String sumOfAreas) {
        return jdbc.sql(sumOfAreas).param("zone", ZONE).query(Double.class).single() * 15 / 10000;
    }

    private int version(String code) {
        return jdbc.sql("select p.version from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = :code")
                .param("zone", ZONE).param("code", code).query(Integer.class).single();
    }

    private long parcelsInZone() {
        return jdbc.sql("select count(*) from parcel p join zone z on z.id = p.zone_id where z.code = :zone")
                .param("zone", ZONE).query(Long.class).single();
    }
}
