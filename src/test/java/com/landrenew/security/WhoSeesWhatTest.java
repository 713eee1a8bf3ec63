package com.landrenew.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyShapes;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Field-level access: another enterprise's per-mu tax, output and energy figures never leave the
 * server, and a visitor learns nothing of land that is not available (its code, its state) through the
 * buildings standing on it. Every GET endpoint the application has (read from Spring's own mapping
 * table, so a new one is crawled too) is called as an enterprise user and as a visitor, with its path
 * filled in to point at the other enterprise's parcel; no answer may carry the figures, and no answer
 * to a visitor the hidden parcel's code or a building of it with a parcel or state, in any format
 * (JSON, GeoJSON, OGC items, vector tiles decoded). Controls: its holder and the staff do see them,
 * so the figures are there to leak.
 */
@LandRenewTest
class WhoSeesWhatTest {

    static final String ZONE = "sec-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 2, 2);
    /** Where the fixtures are laid out from, set with them: the buildings of HIDDEN and OPEN in one z17 tile. */
    static double X0;
    static double Y0;
    /**
     * Enterprise B's figures: 87,654.3 万元 tax and 54,321 万元 value added on 10 mu declared; evaluated on
     * the map's 25.5 mu (B-1, 15 mu, and the hidden parcel, 10.5 mu): 3,437.42 and 2,130.24 per mu; and the
     * note of its 一企一策 plan (staff only, as its class and the candidates are).
     */
    static final String B_PLAN_NOTE = "乙企业限期整改 B's plan";
    static final List<String> B_FIGURES = List.of("8765.43", "87654.3", "5432.1", "54321", "3437.42", "2130.24",
            B_PLAN_NOTE);
    /** A parcel in use (not available land) with a building, whose code a visitor must never meet. */
    static final String HIDDEN = "SEC-HIDDEN-7";
    /** Its building, known in every format by this height. */
    static final double HIDDEN_HEIGHT = 31.7;
    /** Stored land (available) with a building: visitors do see its code. */
    static final String OPEN = "SEC-OPEN-8";
    static final double OPEN_HEIGHT = 18.3;
    /** Vacated land with a building, stored by the test: its building tile must then name it. */
    static final String LATER = "SEC-LATER-9";

    /** The search box's query in the crawl: a tail of the code of the parcel visitors must not find. */
    static final String SEARCHED = "HIDDEN-7";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")   // the application's, not Actuator's
    RequestMappingHandlerMapping mappings;

    private Api planner;
    private long parcelB;
    private static String creditCodeB;

