package com.landrenew.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.landrenew.geo.ChinaTime;
import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyShapes;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * OGC API - Features Part 4 on parcels as QGIS's OAPIF provider sends it: raw HTTP with Basic auth,
 * GeoJSON in CRS84, If-Match with the ETag read. Zone "ogc-part4" is 2 km x 2 km of its own test area;
 * F-1 (100 m square) is edited, F-2 beside it is a neighbour to overlap, F-3 stands alone for a retirement.
 */
@LandRenewTest
class OgcPartFourTest {

    static final String ZONE = "ogc-part4";
    static final TestAreas.Area AREA = TestAreas.claim("OgcPartFourTest", 2, 2);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String ITEMS = "/ogc/collections/parcels/items";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (OgcPartFourTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 2000);
                fixtures.block(ZONE, "b-west", X0, Y0, X0 + 1000, Y0 + 2000);
                fixtures.parcel(ZONE, null, "F-1", X0 + 600, Y0 + 100, X0 + 700, Y0 + 200, "100102", null);
                fixtures.parcel(ZONE, null, "F-2", X0 + 700, Y0 + 100, X0 + 800, Y0 + 200, "100102", null);
                fixtures.parcel(ZONE, null, "F-3", X0 + 1500, Y0 + 1500, X0 + 1550, Y0 + 1550, "100102", null);
                fixtures.parcel(ZONE, null, "F-4", X0 + 1100, Y0 + 600, X0 + 1200, Y0 + 700, "100102", null);
            }
        }
    }

    @Test
    void aFeatureIsCreatedReadReplacedUpdatedAndRetiredAsQgisSendsIt() {
        String outline = SurveyShapes.lonLat(jdbc, SurveyShapes.rectangle(X0 + 100, Y0 + 100, X0 + 200, Y0 + 200));
        String feature = """
                {"type":"Feature","geometry":%s,"properties":{"zone":"%s","code":"N-1","land_use":"M1","block":"b-west",
                 "far_max":1.8,"area_m2":null,"idle":null}}""".formatted(outline, ZONE);
        HttpResponse<String> created = send(api, "POST", ITEMS, "application/geo+json", feature);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(location).isEqualTo(api.url(ITEMS + "/" + id));
        String etag = created.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + version(id) + "\"");
        JsonNode props = JSON.readTree(created.body()).path("properties");
        assertThat(props.path("code").asString()).isEqualTo("N-1");
        assertThat(props.path("land_use").asString()).as("GB 50137 M1 resolved to the 2020 code").isEqualTo("100101");
        assertThat(props.path("block").asString()).isEqualTo("b-west");
        assertThat(props.path("state").asString()).isEqualTo("in_use");
        assertThat(areaM2(id)).isCloseTo(10_000.0, within(0.5));
        assertThat(jdbc.sql("select reason || ' by ' || actor from parcel_event where parcel_id = :id and from_state is null")
                .param("id", id).query(String.class).single())
                .as("the ledger starts with it").isEqualTo(ParcelItemWrites.REASON + " by " + TestUsers.PLANNER);

        // GET and HEAD answer the ETag the next change sends back
        HttpResponse<String> read = send(api, "GET", ITEMS + "/" + id, null, null);
        assertThat(read.headers().firstValue("ETag")).hasValue(etag);
        assertThat(api.head(ITEMS + "/" + id).header("ETag")).isEqualTo(etag);

        // PATCH: a JSON merge patch of one property; the version moves on
        HttpResponse<String> patched = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"far_max\":2.5,\"height_limit_m\":null}}", "If-Match", etag);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(patched.headers().firstValue("ETag")).as("moved on").isNotEqualTo(Optional.of(etag));
        etag = patched.headers().firstValue("ETag").orElseThrow();
        assertThat(jdbc.sql("select far_max from parcel where id = :id").param("id", id).query(Double.class).single())
                .isEqualTo(2.5);
        assertThat(send(api, "GET", ITEMS + "/" + id, null, null).headers().firstValue("ETag")).hasValue(etag);

        // PUT: the whole feature replaced, a bigger outline, what it leaves out cleared
        String bigger = SurveyShapes.lonLat(jdbc, SurveyShapes.rectangle(X0 + 100, Y0 + 100, X0 + 250, Y0 + 200));
        HttpResponse<String> replaced = send(api, "PUT", ITEMS + "/" + id, "application/geo+json", """
                {"type":"Feature","id":%d,"geometry":%s,"properties":{"zone":"%s","code":"N-1","land_use":"100101",
                 "state":"in_use","height_limit_m":24}}""".formatted(id, bigger, ZONE), "If-Match", etag);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(areaM2(id)).isCloseTo(15_000.0, within(0.5));
        JsonNode after = JSON.readTree(replaced.body()).path("properties");
        assertThat(after.path("far_max").isNull()).as("left out of a replacement: cleared").isTrue();
        assertThat(after.path("block").isNull()).isTrue();
        assertThat(after.path("height_limit_m").asDouble()).isEqualTo(24.0);
        etag = replaced.headers().firstValue("ETag").orElseThrow();

        // DELETE retires it: gone from current land, kept with its ledger
        HttpResponse<String> deleted = send(api, "DELETE", ITEMS + "/" + id, null, null, "If-Match", etag);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(send(api, "GET", ITEMS + "/" + id, null, null).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select retired_on from parcel_all where id = :id").param("id", id).query(LocalDate.class)
                .single()).isEqualTo(ChinaTime.today());
        Api.Response history = api.get("/api/parcels/" + ZONE + "/N-1");
        assertThat(history.status()).isEqualTo(410);
        assertThat(history.json().path("detail").asString()).contains("注销", "was retired on");

        // every step is in the audit trail, by the planner
        assertThat(jdbc.sql("""
                select action from audit_log where table_name = 'parcel' and parcel = :parcel and actor = :actor order by id""")
                .param("parcel", ZONE + "/N-1").param("actor", TestUsers.PLANNER).query(String.class).list())
                .startsWith("insert").contains("update").hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void changesNeedIfMatch428AndAStaleOneIs412AndChangeNothing() {
        long id = id("F-1");
        int version = version(id);
        String patch = "{\"properties\":{\"far_max\":3.3}}";
        HttpResponse<String> without = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json", patch);
        assertThat(without.statusCode()).isEqualTo(428);
        assertThat(detail(without)).contains("If-Match");
        HttpResponse<String> stale = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json", patch,
                "If-Match", "\"" + (version + 7) + "\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(detail(stale)).startsWith("宗地").contains("version " + version);
        assertThat(send(api, "DELETE", ITEMS + "/" + id, null, null).statusCode()).isEqualTo(428);
        assertThat(send(api, "DELETE", ITEMS + "/" + id, null, null, "If-Match", "\"999\"").statusCode()).isEqualTo(412);
        assertThat(send(api, "PUT", ITEMS + "/" + id, "application/geo+json", "{}", "If-Match", "*").statusCode())
                .isEqualTo(428);
        assertThat(version(id)).as("nothing written").isEqualTo(version);
        assertThat(jdbc.sql("select retired_on is null from parcel_all where id = :id").param("id", id)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void stateMovesOnlyAlongALegalTransitionAndAnIllegalOneChangesNothing() {
        long id = id("F-1");
        int version = version(id);
        int events = events(id);
        // in_use cannot go straight to supplied; the attribute change in the same patch does not stay either
        HttpResponse<String> illegal = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"state\":\"supplied\",\"far_max\":4.4}}", "If-Match", "\"" + version + "\"");
        assertThat(illegal.statusCode()).as(illegal.body()).isEqualTo(409);
        assertThat(detail(illegal)).contains("cannot move to supplied");
        assertThat(version(id)).isEqualTo(version);
        assertThat(events(id)).isEqualTo(events);
        assertThat(jdbc.sql("select coalesce(far_max, 0) from parcel where id = :id").param("id", id).query(Double.class)
                .single()).isNotEqualTo(4.4);

        HttpResponse<String> legal = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"state\":\"low_efficiency\"}}", "If-Match", "\"" + version + "\"");
        assertThat(legal.statusCode()).as(legal.body()).isEqualTo(200);
        assertThat(JSON.readTree(legal.body()).path("properties").path("state").asString()).isEqualTo("low_efficiency");
        assertThat(jdbc.sql("""
                select from_state || '>' || to_state || ' ' || reason from parcel_event where parcel_id = :id
                order by id desc limit 1""").param("id", id).query(String.class).single())
                .isEqualTo("in_use>low_efficiency " + ParcelItemWrites.REASON);
        assertThat(legal.headers().firstValue("ETag")).hasValue("\"" + version(id) + "\"");
        // and back, so that other tests find it in use
        send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json", "{\"properties\":{\"state\":\"in_use\"}}",
                "If-Match", "\"" + version(id) + "\"");
        assertThat(jdbc.sql("select state from parcel where id = :id").param("id", id).query(String.class).single())
                .isEqualTo("in_use");
    }

    @Test
    void badOutlinesAndPropertiesAreNamedInChineseThenEnglishAndChangeNothing() {
        long id = id("F-1");
        int version = version(id);
        String ifMatch = "\"" + version + "\"";
        String overlapping = SurveyShapes.lonLat(jdbc, SurveyShapes.rectangle(X0 + 600, Y0 + 100, X0 + 750, Y0 + 200));
        HttpResponse<String> overlap = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"geometry\":" + overlapping + "}", "If-Match", ifMatch);
        assertThat(overlap.statusCode()).isEqualTo(422);
        assertThat(detail(overlap)).contains("overlaps parcel F-2");
        String outside = SurveyShapes.lonLat(jdbc, SurveyShapes.rectangle(X0 + 600, Y0 - 500, X0 + 700, Y0 - 400));
        assertThat(send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json", "{\"geometry\":" + outside + "}",
                "If-Match", ifMatch).statusCode()).isEqualTo(422);
        HttpResponse<String> line = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"geometry\":" + SurveyShapes.lonLat(jdbc, SurveyShapes.line(X0 + 600, Y0 + 100, X0 + 700, Y0 + 100)) + "}",
                "If-Match", ifMatch);
        assertThat(line.statusCode()).isEqualTo(400);
        assertThat(detail(line)).contains("Polygon");
        HttpResponse<String> noOutline = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"geometry\":null}", "If-Match", ifMatch);
        assertThat(noOutline.statusCode()).isEqualTo(400);
        assertThat(detail(noOutline)).startsWith("geometry 必填").contains("geometry is required");
        HttpResponse<String> unknown = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"colour\":\"red\"}}", "If-Match", ifMatch);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(detail(unknown)).startsWith("宗地没有属性 'colour'").contains("Parcels have no property 'colour'");
        HttpResponse<String> renamed = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"code\":\"F-99\"}}", "If-Match", ifMatch);
        assertThat(renamed.statusCode()).isEqualTo(400);
        assertThat(detail(renamed)).contains("cannot be changed");
        assertThat(send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"far_max\":1e400}}", "If-Match", ifMatch).statusCode()).isEqualTo(400);
        assertThat(send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"lease_start\":\"2030-01-01\",\"lease_end\":\"2020-01-01\"}}", "If-Match", ifMatch)
                .statusCode()).isEqualTo(400);
        HttpResponse<String> otherCrs = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"far_max\":2}}", "If-Match", ifMatch, "Content-Crs",
                "<http://www.opengis.net/def/crs/EPSG/0/4549>");
        assertThat(otherCrs.statusCode()).isEqualTo(400);
        assertThat(detail(otherCrs)).contains("CRS84");
        // a new parcel over a stored one, or under a code taken
        HttpResponse<String> onTop = send(api, "POST", ITEMS, "application/geo+json", """
                {"type":"Feature","geometry":%s,"properties":{"zone":"%s","code":"N-9","land_use":"100101"}}"""
                .formatted(overlapping, ZONE));
        assertThat(onTop.statusCode()).isEqualTo(422);
        HttpResponse<String> taken = send(api, "POST", ITEMS, "application/geo+json", """
                {"type":"Feature","geometry":%s,"properties":{"zone":"%s","code":"F-2","land_use":"100101"}}"""
                .formatted(SurveyShapes.lonLat(jdbc, SurveyShapes.rectangle(X0 + 100, Y0 + 1500, X0 + 150, Y0 + 1550)), ZONE));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(version(id)).as("nothing written").isEqualTo(version);
        assertThat(jdbc.sql("select count(*) from parcel_all where code = 'N-9'").query(Integer.class).single()).isZero();
    }

    @Test
    void onlyPlannersWriteVisitorsEnterprisesAuditorsAndAdminsAreRefused() {
        long id = id("F-4");
        String ifMatch = "\"" + version(id) + "\"";
        String patch = "{\"properties\":{\"far_max\":2.2}}";
        for (String who : List.of(TestUsers.ENTERPRISE, TestUsers.AUDITOR, TestUsers.ADMIN)) {
            Api as = api.as(who);
            assertThat(send(as, "PATCH", ITEMS + "/" + id, "application/merge-patch+json", patch, "If-Match", ifMatch)
                    .statusCode()).as(who + " PATCH").isEqualTo(403);
            assertThat(send(as, "DELETE", ITEMS + "/" + id, null, null, "If-Match", ifMatch).statusCode())
                    .as(who + " DELETE").isEqualTo(403);
            assertThat(send(as, "POST", ITEMS, "application/geo+json", "{}").statusCode()).as(who + " POST").isEqualTo(403);
        }
        assertThat(send(api.anonymous(), "PATCH", ITEMS + "/" + id, "application/merge-patch+json", patch, "If-Match",
                ifMatch).statusCode()).isEqualTo(401);
        assertThat(send(api.anonymous(), "POST", ITEMS, "application/geo+json", "{}").statusCode()).isEqualTo(401);
        assertThat(("\"" + version(id) + "\"")).isEqualTo(ifMatch);
        // other collections take no writes
        assertThat(send(api, "DELETE", "/ogc/collections/buildings/items/1", null, null, "If-Match", "\"0\"").statusCode())
                .isEqualTo(405);
    }

    @Test
    void aRetiredParcelLeavesTheCachedTileAndCannotBeChangedAgain() {
        long id = id("F-3");
        double[] lonLat = SurveyShapes.lonLat(jdbc, X0 + 1525, Y0 + 1525);
        int z = 17;
        double n = Math.pow(2, z);
        double lat = Math.toRadians(lonLat[1]);
        String tile = "/tiles/parcels/" + z + "/" + (int) Math.floor((lonLat[0] + 180) / 360 * n) + "/"
                + (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n) + ".mvt";
        assertThat(api.getBinary(tile).status()).as("the tile draws F-3 (and is cached now)").isEqualTo(200);
        String etag = send(api, "GET", ITEMS + "/" + id, null, null).headers().firstValue("ETag").orElseThrow();
        assertThat(send(api, "DELETE", ITEMS + "/" + id, null, null, "If-Match", etag).statusCode()).isEqualTo(204);
        assertThat(api.getBinary(tile).status()).as("the cached tile was dropped").isEqualTo(204);
        HttpResponse<String> again = send(api, "PATCH", ITEMS + "/" + id, "application/merge-patch+json",
                "{\"properties\":{\"far_max\":2}}", "If-Match", etag);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(detail(again)).contains("retired");
    }

    @Test
    void conformanceAndTheApiDocumentDeclareTheWritesToPlannersOnly() {
        assertThat(api.json("/ogc/conformance").path("conformsTo").toString())
                .contains("ogcapi-features-4/1.0/conf/create-replace-delete", "ogcapi-features-4/1.0/conf/update");
        JsonNode planner = api.json("/ogc/api").path("paths");
        assertThat(planner.path("/collections/parcels/items").has("post")).isTrue();
        assertThat(planner.path("/collections/parcels/items/{featureId}").has("patch")).isTrue();
        assertThat(planner.path("/collections/parcels/items/{featureId}").has("delete")).isTrue();
        JsonNode auditor = api.as(TestUsers.AUDITOR).json("/ogc/api").path("paths");
        assertThat(auditor.path("/collections/parcels/items").has("post")).isFalse();
        assertThat(auditor.path("/collections/parcels/items").has("get")).isTrue();
        // QGIS asks OPTIONS before it offers editing
        HttpResponse<String> options = send(api, "OPTIONS", ITEMS + "/" + id("F-2"), null, null);
        assertThat(options.headers().firstValue("Allow").orElse("")).contains("PUT", "PATCH", "DELETE");
    }

    // ---------------------------------------------------------------- helpers

    private HttpResponse<String> send(Api as, String method, String path, String contentType, String body,
            String... headers) {
        return as.raw(method, path, contentType, body, headers);
    }

    private static String detail(HttpResponse<String> response) {
        return JSON.readTree(response.body()).path("detail").asString();
    }

    private long id(String code) {
        return jdbc.sql("select p.id from parcel_all p join zone z on z.id = p.zone_id where z.code = :zone and p.code = :code")
                .param("zone", ZONE).param("code", code).query(Long.class).single();
    }

    private int version(long id) {
        return jdbc.sql("select version from parcel_all where id = :id").param("id", id).query(Integer.class).single();
    }

    private int events(long id) {
        return jdbc.sql("select count(*) from parcel_event where parcel_id = :id").param("id", id).query(Integer.class).single();
    }

    /** The official area, by PostGIS in EPSG:4549 independently of the answer. */
    private double areaM2(long id) {
        return jdbc.sql("select ST_Area(ST_Transform(geom, 4549)) from parcel_all where id = :id").param("id", id)
                .query(Double.class).single();
    }
}
