package com.landrenew.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * OGC API - Features against hand-built parcels in their own zone: landing, conformance, collections,
 * paging by links, bbox (CRS84 and EPSG:4549), attribute and datetime filters, single features in
 * other CRSs, HTML, and the 400s and 404s a client gets for bad requests.
 */
@LandRenewTest
class OgcApiTest {

    static final String ZONE = "ogc-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 2, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final String EPSG4549 = "http://www.opengis.net/def/crs/EPSG/0/4549";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (OgcApiTest.class) {
            if (fixtures.zoneExists(ZONE)) {
                return;
            }
            fixtures.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 1000);
            fixtures.block(ZONE, "o-west", X0, Y0, X0 + 1000, Y0 + 1000);
            // O-1: 200 m x 100 m = 20,000 m² = 30 mu, leased 2010-2060
            long o1 = fixtures.parcel(ZONE, "o-west", "O-1", X0 + 100, Y0 + 100, X0 + 300, Y0 + 200, "100102", null);
            // O-2: supplied, leased from 2025
            long o2 = fixtures.parcel(ZONE, "o-west", "O-2", X0 + 400, Y0 + 100, X0 + 500, Y0 + 200, "110101", null);
            fixtures.walk(o2, "2023-05-01", "vacating", "vacated", "stored", "prepared", "supplied");
            // O-3: in the east, no block and no lease
            fixtures.parcel(ZONE, null, "O-3", X0 + 1500, Y0 + 100, X0 + 1700, Y0 + 300, "0901", null);
            jdbc.sql("update parcel set lease_start = :start, lease_end = :end where id = :id").param("id", o1)
                    .param("start", java.time.LocalDate.parse("2010-01-01"))
                    .param("end", java.time.LocalDate.parse("2060-01-01")).update();
            jdbc.sql("update parcel set lease_start = :start, lease_end = :end where id = :id").param("id", o2)
                    .param("start", java.time.LocalDate.parse("2025-03-01"))
                    .param("end", java.time.LocalDate.parse("2075-02-28")).update();
        }
    }

    @Test
    void landingPageAndConformanceNameTheApi() {
        JsonNode landing = api.json("/ogc");
        Map<String, String> links = new HashMap<>();
        landing.path("links").forEach(l -> links.put(l.path("rel").asString(), l.path("href").asString()));
        assertThat(links).containsEntry("conformance", api.url("/ogc/conformance"))
                .containsEntry("data", api.url("/ogc/collections")).containsEntry("service-desc", api.url("/ogc/api"))
                .containsKey("self").containsKey("alternate");

        List<String> classes = new ArrayList<>();
        api.json("/ogc/conformance").path("conformsTo").forEach(c -> classes.add(c.asString()));
        assertThat(classes).contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
                "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");

        JsonNode openApi = api.json("/ogc/api");
        JsonNode limit = null;
        for (JsonNode p : openApi.path("paths").path("/collections/parcels/items").path("get").path("parameters")) {
            if (p.path("name").asString().equals("limit")) {
                limit = p;
            }
        }
        assertThat(limit).isNotNull();
        assertThat(limit.path("schema").path("maximum").asInt()).isEqualTo(10_000);

        Api.Response html = api.get("/ogc?f=html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).contains("LandRenew", "collections?f=html");
        Api.Response xml = api.get("/ogc?f=xml");
        assertThat(xml.status()).isEqualTo(400);
        assertThat(xml.json().path("detail").asString()).isEqualTo("参数 f 应为 json 或 html，收到 'xml'。f must be json or html, got: 'xml'");
    }

    @Test
    void collectionsDescribeTheirItemsExtentAndCrs() {
        JsonNode collections = api.json("/ogc/collections").path("collections");
        List<String> ids = new ArrayList<>();
        collections.forEach(c -> ids.add(c.path("id").asString()));
        assertThat(ids).containsExactly("zones", "blocks", "parcels", "available-land", "buildings");

        JsonNode parcels = api.json("/ogc/collections/parcels");
        assertThat(parcels.path("itemType").asString()).isEqualTo("feature");
        assertThat(parcels.path("storageCrs").asString()).isEqualTo(EPSG4549);
        List<String> crs = new ArrayList<>();
        parcels.path("crs").forEach(c -> crs.add(c.asString()));
        assertThat(crs).contains(CRS84, EPSG4549, "http://www.opengis.net/def/crs/EPSG/0/4490");
        boolean itemsLink = false;
        for (JsonNode l : parcels.path("links")) {
            itemsLink |= l.path("rel").asString().equals("items") && l.path("type").asString().equals("application/geo+json")
                    && l.path("href").asString().equals(api.url("/ogc/collections/parcels/items"));
        }
        assertThat(itemsLink).as("a GeoJSON items link").isTrue();
        double[] corner = lonLat(X0 + 100, Y0 + 100);
        JsonNode bbox = parcels.path("extent").path("spatial").path("bbox").get(0);
        assertThat(corner[0]).isBetween(bbox.get(0).asDouble(), bbox.get(2).asDouble());
        assertThat(corner[1]).isBetween(bbox.get(1).asDouble(), bbox.get(3).asDouble());

        Api.Response unknown = api.get("/ogc/collections/roads");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asString()).startsWith("没有集合 'roads'，可用的集合：").contains("parcels")
                .contains("。no collection 'roads'; collections: ");
        assertThat(api.get("/ogc/collections/roads/items").status()).isEqualTo(404);
    }

    @Test
    void itemsArePagedByNextAndPrevLinks() {
        JsonNode first = api.json("/ogc/collections/parcels/items?zone=" + ZONE + "&limit=2");
        assertThat(first.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(first.path("numberMatched").asLong()).isEqualTo(3);
        assertThat(first.path("numberReturned").asInt()).isEqualTo(2);
        assertThat(codes(first)).containsExactly("O-1", "O-2");
        assertThat(link(first, "prev")).isNull();
        String next = link(first, "next");
        assertThat(next).contains("cursor=", "zone=" + ZONE).doesNotContain("offset=");

        JsonNode second = api.json(next.substring(api.url("").length()));
        assertThat(second.path("numberReturned").asInt()).isEqualTo(1);
        assertThat(codes(second)).containsExactly("O-3");
        assertThat(link(second, "next")).as("no page after the last").isNull();

        // offset still works for clients that send it, with a prev link
        JsonNode byOffset = api.json("/ogc/collections/parcels/items?zone=" + ZONE + "&limit=2&offset=2");
        assertThat(codes(byOffset)).containsExactly("O-3");
        assertThat(link(byOffset, "prev")).contains("offset=0");
        assertThat(api.getBinary("/ogc/collections/parcels/items?zone=" + ZONE).header("Content-Crs"))
                .isEqualTo("<" + CRS84 + ">");
    }

    @Test
    void bboxSelectsWhatMeetsItInCrs84OrInTheSurveyCrs() {
        // A box around O-1 and O-2 only: from the fixture's own metres, west of O-3.
        double[] sw = lonLat(X0 + 50, Y0 + 50);
        double[] ne = lonLat(X0 + 1000, Y0 + 250);
        String bbox = sw[0] + "," + sw[1] + "," + ne[0] + "," + ne[1];
        JsonNode inBox = api.json("/ogc/collections/parcels/items?bbox=" + bbox);
        assertThat(codes(inBox)).containsExactly("O-1", "O-2");
        assertThat(inBox.path("numberMatched").asLong()).isEqualTo(2);

        // The same box given in EPSG:4549, northing first as that CRS orders its axes.
        String survey = (Y0 + 50) + "," + (X0 + 50) + "," + (Y0 + 250) + "," + (X0 + 1000);
        JsonNode inSurveyBox = api.json("/ogc/collections/parcels/items?bbox=" + survey + "&bbox-crs=" + enc(EPSG4549));
        assertThat(codes(inSurveyBox)).containsExactly("O-1", "O-2");

        for (String bad : List.of("1,2,3", "119.5,30.6,119.4,30.7", "119,91,120,92", "a,b,c,d")) {
            Api.Response answer = api.get("/ogc/collections/parcels/items?bbox=" + bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().path("detail").asString()).as(bad).contains("bbox");
        }
        assertThat(api.get("/ogc/collections/parcels/items?bbox=" + bbox + "&bbox-crs=EPSG:9999").status()).isEqualTo(400);
        // A box on the other side of the world: nothing, not an error.
        assertThat(api.json("/ogc/collections/parcels/items?bbox=-80,10,-79,11").path("numberMatched").asLong()).isZero();
    }

    @Test
    void limitAndOffsetAreBounded() {
        for (String bad : List.of("limit=0", "limit=10001", "limit=x", "offset=-1")) {
            Api.Response answer = api.get("/ogc/collections/parcels/items?" + bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().path("detail").asString()).contains(bad.substring(0, bad.indexOf('=')));
        }
        assertThat(api.json("/ogc/collections/parcels/items?limit=10000&zone=" + ZONE).path("numberReturned").asInt())
                .isEqualTo(3);
        Api.Response unknown = api.get("/ogc/collections/parcels/items?colour=red");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).startsWith("集合 parcels 没有查询参数 'colour'，可用：")
                .contains("colour", "state", "。unknown query parameter 'colour' for collection parcels");
    }

    @Test
    void attributeAndDatetimeFiltersNarrowTheItems() {
        String zone = "/ogc/collections/parcels/items?zone=" + ZONE;
        assertThat(codes(api.json(zone + "&state=supplied"))).containsExactly("O-2");
        assertThat(codes(api.json(zone + "&land_use=0901"))).containsExactly("O-3");
        assertThat(codes(api.json(zone + "&block=o-west&state=in_use"))).containsExactly("O-1");
        assertThat(codes(api.json(zone + "&idle=false"))).containsExactly("O-1", "O-2", "O-3");
        assertThat(api.get(zone + "&idle=maybe").status()).isEqualTo(400);

        // Leases: O-1 2010-2060, O-2 from 2025-03-01, O-3 none.
        assertThat(codes(api.json(zone + "&datetime=2015-06-01"))).containsExactly("O-1");
        assertThat(codes(api.json(zone + "&datetime=2025-03-01T00:00:00%2B08:00/.."))).containsExactly("O-1", "O-2");
        assertThat(codes(api.json(zone + "&datetime=../2009-12-31"))).isEmpty();
        assertThat(codes(api.json(zone + "&datetime=2061-01-01/2070-01-01"))).containsExactly("O-2");
        for (String bad : List.of("2024-13-01", "2025-01-01/2024-01-01", "../..", "yesterday")) {
            Api.Response answer = api.get(zone + "&datetime=" + bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().path("detail").asString()).startsWith("datetime").contains("。datetime")
                    .containsPattern("[\\x{4e00}-\\x{9fff}]");
        }
        assertThat(api.get("/ogc/collections/zones/items?datetime=2024-01-01").status())
                .as("zones have no time").isEqualTo(400);
        assertThat(codes(api.json("/ogc/collections/blocks/items?zone=" + ZONE))).containsExactly("o-west");
        assertThat(codes(api.json("/ogc/collections/zones/items?code=" + ZONE))).containsExactly(ZONE);
    }

    @Test
    void oneFeatureByIdInCrs84AndInTheSurveyCrs() {
        long id = jdbc.sql("select p.id from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = 'O-1'")
                .param("zone", ZONE).query(Long.class).single();
        JsonNode feature = api.json("/ogc/collections/parcels/items/" + id);
        assertThat(feature.path("id").asLong()).isEqualTo(id);
        JsonNode p = feature.path("properties");
        assertThat(p.path("code").asString()).isEqualTo("O-1");
        assertThat(p.path("zone").asString()).isEqualTo(ZONE);
        assertThat(p.path("block").asString()).isEqualTo("o-west");
        assertThat(p.path("area_m2").asDouble()).isEqualTo(20000.0);
        assertThat(p.path("area_mu").asDouble()).isEqualTo(30.0);
        assertThat(p.path("lease_start").asString()).isEqualTo("2010-01-01");
        double[] corner = lonLat(X0 + 100, Y0 + 100);
        assertThat(firstCorners(feature)).anySatisfy(c -> {
            assertThat(c[0]).isCloseTo(corner[0], within(1e-7));
            assertThat(c[1]).isCloseTo(corner[1], within(1e-7));
        });

        // In EPSG:4549 the corners come back exactly as built, northing first.
        Api.Binary survey = api.getBinary("/ogc/collections/parcels/items/" + id + "?crs=" + enc(EPSG4549));
        assertThat(survey.header("Content-Crs")).isEqualTo("<" + EPSG4549 + ">");
        JsonNode surveyFeature = tools.jackson.databind.json.JsonMapper.builder().build().readTree(survey.body());
        assertThat(firstCorners(surveyFeature)).contains(new double[] {Y0 + 100, X0 + 100}, new double[] {Y0 + 200, X0 + 300});

        Api.Response none = api.get("/ogc/collections/parcels/items/999999999");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().path("detail").asString())
                .isEqualTo("集合 parcels 中没有要素 '999999999'。no feature '999999999' in collection parcels");
        assertThat(api.get("/ogc/collections/parcels/items/O-1").status()).isEqualTo(404);
        assertThat(api.get("/ogc/collections/parcels/items/" + id + "?crs=EPSG:4326").status()).isEqualTo(400);

        Api.Binary html = api.getBinary("/ogc/collections/parcels/items/" + id, "Accept",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(html.header("Content-Type")).as("a browser's Accept").startsWith("text/html");
        assertThat(api.getBinary("/ogc/collections/parcels/items/" + id, "Accept",
                "application/geo+json, text/html;q=0.5").header("Content-Type")).startsWith("application/geo+json");
        assertThat(api.getBinary("/ogc/collections/parcels/items/" + id, "Accept", "*/*").header("Content-Type"))
                .startsWith("application/geo+json");
        assertThat(new String(html.body(), StandardCharsets.UTF_8)).contains("O-1", ZONE, "area_mu");
    }

    @Test
    void itemsAsHtmlListTheFeaturesWithPagingLinks() {
        Api.Response html = api.get("/ogc/collections/parcels/items?f=html&limit=2&zone=" + ZONE);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).contains("O-1", "O-2", "3 matched", "rel=\"next\"").doesNotContain("O-3");
    }

    // ---------------------------------------------------------------- helpers

    private double[] lonLat(double x, double y) {
        return jdbc.sql("select ST_X(g), ST_Y(g) from (select ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), 4549), 4326) as g) p")
                .param("x", x).param("y", y).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
    }

    private static List<String> codes(JsonNode collection) {
        List<String> codes = new ArrayList<>();
        collection.path("features").forEach(f -> codes.add(f.path("properties").path("code").asString()));
        return codes;
    }

    private static String link(JsonNode collection, String rel) {
        for (JsonNode l : collection.path("links")) {
            if (l.path("rel").asString().equals(rel)) {
                return l.path("href").asString();
            }
        }
        return null;
    }

    private static List<double[]> firstCorners(JsonNode feature) {
        List<double[]> corners = new ArrayList<>();
        feature.path("geometry").path("coordinates").get(0).get(0)
                .forEach(c -> corners.add(new double[] {c.get(0).asDouble(), c.get(1).asDouble()}));
        return corners;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