    @BeforeEach
    void setUp() {
        planner = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (WhoSeesWhatTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                double[] origin = AREA.originInOneTile(jdbc, 17, 430, 120, 570, 180);
                X0 = origin[0];
                Y0 = origin[1];
                fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
                int a = jdbc.sql("select id from enterprise where name = :name").param("name", TestUsers.ENTERPRISE_NAME)
                        .query(Integer.class).single();
                int b = fixtures.enterprise("乙企业 Enterprise B");
                fixtures.parcel(ZONE, null, "A-1", X0 + 100, Y0 + 100, X0 + 200, Y0 + 200, "100101", a);
                fixtures.parcel(ZONE, null, "B-1", X0 + 300, Y0 + 100, X0 + 400, Y0 + 200, "100101", b);
                evaluation(a, "123.4", "567.8");
                evaluation(b, "87654.3", "54321");
                creditCodeB = jdbc.sql("select credit_code from enterprise where id = :id").param("id", b)
                        .query(String.class).single();
                jdbc.sql("""
                        insert into enterprise_plan (enterprise_id, zone_id, evaluation_year, kind, due, note, created_by)
                        select :b, id, 2025, 'close', date '2026-12-31', :note, 'test' from zone where code = :zone""")
                        .param("zone", ZONE).param("b", b).param("note", B_PLAN_NOTE).update();
                long hidden = fixtures.parcel(ZONE, null, HIDDEN, X0 + 420, Y0 + 100, X0 + 490, Y0 + 200, "100101", b);
                fixtures.walk(hidden, "2024-03-01", "low_efficiency");
                fixtures.building(hidden, X0 + 430, Y0 + 120, X0 + 480, Y0 + 180, 9, "" + HIDDEN_HEIGHT);
                long open = fixtures.parcel(ZONE, null, OPEN, X0 + 500, Y0 + 100, X0 + 580, Y0 + 200, "100101", null);
                fixtures.walk(open, "2024-03-01", "vacating", "vacated", "stored");
                fixtures.building(open, X0 + 510, Y0 + 120, X0 + 570, Y0 + 180, 5, "" + OPEN_HEIGHT);
                long later = fixtures.parcel(ZONE, null, LATER, X0 + 600, Y0 + 600, X0 + 680, Y0 + 700, "100101", null);
                fixtures.walk(later, "2024-03-01", "vacating", "vacated");
                fixtures.building(later, X0 + 610, Y0 + 620, X0 + 670, Y0 + 680, 2, "7.5");
            }
        }
        if (jdbc.sql("select count(*) from evaluation_result where zone_code = :zone").param("zone", ZONE)
                .query(Integer.class).single() == 0) {
            // The usual scheme, saved as it is shown, then the zone's 2025 results (亩均评价).
            String usual = planner.get("/api/evaluation-schemes/" + ZONE + "/2025").body();
            assertThat(planner.put("/api/evaluation-schemes/" + ZONE + "/2025", usual).status()).isEqualTo(200);
        }
        parcelB = jdbc.sql("select p.id from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = 'B-1'")
                .param("zone", ZONE).query(Long.class).single();
    }

    private void evaluation(int enterprise, String tax, String output) {
        jdbc.sql("""
                insert into enterprise_evaluation (enterprise_id, year, land_mu, tax_wan, output_wan, energy_tce, grade)
                values (:e, 2025, 10, cast(:tax as numeric), cast(:output as numeric), 12.5, 'A')""")
                .param("e", enterprise).param("tax", tax).param("output", output).update();
    }

    @Test
    void staffAndTheHolderSeeTheFiguresOthersDoNot() {
        String b = "/api/parcels/" + ZONE + "/B-1";
        // The card shows the evaluation computed on the map's land: 87,654.3 / 25.5 mu and 123.4 / 15 mu.
        assertThat(planner.as(TestUsers.AUDITOR).json(b).path("properties").path("evaluation").path("taxWanPerMu")
                .decimalValue()).isEqualByComparingTo("3437.42");
        assertThat(planner.as(TestUsers.ENTERPRISE).json("/api/parcels/" + ZONE + "/A-1").path("properties")
                .path("evaluation").path("taxWanPerMu").decimalValue()).as("its own figures").isEqualByComparingTo("8.23");
        Api.Response other = planner.as(TestUsers.ENTERPRISE).get(b);
        assertThat(other.status()).as("other parcels' public fields").isEqualTo(200);
        assertThat(other.json().path("properties").path("evaluation").isNull()).isTrue();
        assertThat(other.json().path("properties").path("area").path("mu").asDouble()).isEqualTo(15.0);
        assertThat(planner.anonymous().get(b).status()).as("a visitor sees available land only").isEqualTo(404);
        assertThat(planner.as(TestUsers.ENTERPRISE).get(b + "/history").status())
                .as("another enterprise's ledger").isEqualTo(403);
        assertThat(planner.as(TestUsers.ENTERPRISE).get("/api/parcels/" + ZONE + "/A-1/history").status())
                .as("its own ledger").isEqualTo(200);
    }

    @Test
    void noGetEndpointGivesAnotherEnterprisesFiguresToAnEnterpriseOrAVisitor() {
        List<String> paths = everyGetPath();
        assertThat(paths).as("the crawl reaches the parcel detail, tiles, OGC items and exports")
                .anyMatch(p -> p.startsWith("/api/parcels/" + ZONE + "/B-1?"))
                .anyMatch(p -> p.startsWith("/tiles/parcels/"))
                .anyMatch(p -> p.startsWith("/ogc/collections/parcels/items"))
                .anyMatch(p -> p.startsWith("/api/exports/parcels"))
                .anyMatch(p -> p.startsWith("/api/search?"))
                .anyMatch(p -> p.startsWith("/tiles/basemap/"))
                .anyMatch(p -> p.startsWith("/api/evaluations?zone=" + ZONE + "&year=2025&format=csv"))
                .anyMatch(p -> p.startsWith("/api/evaluations/" + creditCodeB + "?"));
        Map<String, Integer> answered = new TreeMap<>();
        for (Api viewer : List.of(planner.as(TestUsers.ENTERPRISE), planner.anonymous())) {
            for (String path : paths) {
                Api.Binary answer = viewer.getBinary(path);
                assertThat(answer.status()).as("GET " + path).isLessThan(500);
                String body = new String(answer.body(), StandardCharsets.UTF_8);
                for (String figure : B_FIGURES) {
                    assertThat(body).as("GET " + path + " leaks enterprise B's figure " + figure).doesNotContain(figure);
                }
                answered.merge(answer.status() + "", 1, Integer::sum);
            }
        }
        assertThat(answered.getOrDefault("200", 0)).as("answers read: " + answered).isGreaterThan(20);
        // The control: the same crawl as staff does meet the figures, so the check above could fail.
        assertThat(paths.stream().map(p -> new String(planner.as(TestUsers.AUDITOR).getBinary(p).body(),
                StandardCharsets.UTF_8)).anyMatch(body -> body.contains("3437.42"))).isTrue();
        assertThat(paths).as("the crawl reaches the renewal work after the evaluation")
                .anyMatch(p -> p.startsWith("/api/evaluations/candidates?"))
                .anyMatch(p -> p.startsWith("/api/evaluations/plans?"))
                .anyMatch(p -> p.startsWith("/api/evaluations/report?"))
                .anyMatch(p -> p.startsWith("/api/evaluations/class-map?"))
                .anyMatch(p -> p.startsWith("/api/evaluations/holder-history?"));
        Api auditor = planner.as(TestUsers.AUDITOR);
        assertThat(auditor.get("/api/evaluations/plans?zone=" + ZONE).body()).as("staff do read B's plan").contains(B_PLAN_NOTE);
        assertThat(auditor.get("/api/evaluations/holder-history?zone=" + ZONE + "&parcel=B-1").body())
                .as("staff do read B's results").contains("3437.42");
        assertThat(auditor.get("/api/evaluations/class-map?zone=" + ZONE + "&year=2025").body())
                .as("staff do see B's land by class").contains("B-1");
    }

    @Test
    void noGetEndpointShowsAVisitorTheParcelOrStateOfABuildingOnLandThatIsNotAvailable() {
        Api visitor = planner.anonymous();
        Map<String, Integer> hiddenBuildingSeenIn = new TreeMap<>();
        for (String path : everyGetPath()) {
            Api.Binary answer = visitor.getBinary(path);
            assertThat(answer.status()).as("GET " + path).isLessThan(500);
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            assertThat(body).as("GET " + path + " names the parcel that is not available land").doesNotContain(HIDDEN);
            String type = String.valueOf(answer.header("Content-Type"));
            List<Map<String, Object>> buildings = new ArrayList<>();
            if (answer.status() == 200 && type.contains("json")) {
                buildingsIn(JSON.readTree(body), buildings);
            } else if (answer.status() == 200 && type.contains("vnd.mapbox-vector-tile")) {
                for (JtsLayer layer : decode(answer.body()).getLayers()) {
                    layer.getGeometries().forEach(g -> buildings.add(properties(g)));
                }
            }
            for (Map<String, Object> building : buildings) {
                if (isHiddenBuilding(building)) {
                    assertThat(building.get("parcel")).as("GET " + path + ": the building's parcel").isNull();
                    assertThat(building.get("state")).as("GET " + path + ": the building's parcel's state").isNull();
                    hiddenBuildingSeenIn.merge(path.replaceAll("[?].*|/\\d+/\\d+/\\d+\\.mvt$", ""), 1, Integer::sum);
                }
            }
        }
        // The control: the check above met the building in every format a visitor gets buildings in.
        assertThat(hiddenBuildingSeenIn.keySet()).as("the hidden parcel's building was checked in")
                .contains("/api/buildings", "/ogc/collections/buildings/items", "/tiles/buildings");
    }

    @Test
    void visitorsSeeTheParcelOfABuildingOnAvailableLandOnly() {
        String bbox = "/api/buildings?bbox=" + bboxAround(X0 + 500, Y0 + 150);
        Map<String, JsonNode> forVisitor = byHeight(planner.anonymous().json(bbox).path("features"));
        assertThat(forVisitor.get("" + HIDDEN_HEIGHT).path("properties").path("parcel").isNull()).isTrue();
        assertThat(forVisitor.get("" + HIDDEN_HEIGHT).path("properties").path("state").isNull()).isTrue();
        assertThat(forVisitor.get("" + HIDDEN_HEIGHT).path("properties").path("floors").asInt()).as("its shape and height stay").isEqualTo(9);
        assertThat(forVisitor.get("" + OPEN_HEIGHT).path("properties").path("parcel").asString()).isEqualTo(OPEN);
        assertThat(forVisitor.get("" + OPEN_HEIGHT).path("properties").path("state").asString()).isEqualTo("stored");
        Map<String, JsonNode> forEnterprise = byHeight(planner.as(TestUsers.ENTERPRISE).json(bbox).path("features"));
        assertThat(forEnterprise.get("" + HIDDEN_HEIGHT).path("properties").path("parcel").asString()).isEqualTo(HIDDEN);
        assertThat(forEnterprise.get("" + HIDDEN_HEIGHT).path("properties").path("state").asString()).isEqualTo("low_efficiency");

        String items = "/ogc/collections/buildings/items?zone=" + ZONE;
        Map<String, JsonNode> ogcVisitor = byHeight(planner.anonymous().json(items).path("features"));
        assertThat(ogcVisitor.get("" + HIDDEN_HEIGHT).path("properties").path("parcel").isNull()).isTrue();
        assertThat(ogcVisitor.get("" + OPEN_HEIGHT).path("properties").path("parcel").asString()).isEqualTo(OPEN);
        assertThat(byHeight(planner.json(items).path("features")).get("" + HIDDEN_HEIGHT).path("properties")
                .path("parcel").asString()).isEqualTo(HIDDEN);
        long hiddenBuilding = ogcVisitor.get("" + HIDDEN_HEIGHT).path("id").asLong();
        String one = "/ogc/collections/buildings/items/" + hiddenBuilding;
        assertThat(planner.anonymous().json(one).path("properties").path("parcel").isNull()).isTrue();
        assertThat(planner.anonymous().get(one + "?f=html").body()).doesNotContain(HIDDEN);
        assertThat(planner.json(one).path("properties").path("parcel").asString()).isEqualTo(HIDDEN);
        // Filtering by the parcel would tell a visitor it exists and where its buildings stand.
        assertThat(planner.anonymous().json(items + "&parcel=" + HIDDEN).path("numberMatched").asInt()).isZero();
        assertThat(planner.anonymous().json(items + "&parcel=" + OPEN).path("numberMatched").asInt()).isEqualTo(1);
        assertThat(planner.json(items + "&parcel=" + HIDDEN).path("numberMatched").asInt()).isEqualTo(1);

        // The public tile is one for everybody: a building's parcel is there when that parcel is available land.
        int[] xy = tile(17, lonLat(X0 + 500, Y0 + 150));
        Api.Binary tile = planner.anonymous().getBinary("/tiles/buildings/17/" + xy[0] + "/" + xy[1] + ".mvt");
        assertThat(tile.status()).isEqualTo(200);
        Map<String, Map<String, Object>> tileBuildings = new TreeMap<>();
        decode(tile.body()).getLayer("buildings").getGeometries()
                .forEach(g -> tileBuildings.put(String.valueOf(properties(g).get("height_m")), properties(g)));
        assertThat(tileBuildings.get("" + HIDDEN_HEIGHT)).doesNotContainKey("parcel").containsEntry("zone", ZONE);
        assertThat(tileBuildings.get("" + OPEN_HEIGHT)).containsEntry("parcel", OPEN);
    }

    @Test
    void aBuildingTileNamesItsParcelOnceThatParcelBecomesAvailable() {
        int[] xy = tile(17, lonLat(X0 + 640, Y0 + 650));
        String path = "/tiles/buildings/17/" + xy[0] + "/" + xy[1] + ".mvt";
        Api visitor = planner.anonymous();
        assertThat(tileBuildingParcels(visitor.getBinary(path))).as("vacated: not available").doesNotContain(LATER);
        assertThat(planner.post("/api/parcels/" + ZONE + "/" + LATER + "/transitions",
                "{\"to\":\"stored\",\"effectiveDate\":\"2024-06-30\",\"reason\":\"收储\"}").status()).isEqualTo(201);
        assertThat(tileBuildingParcels(visitor.getBinary(path))).as("the cached tile was dropped").contains(LATER);
    }

    private static List<Object> tileBuildingParcels(Api.Binary tile) {
        assertThat(tile.status()).isEqualTo(200);
        return decode(tile.body()).getLayer("buildings").getGeometries().stream().map(g -> properties(g).get("parcel")).toList();
    }

    /** Every object in the JSON that looks like a building (has heightM or height_m), as a flat map of its properties. */
    private static void buildingsIn(JsonNode node, List<Map<String, Object>> buildings) {
        if (node.isObject() && (node.path("heightM").isNumber() || node.path("height_m").isNumber())) {
            Map<String, Object> building = new TreeMap<>();
            node.properties().forEach(e -> building.put(e.getKey(), e.getValue().isNull() ? null
                    : e.getValue().isNumber() ? (Object) e.getValue().asDouble()
                    : e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString()));
            building.put("height_m", node.has("heightM") ? node.path("heightM").asDouble() : node.path("height_m").asDouble());
            buildings.add(building);
        }
        if (node.isContainer()) {
            node.forEach(child -> buildingsIn(child, buildings));
        }
    }

    private static boolean isHiddenBuilding(Map<String, Object> building) {
        return building.get("height_m") instanceof Number height && Math.abs(height.doubleValue() - HIDDEN_HEIGHT) < 1e-6;
    }

    private static Map<String, JsonNode> byHeight(JsonNode features) {
        Map<String, JsonNode> byHeight = new TreeMap<>();
        features.forEach(f -> byHeight.put("" + f.path("properties").path(f.path("properties").has("heightM")
                ? "heightM" : "height_m").asDouble(), f));
        return byHeight;
    }

    private static JtsMvt decode(byte[] mvt) {
        try {
            return MvtReader.loadMvt(new ByteArrayInputStream(mvt), new GeometryFactory(),
                    new TagKeyValueMapConverter(false, "id"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Geometry feature) {
        Map<String, Object> properties = new TreeMap<>((Map<String, Object>) feature.getUserData());
        return properties;
    }

    private double[] lonLat(double x, double y) {
        return SurveyShapes.lonLat(jdbc, x, y);
    }

    private String bboxAround(double x, double y) {
        double[] c = lonLat(x, y);
        return (c[0] - 0.005) + "," + (c[1] - 0.005) + "," + (c[0] + 0.005) + "," + (c[1] + 0.005);
    }

    /** The XYZ tile holding the point at zoom z. */
    private static int[] tile(int z, double[] lonLat) {
        int x = (int) Math.floor((lonLat[0] + 180) / 360 * (1 << z));
        double lat = Math.toRadians(lonLat[1]);
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
        return new int[] {x, y};
    }

    /** Every GET mapping of the application, its path variables pointing at enterprise B's parcel. */
    private List<String> everyGetPath() {
        double[] lonLat = jdbc.sql("""
                select ST_X(c), ST_Y(c) from (select ST_Transform(ST_PointOnSurface(geom), 4326) as c from parcel where id = :id) x""")
                .param("id", parcelB).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        int z = 15;
        // the tiles of B and of the hidden parcel's building (B's tile may not reach it)
        List<int[]> tiles = List.of(tile(z, lonLat), tile(z, lonLat(X0 + 455, Y0 + 150)));
        String bbox = (lonLat[0] - 0.01) + "," + (lonLat[1] - 0.01) + "," + (lonLat[0] + 0.01) + "," + (lonLat[1] + 0.01);
        String query = "?zone=" + ZONE + "&bbox=" + bbox + "&limit=100";
        List<String> paths = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, ?> mapping : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            var methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue;   // Spring's error page, only ever reached by a forward
                }
                for (String layer : pattern.startsWith("/tiles/") ? List.of("parcels", "available", "buildings", "zones", "blocks", "basemap")
                        : List.of("parcels")) {
                    for (int[] xy : tiles) {
                    for (String collection : pattern.startsWith("/ogc/collections/{id}")
                            ? List.of("parcels", "available-land", "buildings") : List.of("parcels")) {
                        String path = pattern.replace("{zone}", ZONE).replace("{code}", "B-1").replace("{layer}", layer)
                                .replace("{z}", "" + z).replace("{x}", "" + xy[0]).replace("{y}", "" + xy[1])
                                .replace("{id}", pattern.startsWith("/ogc") ? collection : "1")
                                .replace("{fid}", "" + parcelB).replace("{seq}", "1")
                                .replace("{username}", TestUsers.PLANNER).replace("{year}", "2025")
                                .replace("{creditCode}", creditCodeB);
                        if (path.startsWith("/api/evaluation") && !path.contains("{")) {
                            // 亩均评价: enterprise B's results, in every format.
                            for (String format : List.of("json", "csv", "xlsx")) {
                                paths.add(path + "?zone=" + ZONE + "&year=2025&format=" + format + "&parcel=B-1");
                            }
                        } else if (!path.contains("{") && !path.contains("*")) {
                            paths.add(path + (path.endsWith(".mvt") ? "" : path.startsWith("/ogc") ? query
                                    : query + "&format=geojson&q=" + SEARCHED));
                        }
                    }
                    }
                }
            }
        }
        return paths.stream().distinct().sorted().toList();
    }
}
