package com.landrenew.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Field-level access: another enterprise's per-mu tax, output and energy figures never leave the
 * server. Every GET endpoint the application has (read from Spring's own mapping table, so a new one
 * is crawled too) is called as an enterprise user and as a visitor, with its path filled in to point at
 * the other enterprise's parcel; no answer may carry the figures. Controls: its holder and the staff
 * do see them, so the figures are there to leak.
 */
@LandRenewTest
class WhoSeesWhatTest {

    static final String ZONE = "sec-test";
    static final double X0 = 730000;   // an area no other test uses (see Fixtures)
    static final double Y0 = 3300000;
    /** Enterprise B's figures: 87,654.3 万元 tax and 54,321 万元 value added on 10 mu. */
    static final List<String> B_FIGURES = List.of("8765.43", "87654.3", "5432.1", "54321");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RequestMappingHandlerMapping mappings;

    private Api planner;
    private long parcelB;

    @BeforeEach
    void setUp() {
        planner = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (WhoSeesWhatTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
                int a = jdbc.sql("select id from enterprise where name = :name").param("name", TestUsers.ENTERPRISE_NAME)
                        .query(Integer.class).single();
                int b = fixtures.enterprise("乙企业 Enterprise B");
                fixtures.parcel(ZONE, null, "A-1", X0 + 100, Y0 + 100, X0 + 200, Y0 + 200, "100101", a);
                fixtures.parcel(ZONE, null, "B-1", X0 + 300, Y0 + 100, X0 + 400, Y0 + 200, "100101", b);
                evaluation(a, "123.4", "567.8");
                evaluation(b, "87654.3", "54321");
            }
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
        assertThat(planner.as(TestUsers.AUDITOR).json(b).path("properties").path("evaluation").path("taxWanPerMu")
                .decimalValue()).isEqualByComparingTo("8765.43");
        assertThat(planner.as(TestUsers.ENTERPRISE).json("/api/parcels/" + ZONE + "/A-1").path("properties")
                .path("evaluation").path("taxWanPerMu").decimalValue()).as("its own figures").isEqualByComparingTo("12.34");
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
                .anyMatch(p -> p.startsWith("/api/exports/parcels"));
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
                StandardCharsets.UTF_8)).anyMatch(body -> body.contains("8765.43"))).isTrue();
    }

    /** Every GET mapping of the application, its path variables pointing at enterprise B's parcel. */
    private List<String> everyGetPath() {
        double[] lonLat = jdbc.sql("""
                select ST_X(c), ST_Y(c) from (select ST_Transform(ST_PointOnSurface(geom), 4326) as c from parcel where id = :id) x""")
                .param("id", parcelB).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        int z = 15;
        int x = (int) Math.floor((lonLat[0] + 180) / 360 * (1 << z));
        double lat = Math.toRadians(lonLat[1]);
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
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
                for (String layer : pattern.startsWith("/tiles/") ? List.of("parcels", "available", "buildings", "zones", "blocks")
                        : List.of("parcels")) {
                    for (String collection : pattern.startsWith("/ogc/collections/{id}")
                            ? List.of("parcels", "available-land", "buildings") : List.of("parcels")) {
                        String path = pattern.replace("{zone}", ZONE).replace("{code}", "B-1").replace("{layer}", layer)
                                .replace("{z}", "" + z).replace("{x}", "" + x).replace("{y}", "" + y)
                                .replace("{id}", pattern.startsWith("/ogc") ? collection : "1")
                                .replace("{fid}", "" + parcelB).replace("{seq}", "1")
                                .replace("{username}", TestUsers.PLANNER);
                        if (!path.contains("{") && !path.contains("*")) {
                            paths.add(path + (path.endsWith(".mvt") ? "" : path.startsWith("/ogc") ? query
                                    : query + "&format=geojson"));
                        }
                    }
                }
            }
        }
        return paths.stream().distinct().sorted().toList();
    }
}
