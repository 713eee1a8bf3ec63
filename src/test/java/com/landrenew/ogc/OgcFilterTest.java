package com.landrenew.ogc;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.landrenew.ogc.cql.Cql2Parser;
import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
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
 * OGC API - Features Part 3: CQL2 filters (the standard's example expressions, written on our
 * queryables) in text and JSON against hand-built parcels, each answer counted again by plain SQL on the
 * same rows; SQL injection in every literal and name; role filtering under filters; queryables per role.
 */
@LandRenewTest
class OgcFilterTest {

    static final String ZONE = "ogc-filter";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 3, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String PARCELS = "/ogc/collections/parcels/items?limit=1000&zone=" + ZONE;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port).as(TestUsers.PLANNER);
        fixtures = new Fixtures(jdbc);
        synchronized (OgcFilterTest.class) {
            if (fixtures.zoneExists(ZONE)) {
                return;
            }
            fixtures.zone(ZONE, X0, Y0, X0 + 3000, Y0 + 1000);
            fixtures.block(ZONE, "fb-1", X0, Y0, X0 + 1000, Y0 + 1000);
            int holder = fixtures.enterprise("滤镜企业 Filter Co.");
            // 12 parcels of 150 m × (100 + 10 i) m in a row, 200 m apart; uses, heights, leases and holders vary
            for (int i = 0; i < 12; i++) {
                double x = X0 + 50 + i * 200;
                long id = fixtures.parcel(ZONE, i < 5 ? "fb-1" : null, "F-" + i, x, Y0 + 100, x + 150, Y0 + 200 + 10 * i,
                        i % 3 == 0 ? "100101" : "100102", i % 4 == 0 ? holder : null);
                jdbc.sql("""
                        update parcel set height_limit_m = :h, far_min = :far,
                               lease_start = cast(:start as date), lease_end = cast(:end as date)
                        where id = :id""")
                        .param("h", i < 10 ? 5 + 10.0 * i : null).param("far", 0.5 + 0.1 * i)
                        .param("start", i % 2 == 0 ? (2010 + i) + "-03-01" : null)
                        .param("end", i % 2 == 0 ? (2030 + i) + "-02-28" : null).param("id", id).update();
                if (i >= 9) {
                    fixtures.walk(id, "2024-03-01", "vacating", "vacated", "stored");   // visitors see these
                }
            }
        }
    }

    /** Text and JSON forms of the standard's examples, each with the plain SQL that must count the same rows. */
    @Test
    void theStandardsExamplesMatchPlainSql() {
        String box = "POLYGON((%1$s %2$s,%1$s %3$s,%4$s %3$s,%4$s %2$s,%1$s %2$s))".formatted(Y0 + 50, X0 + 25, X0 + 825,
                Y0 + 400);   // EPSG:4549 axis order: northing first; covers F-0 … F-3
        String[][] cases = {
                {"land_use = '100101'", "t.land_use_code = '100101'"},
                {"land_use <> '100101'", "t.land_use_code <> '100101'"},
                {"height_limit_m < 40", "t.height_limit_m < 40"},
                {"height_limit_m >= 40 AND far_min <= 1.2", "t.height_limit_m >= 40 and t.far_min <= 1.2"},
                {"height_limit_m < 20 OR height_limit_m > 80", "t.height_limit_m < 20 or t.height_limit_m > 80"},
                {"NOT (land_use = '100101')", "not (t.land_use_code = '100101')"},
                {"lease_start >= DATE('2014-01-01')", "t.lease_start >= date '2014-01-01'"},
                {"lease_start < TIMESTAMP('2012-03-01T00:00:00Z')", "t.lease_start < date '2012-03-01'"},
                {"code LIKE 'F-1%'", "t.code like 'F-1%'"},
                {"code NOT LIKE 'F-_'", "t.code not like 'F-_'"},
                {"height_limit_m BETWEEN 30 AND 60", "t.height_limit_m between 30 and 60"},
                {"height_limit_m NOT BETWEEN 30 AND 60", "t.height_limit_m not between 30 and 60"},
                {"code IN ('F-1', 'F-4', 'F-7', 'nothing')", "t.code in ('F-1', 'F-4', 'F-7')"},
                {"code NOT IN ('F-1', 'F-4')", "t.code not in ('F-1', 'F-4')"},
                {"height_limit_m IS NULL", "t.height_limit_m is null"},
                {"block IS NOT NULL", "t.block_id is not null"},
                {"enterprise IS NULL AND lease_end IS NOT NULL", "t.enterprise_id is null and t.lease_end is not null"},
                {"far_min > height_limit_m", "t.far_min > t.height_limit_m"},
                {"S_INTERSECTS(geometry, " + box + ")",
                        "ST_Intersects(t.geom, ST_MakeEnvelope(" + (X0 + 25) + "," + (Y0 + 50) + "," + (X0 + 825) + ","
                                + (Y0 + 400) + ", 4549))"},
                {"S_DISJOINT(geometry, " + box + ")", "not ST_Intersects(t.geom, ST_MakeEnvelope(" + (X0 + 25) + ","
                        + (Y0 + 50) + "," + (X0 + 825) + "," + (Y0 + 400) + ", 4549))"},
                {"S_WITHIN(geometry, " + box + ")", "ST_Within(t.geom, ST_MakeEnvelope(" + (X0 + 25) + "," + (Y0 + 50)
                        + "," + (X0 + 825) + "," + (Y0 + 400) + ", 4549))"},
                {"S_CONTAINS(geometry, POINT(" + (Y0 + 150) + " " + (X0 + 475) + "))",
                        "ST_Contains(t.geom, ST_SetSRID(ST_Point(" + (X0 + 475) + ", " + (Y0 + 150) + "), 4549))"},
                {"T_INTERSECTS(INTERVAL(lease_start, lease_end), INTERVAL('2041-01-01', '..'))",
                        "t.lease_start <= 'infinity'::date and t.lease_end >= date '2041-01-01'"},
                {"T_INTERSECTS(INTERVAL(lease_start, lease_end), INTERVAL('2000-01-01', '2013-12-31'))",
                        "t.lease_start <= date '2013-12-31' and t.lease_end >= date '2000-01-01'"},
                {"T_BEFORE(lease_end, DATE('2035-01-01'))", "t.lease_end < date '2035-01-01'"},
                {"T_DURING(INTERVAL(lease_start, lease_end), INTERVAL('2011-01-01', '2045-01-01'))",
                        "t.lease_start > date '2011-01-01' and t.lease_end < date '2045-01-01'"},
                {"true", "true"},
        };
        for (String[] c : cases) {
            long expected = plainCount(c[1]);
            assertThat(count(PARCELS + "&filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4549") + "&filter="
                    + enc(c[0]))).as(c[0] + " (expected by " + c[1] + ")").isEqualTo(expected);
        }
        // the same few in CQL2 JSON
        String[][] json = {
                {"{\"op\":\"=\",\"args\":[{\"property\":\"land_use\"},\"100101\"]}", "t.land_use_code = '100101'"},
                {"{\"op\":\"and\",\"args\":[{\"op\":\">=\",\"args\":[{\"property\":\"height_limit_m\"},40]},"
                        + "{\"op\":\"<=\",\"args\":[{\"property\":\"far_min\"},1.2]}]}",
                        "t.height_limit_m >= 40 and t.far_min <= 1.2"},
                {"{\"op\":\"like\",\"args\":[{\"property\":\"code\"},\"F-1%\"]}", "t.code like 'F-1%'"},
                {"{\"op\":\"between\",\"args\":[{\"property\":\"height_limit_m\"},30,60]}",
                        "t.height_limit_m between 30 and 60"},
                {"{\"op\":\"in\",\"args\":[{\"property\":\"code\"},[\"F-1\",\"F-4\"]]}", "t.code in ('F-1', 'F-4')"},
                {"{\"op\":\"not\",\"args\":[{\"op\":\"isNull\",\"args\":[{\"property\":\"height_limit_m\"}]}]}",
                        "t.height_limit_m is not null"},
                {"{\"op\":\">=\",\"args\":[{\"property\":\"lease_start\"},{\"date\":\"2014-01-01\"}]}",
                        "t.lease_start >= date '2014-01-01'"},
                {"{\"op\":\"t_intersects\",\"args\":[{\"interval\":[{\"property\":\"lease_start\"},{\"property\":"
                        + "\"lease_end\"}]},{\"interval\":[\"2041-01-01\",\"..\"]}]}", "t.lease_end >= date '2041-01-01'"},
        };
        for (String[] c : json) {
            assertThat(count(PARCELS + "&filter-lang=cql2-json&filter=" + enc(c[0]))).as(c[0]).isEqualTo(plainCount(c[1]));
        }
    }

    @Test
    void geometriesComeInTheFilterCrsAsWktGeoJsonOrBbox() {
        // a box around F-0 … F-3 in longitude/latitude (CRS84, the default), built by PostGIS from the survey box
        String lonLat = jdbc.sql("select ST_AsText(ST_Transform(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), 4326), 9)")
                .param("x0", X0 + 25).param("y0", Y0 + 50).param("x1", X0 + 825).param("y1", Y0 + 400)
                .query(String.class).single();
        assertThat(count(PARCELS + "&filter=" + enc("S_INTERSECTS(geometry, " + lonLat + ")"))).isEqualTo(4);
        String mercator = jdbc.sql("select ST_AsText(ST_Transform(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), 3857), 3)")
                .param("x0", X0 + 25).param("y0", Y0 + 50).param("x1", X0 + 825).param("y1", Y0 + 400)
                .query(String.class).single();
        assertThat(count(PARCELS + "&filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/3857") + "&filter="
                + enc("S_INTERSECTS(geometry, " + mercator + ")"))).isEqualTo(4);
        double[] ll = jdbc.sql("select ST_X(g), ST_Y(g) from ST_Transform(ST_SetSRID(ST_Point(:x, :y), 4549), 4326) g")
                .param("x", X0 + 475).param("y", Y0 + 150)
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        // a GeoJSON point in CQL2 JSON: only F-2 contains it
        String point = "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Point\",\"coordinates\":["
                + ll[0] + "," + ll[1] + "]}]}";
        JsonNode one = api.json(PARCELS + "&filter-lang=cql2-json&filter=" + enc(point));
        assertThat(one.path("features")).hasSize(1);
        assertThat(one.path("features").get(0).path("properties").path("code").asString()).isEqualTo("F-2");
        // EPSG:4326 is latitude first
        assertThat(count(PARCELS + "&filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4326") + "&filter="
                + enc("S_INTERSECTS(geometry, POINT(" + ll[1] + " " + ll[0] + "))"))).isEqualTo(1);
        // BBOX in CRS84
        assertThat(count(PARCELS + "&filter=" + enc("S_INTERSECTS(geometry, BBOX(" + (ll[0] - 0.0001) + ","
                + (ll[1] - 0.0001) + "," + (ll[0] + 0.0001) + "," + (ll[1] + 0.0001) + "))"))).isEqualTo(1);
    }

    @Test
    void cursorPagingKeepsTheFilter() {
        String filter = "code LIKE 'F-%' AND land_use = '100102'";
        List<Long> expected = jdbc.sql("select t.id from parcel t join zone z on z.id = t.zone_id where z.code = :zone"
                + " and t.land_use_code = '100102' order by t.id").param("zone", ZONE).query(Long.class).list();
        JsonNode page = api.json("/ogc/collections/parcels/items?limit=3&zone=" + ZONE + "&filter=" + enc(filter));
        List<Long> seen = new ArrayList<>();
        page.path("features").forEach(f -> seen.add(f.path("id").asLong()));
        String next = null;
        for (JsonNode l : page.path("links")) {
            if (l.path("rel").asString().equals("next")) {
                next = l.path("href").asString();
            }
        }
        assertThat(next).contains("cursor=", "filter=");
        JsonNode rest = api.json(next.substring(api.url("").length()));
        rest.path("features").forEach(f -> seen.add(f.path("id").asLong()));
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(rest.path("numberMatched").asLong()).isEqualTo(expected.size());
    }

    @Test
    void syntaxErrorsAndUnknownPropertiesAre400sNamingWhere() {
        assertDetail(api.get(PARCELS + "&filter=" + enc("land_use = ")), 400, "character 12");
        assertDetail(api.get(PARCELS + "&filter=" + enc("land_use == '1'")), 400, "character 11");
        assertDetail(api.get(PARCELS + "&filter=" + enc("nosuch = 1")), 400, "unknown property 'nosuch'");
        assertDetail(api.get(PARCELS + "&filter=" + enc("code = 1")), 400, "do not match");
        assertDetail(api.get(PARCELS + "&filter=" + enc("(code = 'a'")), 400, "expected ')'");
        assertDetail(api.get(PARCELS + "&filter=" + enc("code = 'a")), 400, "never closed");
        assertDetail(api.get(PARCELS + "&filter=" + enc("height_limit_m > 1e400")), 400, "out of range");
        assertDetail(api.get(PARCELS + "&filter=" + enc("lease_start > DATE('2024-13-01')")), 400, "RFC 3339");
        assertDetail(api.get(PARCELS + "&filter=" + enc("S_INTERSECTS(geometry, POINT(500 10))")), 400, "sound");
        assertDetail(api.get(PARCELS + "&filter=" + enc("S_INTERSECTS(geometry, POLYGON((120 30, 121 31, 121 30, 120 31, "
                + "120 30)))")), 400, "not valid");
        assertDetail(api.get(PARCELS + "&filter=" + enc("code = 'a'") + "&filter-lang=sql"), 400, "filter-lang");
        assertDetail(api.get(PARCELS + "&filter=" + enc("code LIKE 'F\\'")), 400, "backslash");
        assertDetail(api.get(PARCELS + "&filter=" + enc("code LIKE code")), 400, "quoted text");
        assertDetail(api.get(PARCELS + "&filter=" + enc("S_CONTAINS(geometry, GEOMETRYCOLLECTION(POINT(120 30)))")), 400,
                "collections");
        assertDetail(api.get(PARCELS + "&filter-lang=cql2-json&filter=" + enc("{\"op\":\"=\",\"args\":[{\"property\":"
                + "\"nosuch\"},1]}")), 400, "unknown property 'nosuch'");
        assertDetail(api.get(PARCELS + "&filter-lang=cql2-json&filter=" + enc("{\"op\":\"=\"")), 400, "JSON");
        // a NUL byte in the URL is refused before us; one escaped in JSON reaches the filter
        assertThat(api.get(PARCELS + "&filter=" + enc("code = 'a" + "\u0000" + "'")).status()).isEqualTo(400);
        assertDetail(api.get(PARCELS + "&filter-lang=cql2-json&filter=" + enc("{\"op\":\"=\",\"args\":[{\"property\":"
                + "\"code\"},\"a\\u0000\"]}")), 400, "NUL");
        assertDetail(api.get(PARCELS + "&filter=" + enc("(".repeat(60) + "true" + ")".repeat(60))), 400, "nests");
        // bounds: terms and vertices (unencoded, to stay within the 8 KB a request line may take)
        StringBuilder many = new StringBuilder("code%20IN%20('a'");
        for (int i = 0; i < 1000; i++) {
            many.append(",'a'");
        }
        assertDetail(api.get(PARCELS + "&filter=" + many + ")"), 400, "terms");
        StringBuilder vertices = new StringBuilder("S_INTERSECTS(geometry,LINESTRING(1%202");
        for (int i = 1; i <= Cql2Parser.MAX_VERTICES; i++) {
            vertices.append(",1%20").append(i % 2);
        }
        assertDetail(api.get(PARCELS + "&filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4549") + "&filter="
                + vertices + "))"), 400, (Cql2Parser.MAX_VERTICES + 1) + " vertices");
        // every 400 is Chinese first
        assertThat(api.get(PARCELS + "&filter=" + enc("nosuch = 1")).json().path("detail").asString())
                .matches("(?s)^\\p{IsHan}.*");
    }

    @Test
    void sqlInjectionInEveryLiteralAndNameIsA400OrNothing() {
        long parcels = jdbc.sql("select count(*) from parcel").query(Long.class).single();
        String[] attacks = {"'; drop table parcel; --", "1' or '1'='1", "\"; delete from parcel; --",
                "x') or true --", "\\'; select pg_sleep(5); --", "%' or 1=1 --"};
        for (String attack : attacks) {
            String quoted = "'" + attack.replace("'", "''") + "'";
            String[] filters = {
                    "code = " + quoted, "code LIKE " + quoted, "code IN (" + quoted + ", 'nothing')",
                    "lease_start > DATE(" + quoted + ")", "\"" + attack.replace("\"", "\"\"") + "\" = 'x'",
                    attack, "S_INTERSECTS(geometry, POINT(" + attack + "))",
                    "T_INTERSECTS(lease_start, INTERVAL(" + quoted + ", '..'))",
            };
            for (String filter : filters) {
                Api.Response answer = api.get(PARCELS + "&filter=" + enc(filter));
                assertThat(answer.status()).as(filter).isIn(200, 400);
                if (answer.status() == 200) {
                    assertThat(answer.json().path("numberMatched").asLong()).as(filter).isZero();
                }
            }
            String json = "{\"op\":\"=\",\"args\":[{\"property\":" + jsonString(attack) + "},\"x\"]}";
            assertThat(api.get(PARCELS + "&filter-lang=cql2-json&filter=" + enc(json)).status()).isEqualTo(400);
            json = "{\"op\":\"=\",\"args\":[{\"property\":\"code\"}," + jsonString(attack) + "]}";
            assertThat(count(PARCELS + "&filter-lang=cql2-json&filter=" + enc(json))).isZero();
        }
        assertThat(jdbc.sql("select count(*) from parcel").query(Long.class).single()).isEqualTo(parcels);
    }

    @Test
    void rolesCannotFilterTheirWayToHiddenRowsOrAttributes() {
        Api visitor = new Api(port).anonymous();
        // a visitor's parcels are available land: F-9 … F-11 here, whatever the filter says
        String available = "/ogc/collections/available-land/items?zone=" + ZONE + "&filter=";
        assertThat(count(visitor, available + enc("code LIKE 'F-%'"))).isEqualTo(3);
        assertThat(count(visitor, available + enc("code = 'F-0' OR true"))).isEqualTo(3);
        assertThat(count(visitor, available + enc("NOT (code IN ('F-9','F-10','F-11'))"))).isZero();
        // attributes the collection does not carry for them are no queryables
        assertDetail(visitor.get(available + enc("enterprise IS NULL")), 400, "unknown property 'enterprise'");
        assertDetail(visitor.get(available + enc("lease_start IS NULL")), 400, "unknown property 'lease_start'");
        assertThat(visitor.json("/ogc/collections/available-land/queryables").path("properties").has("enterprise")).isFalse();
        // parcels, queryables included, stay closed to visitors
        assertThat(visitor.get("/ogc/collections/parcels/items?filter=" + enc("true")).status()).isEqualTo(401);
        assertThat(visitor.get("/ogc/collections/parcels/queryables").status()).isEqualTo(401);
        // the buildings' parcel code is hidden from visitors unless that parcel is available land: filtering on it finds
        // nothing either
        long f0 = jdbc.sql("select t.id from parcel t join zone z on z.id = t.zone_id where z.code = :zone and t.code = 'F-0'")
                .param("zone", ZONE).query(Long.class).single();
        synchronized (OgcFilterTest.class) {
            if (jdbc.sql("select count(*) from building where parcel_id = :p").param("p", f0).query(Long.class).single() == 0) {
                fixtures.building(f0, X0 + 60, Y0 + 110, X0 + 90, Y0 + 140, 3, "12.0");
            }
        }
        String buildings = "/ogc/collections/buildings/items?zone=" + ZONE + "&filter=" + enc("parcel = 'F-0'");
        assertThat(count(api, buildings)).isEqualTo(1);
        assertThat(count(visitor, buildings)).isZero();
    }

    @Test
    void queryablesAreAJsonSchemaOfWhatTheRoleSees() {
        JsonNode q = api.json("/ogc/collections/parcels/queryables");
        assertThat(q.path("$schema").asString()).contains("json-schema.org");
        assertThat(q.path("type").asString()).isEqualTo("object");
        assertThat(q.path("properties").path("lease_start").path("format").asString()).isEqualTo("date");
        assertThat(q.path("properties").path("height_limit_m").path("type").asString()).isEqualTo("number");
        assertThat(q.path("properties").path("geometry").path("format").asString()).isEqualTo("geometry-any");
        Api.Response schema = api.send("GET", "/ogc/collections/parcels/queryables", null);
        assertThat(schema.contentType()).startsWith("application/schema+json");
        // the collection links it, the conformance declares it, the API document lists the parameters
        assertThat(api.json("/ogc/collections/parcels").toString()).contains("/collections/parcels/queryables");
        assertThat(api.json("/ogc/conformance").path("conformsTo").toString()).contains(
                "ogcapi-features-3/1.0/conf/filter", "cql2/1.0/conf/cql2-text", "cql2/1.0/conf/basic-cql2");
        String items = api.json("/ogc/api").path("paths").path("/collections/parcels/items").toString();
        assertThat(items).contains("\"filter\"", "\"filter-lang\"", "cql-text", "\"filter-crs\"");
    }

    /** GDAL 3.6 passes ogrinfo's -where to the server as a CQL filter (filter-lang=cql-text) when the API offers it. */
    @Test
    void ogrinfoWhereIsSentAsACqlFilter() throws Exception {
        String where = "zone = '" + ZONE + "' AND land_use = '100101' AND height_limit_m > 20";
        String output = OgrinfoTest.run(true, "-ro", "--debug", "on", "-oo", "PAGE_SIZE=1000",
                "OAPIF:http://localhost:" + port + "/ogc", "parcels", "-where", where);
        assertThat(output).contains("CQL text detected").containsPattern("filter=[^ ]*height_limit_m")
                .contains("filter-lang=cql-text").doesNotContain("evaluated on client side");
        long features = output.lines().filter(line -> line.startsWith("OGRFeature(parcels):")).count();
        assertThat(features).isEqualTo(plainCount("t.land_use_code = '100101' and t.height_limit_m > 20")).isPositive();
    }

    // ---------------------------------------------------------------- helpers

    private long plainCount(String where) {
        return jdbc.sql("select count(*) from parcel t join zone z on z.id = t.zone_id where z.code = :zone and ("
                + where + ")").param("zone", ZONE).query(Long.class).single();
    }

    private long count(String path) {
        return count(api, path);
    }

    private static long count(Api as, String path) {
        Api.Response answer = as.get(path);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.json().path("numberMatched").asLong();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
