package com.landrenew.ogc;

import static com.landrenew.ogc.OgcFilterTest.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The abstract tests of OGC API - Features, written as ours because the OGC's executable suite (TEAM
 * Engine) cannot be downloaded here: one test per abstract test, named by its path in the standard
 * (Part 1 Core, GeoJSON, HTML, OpenAPI 3.0; Part 2 CRS; Part 3 queryables and filter, and the CQL2
 * classes /conformance declares). docs/tiles-and-ogc.md lists them with their results.
 */
@LandRenewTest
class OgcConformanceTest {

    static final String ZONE = "ogc-conformance";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String ITEMS = "/ogc/collections/parcels/items";
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final String SURVEY = "http://www.opengis.net/def/crs/EPSG/0/4549";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Api visitor;
    long first;

    @BeforeEach
    void setUp() {
        api = new Api(port).as(TestUsers.PLANNER);
        visitor = new Api(port).anonymous();
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (OgcConformanceTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
                for (int i = 0; i < 3; i++) {
                    long id = fixtures.parcel(ZONE, null, "C-" + i, X0 + 100 + 250 * i, Y0 + 100, X0 + 300 + 250 * i,
                            Y0 + 300, "100102", null);
                    jdbc.sql("update parcel set lease_start = cast(:s as date), lease_end = cast(:e as date) where id = :id")
                            .param("s", (2020 + i) + "-01-01").param("e", (2040 + i) + "-12-31").param("id", id).update();
                }
            }
        }
        first = jdbc.sql("select min(t.id) from parcel t join zone z on z.id = t.zone_id where z.code = :z")
                .param("z", ZONE).query(Long.class).single();
    }

    // ================================================================ Part 1: Core

    @Test
    @DisplayName("/conf/core/http")
    void conf_core_http() throws Exception {
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(visitor.newRequest("/ogc").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("/conf/core/root-op")
    void conf_core_root_op() {
        assertThat(visitor.get("/ogc").status()).isEqualTo(200);
        assertThat(visitor.get("/ogc/").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("/conf/core/root-success")
    void conf_core_root_success() {
        JsonNode landing = visitor.json("/ogc");
        assertThat(rels(landing)).contains("self", "service-desc", "conformance", "data");
        for (String rel : List.of("service-desc", "conformance", "data")) {
            assertThat(visitor.get(path(link(landing, rel))).status()).as(rel).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("/conf/core/api-definition-op")
    void conf_core_api_definition_op() {
        Api.Response answer = visitor.get(path(link(visitor.json("/ogc"), "service-desc")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/vnd.oai.openapi+json");
    }

    @Test
    @DisplayName("/conf/core/api-definition-success")
    void conf_core_api_definition_success() {
        JsonNode api = visitor.json("/ogc/api");
        assertThat(api.path("openapi").asString()).startsWith("3.0");
        assertThat(api.path("paths").has("/conformance")).isTrue();
        assertThat(api.path("paths").has("/collections")).isTrue();
    }

    @Test
    @DisplayName("/conf/core/conformance-op")
    void conf_core_conformance_op() {
        assertThat(visitor.get("/ogc/conformance").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("/conf/core/conformance-success")
    void conf_core_conformance_success() {
        assertThat(strings(visitor.json("/ogc/conformance").path("conformsTo"))).contains(
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
    }

    @Test
    @DisplayName("/conf/core/fc-md-op")
    void conf_core_fc_md_op() {
        assertThat(visitor.get("/ogc/collections").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("/conf/core/fc-md-success")
    void conf_core_fc_md_success() {
        JsonNode collections = visitor.json("/ogc/collections");
        assertThat(collections.path("links").isArray()).isTrue();
        assertThat(collections.path("collections").isArray()).isTrue();
        assertThat(collections.path("collections")).isNotEmpty();
    }

    @Test
    @DisplayName("/conf/core/fc-md-links")
    void conf_core_fc_md_links() {
        assertThat(rels(visitor.json("/ogc/collections"))).contains("self", "alternate");
    }

    @Test
    @DisplayName("/conf/core/fc-md-items")
    void conf_core_fc_md_items() {
        for (JsonNode c : api.json("/ogc/collections").path("collections")) {
            assertThat(c.path("id").asString()).isNotBlank();
            assertThat(c.path("links").isArray()).isTrue();
        }
    }

    @Test
    @DisplayName("/conf/core/fc-md-items-links")
    void conf_core_fc_md_items_links() {
        for (JsonNode c : api.json("/ogc/collections").path("collections")) {
            String items = link(c, "items");
            assertThat(items).as(c.path("id").asString()).endsWith("/collections/" + c.path("id").asString() + "/items");
            assertThat(api.get(path(items) + "?limit=1").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("/conf/core/fc-md-extent")
    void conf_core_fc_md_extent() {
        JsonNode extent = api.json("/ogc/collections/parcels").path("extent");
        JsonNode bbox = extent.path("spatial").path("bbox").get(0);
        assertThat(bbox).hasSize(4);
        assertThat(bbox.get(0).asDouble()).isLessThan(bbox.get(2).asDouble());
        assertThat(extent.path("spatial").path("crs").asString()).isEqualTo(CRS84);
        assertThat(extent.path("temporal").path("interval").get(0)).hasSize(2);
    }

    @Test
    @DisplayName("/conf/core/sfc-md-op")
    void conf_core_sfc_md_op() {
        for (JsonNode c : api.json("/ogc/collections").path("collections")) {
            assertThat(api.get("/ogc/collections/" + c.path("id").asString()).status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("/conf/core/sfc-md-success")
    void conf_core_sfc_md_success() {
        for (JsonNode c : api.json("/ogc/collections").path("collections")) {
            JsonNode alone = api.json("/ogc/collections/" + c.path("id").asString());
            assertThat(alone.path("id")).isEqualTo(c.path("id"));
            assertThat(alone.path("title")).isEqualTo(c.path("title"));
            assertThat(alone.path("extent").path("spatial")).isEqualTo(c.path("extent").path("spatial"));
        }
    }

    @Test
    @DisplayName("/conf/core/fc-op")
    void conf_core_fc_op() {
        Api.Response answer = api.get(ITEMS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/geo+json");
    }

    @Test
    @DisplayName("/conf/core/fc-limit-definition")
    void conf_core_fc_limit_definition() {
        JsonNode limit = parameter(api.json("/ogc/api"), "/collections/parcels/items", "limit");
        assertThat(limit.path("schema").path("type").asString()).isEqualTo("integer");
        assertThat(limit.path("schema").path("minimum").asInt()).isEqualTo(1);
        assertThat(limit.path("schema").path("maximum").asInt()).isGreaterThanOrEqualTo(limit.path("schema")
                .path("default").asInt());
        assertThat(limit.path("style").asString("form")).isEqualTo("form");
    }

    @Test
    @DisplayName("/conf/core/fc-limit-response")
    void conf_core_fc_limit_response() {
        JsonNode page = api.json(ITEMS + "?zone=" + ZONE + "&limit=2");
        assertThat(page.path("features")).hasSize(2);
        assertThat(page.path("numberReturned").asInt()).isEqualTo(2);
        assertThat(api.get(ITEMS + "?limit=0").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("/conf/core/fc-bbox-definition")
    void conf_core_fc_bbox_definition() {
        JsonNode bbox = parameter(api.json("/ogc/api"), "/collections/parcels/items", "bbox");
        assertThat(bbox.path("schema").path("type").asString()).isEqualTo("array");
        assertThat(bbox.path("schema").path("minItems").asInt()).isEqualTo(4);
        assertThat(bbox.path("schema").path("maxItems").asInt()).isEqualTo(6);
        assertThat(bbox.path("explode").asBoolean(true)).isFalse();
    }

    @Test
    @DisplayName("/conf/core/fc-bbox-response")
    void conf_core_fc_bbox_response() {
        // a box in EPSG:4549 (northing first) around C-0 only
        String box = (Y0 + 150) + "," + (X0 + 150) + "," + (Y0 + 250) + "," + (X0 + 250);
        JsonNode page = api.json(ITEMS + "?bbox=" + box + "&bbox-crs=" + enc(SURVEY));
        assertThat(codes(page)).containsExactly("C-0");
    }

    @Test
    @DisplayName("/conf/core/fc-time-definition")
    void conf_core_fc_time_definition() {
        JsonNode datetime = parameter(api.json("/ogc/api"), "/collections/parcels/items", "datetime");
        assertThat(datetime.path("schema").path("type").asString()).isEqualTo("string");
    }

    @Test
    @DisplayName("/conf/core/fc-time-response")
    void conf_core_fc_time_response() {
        // leases run 2020–2040, 2021–2041, 2022–2042: only the last meets 2042
        assertThat(codes(api.json(ITEMS + "?zone=" + ZONE + "&datetime=2042-06-01"))).containsExactly("C-2");
        assertThat(codes(api.json(ITEMS + "?zone=" + ZONE + "&datetime=../2020-06-01"))).containsExactly("C-0");
    }

    @Test
    @DisplayName("/conf/core/query-param-invalid")
    void conf_core_query_param_invalid() {
        for (String bad : List.of("limit=abc", "limit=-1", "bbox=1,2,3", "datetime=yesterday", "crs=EPSG:1")) {
            assertThat(api.get(ITEMS + "?" + bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    @DisplayName("/conf/core/query-param-unknown")
    void conf_core_query_param_unknown() {
        assertThat(api.get(ITEMS + "?nosuchparameter=1").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("/conf/core/fc-response")
    void conf_core_fc_response() {
        JsonNode page = api.json(ITEMS + "?zone=" + ZONE);
        assertThat(page.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(page.path("features")).hasSize(3);
        for (JsonNode f : page.path("features")) {
            assertThat(f.path("type").asString()).isEqualTo("Feature");
        }
    }

    @Test
    @DisplayName("/conf/core/fc-links")
    void conf_core_fc_links() {
        JsonNode page = api.json(ITEMS + "?zone=" + ZONE + "&limit=1");
        assertThat(rels(page)).contains("self", "alternate", "next");
        assertThat(link(page, "self")).contains("limit=1");
        JsonNode next = api.json(path(link(page, "next")));
        assertThat(codes(next)).doesNotContain(codes(page).get(0));
    }

    @Test
    @DisplayName("/conf/core/fc-timeStamp")
    void conf_core_fc_timeStamp() {
        assertThat(api.json(ITEMS + "?limit=1").path("timeStamp").asString()).matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    @DisplayName("/conf/core/fc-numberMatched")
    void conf_core_fc_numberMatched() {
        assertThat(api.json(ITEMS + "?zone=" + ZONE + "&limit=1").path("numberMatched").asLong()).isEqualTo(3);
        long all = jdbc.sql("select count(*) from parcel").query(Long.class).single();
        assertThat(api.json(ITEMS + "?limit=1").path("numberMatched").asLong()).isEqualTo(all);
    }

    @Test
    @DisplayName("/conf/core/fc-numberReturned")
    void conf_core_fc_numberReturned() {
        JsonNode page = api.json(ITEMS + "?zone=" + ZONE + "&limit=2");
        assertThat(page.path("numberReturned").asInt()).isEqualTo(page.path("features").size());
    }

    @Test
    @DisplayName("/conf/core/f-op")
    void conf_core_f_op() {
        assertThat(api.get(ITEMS + "/" + first).status()).isEqualTo(200);
        assertThat(api.get(ITEMS + "/999999999").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("/conf/core/f-success")
    void conf_core_f_success() {
        JsonNode feature = api.json(ITEMS + "/" + first);
        assertThat(feature.path("type").asString()).isEqualTo("Feature");
        assertThat(feature.path("id").asLong()).isEqualTo(first);
        assertThat(rels(feature)).contains("self", "alternate", "collection");
    }

    // ================================================================ Part 1: GeoJSON

    @Test
    @DisplayName("/conf/geojson/definition")
    void conf_geojson_definition() {
        assertThat(strings(visitor.json("/ogc/conformance").path("conformsTo")))
                .contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");
        assertThat(api.get(ITEMS + "?limit=1").contentType()).startsWith("application/geo+json");
        assertThat(api.get(ITEMS + "/" + first).contentType()).startsWith("application/geo+json");
    }

    @Test
    @DisplayName("/conf/geojson/content")
    void conf_geojson_content() {
        JsonNode feature = api.json(ITEMS + "/" + first);
        assertThat(feature.path("geometry").path("type").asString()).isIn("Polygon", "MultiPolygon");
        assertThat(feature.path("properties").isObject()).isTrue();
        JsonNode position = feature.path("geometry").path("coordinates").get(0).get(0).get(0);
        // RFC 7946: longitude, latitude in degrees
        assertThat(position.get(0).asDouble()).isBetween(73.0, 136.0);
        assertThat(position.get(1).asDouble()).isBetween(3.0, 54.0);
    }

    // ================================================================ Part 1: HTML

    @Test
    @DisplayName("/conf/html/definition")
    void conf_html_definition() {
        for (String path : List.of("/ogc?f=html", "/ogc/conformance?f=html", "/ogc/collections?f=html",
                ITEMS + "?limit=1&f=html", ITEMS + "/" + first + "?f=html")) {
            Api.Response answer = api.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.contentType()).as(path).startsWith("text/html");
        }
    }

    @Test
    @DisplayName("/conf/html/content")
    void conf_html_content() {
        String page = api.get(ITEMS + "?zone=" + ZONE + "&f=html").body();
        assertThat(page).contains("<html", "C-0", "C-1", "C-2");
    }

    // ================================================================ Part 1: OpenAPI 3.0

    @Test
    @DisplayName("/conf/oas30/completeness")
    void conf_oas30_completeness() {
        JsonNode paths = api.json("/ogc/api").path("paths");
        for (JsonNode c : api.json("/ogc/collections").path("collections")) {
            String id = c.path("id").asString();
            assertThat(paths.has("/collections/" + id)).as(id).isTrue();
            assertThat(paths.has("/collections/" + id + "/items")).as(id).isTrue();
            assertThat(paths.has("/collections/" + id + "/items/{featureId}")).as(id).isTrue();
        }
    }

    @Test
    @DisplayName("/conf/oas30/exceptions-codes")
    void conf_oas30_exceptions_codes() {
        JsonNode responses = api.json("/ogc/api").path("paths").path("/collections/parcels/items").path("get")
                .path("responses");
        assertThat(responses.has("200")).isTrue();
        assertThat(responses.has("400")).isTrue();
        assertThat(api.get(ITEMS + "?limit=x").contentType()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("/conf/oas30/oas-definition-1")
    void conf_oas30_oas_definition_1() {
        assertThat(api.get("/ogc/api").contentType()).startsWith("application/vnd.oai.openapi+json;version=3.0");
    }

    @Test
    @DisplayName("/conf/oas30/oas-definition-2")
    void conf_oas30_oas_definition_2() {
        JsonNode api = this.api.json("/ogc/api");
        assertThat(api.path("info").path("title").asString()).isNotBlank();
        assertThat(api.path("info").path("version").asString()).isNotBlank();
        assertThat(api.path("servers").get(0).path("url").asString()).endsWith("/ogc");
    }

    @Test
    @DisplayName("/conf/oas30/oas-impl")
    void conf_oas30_oas_impl() {
        JsonNode paths = api.json("/ogc/api").path("paths");
        for (String path : names(paths)) {
            String concrete = path.replace("{featureId}", String.valueOf(first));
            if (concrete.contains("/items/") && !concrete.startsWith("/collections/parcels/")) {
                continue;   // a feature id of another collection
            }
            assertThat(api.get("/ogc" + (concrete.equals("/") ? "" : concrete)).status()).as(path).isEqualTo(200);
        }
    }

    // ================================================================ Part 2: CRS by reference

    @Test
    @DisplayName("/conf/crs/crs-uri")
    void conf_crs_crs_uri() {
        assertThat(strings(api.json("/ogc/collections/parcels").path("crs"))).contains(CRS84, SURVEY);
        assertThat(strings(api.json("/ogc/collections").path("crs"))).contains(CRS84);
    }

    @Test
    @DisplayName("/conf/crs/default-crs")
    void conf_crs_default_crs() {
        assertThat(api.getBinary(ITEMS + "?limit=1").header("Content-Crs")).isEqualTo("<" + CRS84 + ">");
    }

    @Test
    @DisplayName("/conf/crs/storageCrs")
    void conf_crs_storageCrs() {
        JsonNode parcels = api.json("/ogc/collections/parcels");
        assertThat(parcels.path("storageCrs").asString()).isEqualTo(SURVEY);
        assertThat(strings(parcels.path("crs"))).contains(SURVEY);
    }

    @Test
    @DisplayName("/conf/crs/crs-parameter")
    void conf_crs_crs_parameter() {
        assertThat(api.getBinary(ITEMS + "?limit=1&crs=" + enc(SURVEY)).header("Content-Crs")).isEqualTo("<" + SURVEY + ">");
        assertThat(api.get(ITEMS + "?crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/1")).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("/conf/crs/crs-transform")
    void conf_crs_crs_transform() {
        JsonNode ring = api.json(ITEMS + "/" + first + "?crs=" + enc(SURVEY)).path("geometry").path("coordinates").get(0)
                .get(0);
        // northing first in EPSG:4549; C-0's corners are whole metres
        List<String> corners = new ArrayList<>();
        ring.forEach(p -> corners.add(Math.round(p.get(0).asDouble()) + " " + Math.round(p.get(1).asDouble())));
        assertThat(corners).contains(Math.round(Y0 + 100) + " " + Math.round(X0 + 100),
                Math.round(Y0 + 300) + " " + Math.round(X0 + 300));
    }

    @Test
    @DisplayName("/conf/crs/bbox-crs-parameter")
    void conf_crs_bbox_crs_parameter() {
        String box = (Y0 + 150) + "," + (X0 + 150) + "," + (Y0 + 250) + "," + (X0 + 250);
        assertThat(codes(api.json(ITEMS + "?bbox=" + box + "&bbox-crs=" + enc(SURVEY)))).containsExactly("C-0");
        assertThat(api.get(ITEMS + "?bbox=" + box + "&bbox-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/1"))
                .status()).isEqualTo(400);
    }

    // ================================================================ Part 3: Filtering

    @Test
    @DisplayName("/conf/queryables/get-queryables-op")
    void conf_queryables_get_queryables_op() {
        for (JsonNode c : api.json("/ogc/collections").path("collections")) {
            Api.Response answer = api.get("/ogc/collections/" + c.path("id").asString() + "/queryables");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.contentType()).startsWith("application/schema+json");
        }
    }

    @Test
    @DisplayName("/conf/queryables/get-queryables-response")
    void conf_queryables_get_queryables_response() {
        JsonNode q = api.json("/ogc/collections/parcels/queryables");
        assertThat(q.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(q.path("$id").asString()).endsWith("/ogc/collections/parcels/queryables");
        assertThat(q.path("type").asString()).isEqualTo("object");
        assertThat(names(q.path("properties"))).contains("state", "land_use", "lease_start", "geometry");
    }

    @Test
    @DisplayName("/conf/queryables/queryables-link")
    void conf_queryables_queryables_link() {
        for (JsonNode c : api.json("/ogc/collections").path("collections")) {
            assertThat(link(c, "http://www.opengis.net/def/rel/ogc/1.0/queryables")).as(c.path("id").asString())
                    .endsWith("/collections/" + c.path("id").asString() + "/queryables");
        }
    }

    @Test
    @DisplayName("/conf/filter/filter-param")
    void conf_filter_filter_param() {
        JsonNode filter = parameter(api.json("/ogc/api"), "/collections/parcels/items", "filter");
        assertThat(filter.path("schema").path("type").asString()).isEqualTo("string");
        assertThat(codes(api.json(ITEMS + "?filter=" + enc("code = 'C-1' and zone = '" + ZONE + "'"))))
                .containsExactly("C-1");
        assertThat(api.get(ITEMS + "?filter=" + enc("code = = 'C-1'")).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("/conf/filter/filter-lang-param")
    void conf_filter_filter_lang_param() {
        JsonNode lang = parameter(api.json("/ogc/api"), "/collections/parcels/items", "filter-lang");
        assertThat(strings(lang.path("schema").path("enum"))).contains("cql2-text", "cql2-json");
        assertThat(lang.path("schema").path("default").asString()).isEqualTo("cql2-text");
        String json = "{\"op\":\"and\",\"args\":[{\"op\":\"=\",\"args\":[{\"property\":\"code\"},\"C-1\"]},"
                + "{\"op\":\"=\",\"args\":[{\"property\":\"zone\"},\"" + ZONE + "\"]}]}";
        assertThat(codes(api.json(ITEMS + "?filter-lang=cql2-json&filter=" + enc(json)))).containsExactly("C-1");
        assertThat(api.get(ITEMS + "?filter-lang=ecql&filter=" + enc("true")).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("/conf/filter/filter-crs-wgs84")
    void conf_filter_filter_crs_wgs84() {
        String point = jdbc.sql("select ST_AsText(ST_Transform(ST_SetSRID(ST_Point(:x, :y), 4549), 4326), 9)")
                .param("x", X0 + 200).param("y", Y0 + 200).query(String.class).single();
        assertThat(codes(api.json(ITEMS + "?filter=" + enc("S_INTERSECTS(geometry, " + point + ")")))).containsExactly("C-0");
    }

    @Test
    @DisplayName("/conf/filter/filter-crs-param")
    void conf_filter_filter_crs_param() {
        String point = "POINT(" + (Y0 + 200) + " " + (X0 + 450) + ")";   // EPSG:4549, northing first: inside C-1
        assertThat(codes(api.json(ITEMS + "?filter-crs=" + enc(SURVEY) + "&filter=" + enc("S_INTERSECTS(geometry, "
                + point + ")")))).containsExactly("C-1");
        assertThat(api.get(ITEMS + "?filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/1") + "&filter="
                + enc("true")).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("/conf/filter/mixing-expressions")
    void conf_filter_mixing_expressions() {
        // filter, bbox, datetime and an attribute parameter are all met together
        String box = (Y0 + 50) + "," + (X0 + 50) + "," + (Y0 + 350) + "," + (X0 + 550);   // C-0 and C-1
        assertThat(codes(api.json(ITEMS + "?zone=" + ZONE + "&bbox=" + box + "&bbox-crs=" + enc(SURVEY)
                + "&datetime=2041-06-01&filter=" + enc("land_use = '100102'")))).containsExactly("C-1");
    }

    @Test
    @DisplayName("/conf/filter/response")
    void conf_filter_response() {
        JsonNode page = api.json(ITEMS + "?zone=" + ZONE + "&limit=1&filter=" + enc("code <> 'C-0'"));
        assertThat(page.path("numberMatched").asInt()).isEqualTo(2);
        assertThat(link(page, "next")).contains("filter=");
        assertThat(codes(api.json(path(link(page, "next"))))).containsExactly("C-2");
    }

    @Test
    @DisplayName("/conf/features-filter/response")
    void conf_features_filter_response() {
        // the filter only narrows what the reader may read: a visitor's available land stays theirs
        assertThat(visitor.get(ITEMS + "?filter=" + enc("true")).status()).isEqualTo(401);
        assertThat(visitor.json("/ogc/collections/available-land/items?zone=" + ZONE + "&filter=" + enc("true"))
                .path("numberMatched").asInt()).isZero();
    }

    // ================================================================ CQL2 classes /conformance declares

    @Test
    @DisplayName("/conf/cql2-text/validate")
    void conf_cql2_text_validate() {
        assertThat(count("zone = '" + ZONE + "' AND NOT (code IN ('C-0')) OR code = 'none'")).isEqualTo(2);
        assertThat(api.get(ITEMS + "?filter=" + enc("zone = '")).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("/conf/cql2-json/validate")
    void conf_cql2_json_validate() {
        String json = "{\"op\":\"or\",\"args\":[{\"op\":\"=\",\"args\":[{\"property\":\"code\"},\"C-0\"]},"
                + "{\"op\":\"=\",\"args\":[{\"property\":\"code\"},\"C-2\"]}]}";
        assertThat(codes(api.json(ITEMS + "?zone=" + ZONE + "&filter-lang=cql2-json&filter=" + enc(json))))
                .containsExactly("C-0", "C-2");
    }

    @Test
    @DisplayName("/conf/basic-cql2/comparison-predicates")
    void conf_basic_cql2() {
        assertThat(count("zone = '" + ZONE + "' AND lease_start >= DATE('2021-01-01')")).isEqualTo(2);
        assertThat(count("zone = '" + ZONE + "' AND height_limit_m IS NULL")).isEqualTo(3);
        assertThat(count("zone = '" + ZONE + "' AND lease_end > lease_start")).isEqualTo(3);
    }

    @Test
    @DisplayName("/conf/advanced-comparison-operators/like-between-in")
    void conf_advanced_comparison_operators() {
        assertThat(count("zone = '" + ZONE + "' AND code LIKE 'C-%'")).isEqualTo(3);
        assertThat(count("zone = '" + ZONE + "' AND lease_start BETWEEN DATE('2020-06-01') AND DATE('2022-01-01')"))
                .isEqualTo(2);
        assertThat(count("zone = '" + ZONE + "' AND code IN ('C-0', 'C-2')")).isEqualTo(2);
    }

    @Test
    @DisplayName("/conf/spatial-functions/spatial-predicates")
    void conf_spatial_functions() {
        String box = "POLYGON((%1$s %2$s,%1$s %3$s,%4$s %3$s,%4$s %2$s,%1$s %2$s))".formatted(Y0 + 50, X0 + 50,
                X0 + 400, Y0 + 350);   // northing first: all of C-0, part of C-1
        String crs = "&filter-crs=" + enc(SURVEY);
        String zone = "zone = '" + ZONE + "' AND ";
        assertThat(count(crs, zone + "S_INTERSECTS(geometry, " + box + ")")).isEqualTo(2);
        assertThat(count(crs, zone + "S_WITHIN(geometry, " + box + ")")).isEqualTo(1);
        assertThat(count(crs, zone + "S_DISJOINT(geometry, " + box + ")")).isEqualTo(1);
        assertThat(count(crs, zone + "S_OVERLAPS(geometry, " + box + ")")).isEqualTo(1);
        assertThat(count(crs, zone + "S_CONTAINS(geometry, POINT(" + (Y0 + 200) + " " + (X0 + 700) + "))")).isEqualTo(1);
    }

    @Test
    @DisplayName("/conf/temporal-functions/temporal-predicates")
    void conf_temporal_functions() {
        String zone = "zone = '" + ZONE + "' AND ";
        String lease = "INTERVAL(lease_start, lease_end)";
        assertThat(count(zone + "T_INTERSECTS(" + lease + ", INTERVAL('2041-06-01', '..'))")).isEqualTo(2);
        assertThat(count(zone + "T_BEFORE(" + lease + ", DATE('2041-01-01'))")).isEqualTo(1);
        assertThat(count(zone + "T_AFTER(lease_start, DATE('2020-12-31'))")).isEqualTo(2);
        assertThat(count(zone + "T_DURING(" + lease + ", INTERVAL('2019-01-01', '2041-12-31'))")).isEqualTo(1);
        assertThat(count(zone + "T_STARTS(" + lease + ", INTERVAL('2020-01-01', '2050-01-01'))")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    private long count(String filter) {
        return count("", filter);
    }

    private long count(String more, String filter) {
        Api.Response answer = api.get(ITEMS + "?filter=" + enc(filter) + more);
        assertThat(answer.status()).as(filter + ": " + answer.body()).isEqualTo(200);
        return answer.json().path("numberMatched").asLong();
    }

    private String path(String href) {
        return href.substring(api.url("").length());
    }

    private static JsonNode parameter(JsonNode api, String path, String name) {
        for (JsonNode p : api.path("paths").path(path).path("get").path("parameters")) {
            if (p.path("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name + " on " + path);
    }

    private static List<String> rels(JsonNode document) {
        List<String> rels = new ArrayList<>();
        document.path("links").forEach(l -> rels.add(l.path("rel").asString()));
        return rels;
    }

    private static String link(JsonNode document, String rel) {
        for (JsonNode l : document.path("links")) {
            if (l.path("rel").asString().equals(rel)) {
                return l.path("href").asString();
            }
        }
        return null;
    }

    private static List<String> codes(JsonNode page) {
        List<String> codes = new ArrayList<>();
        page.path("features").forEach(f -> codes.add(f.path("properties").path("code").asString()));
        return codes;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(s -> strings.add(s.asString()));
        return strings;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
