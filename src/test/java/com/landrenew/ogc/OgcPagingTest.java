package com.landrenew.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

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
 * What each role's collection list and API document name, and keyset paging: next links carry a cursor
 * (the last id) that stays right while parcels are added, pages grow for clients that follow them, and a
 * bad cursor is a 400.
 */
@LandRenewTest
class OgcPagingTest {

    static final String ZONE = "ogc-paging";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 2, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String ITEMS = "/ogc/collections/parcels/items?zone=" + ZONE;

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
        synchronized (OgcPagingTest.class) {
            if (fixtures.zoneExists(ZONE)) {
                return;
            }
            fixtures.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 1000);
            for (int i = 0; i < 5; i++) {
                fixtures.parcel(ZONE, null, "P-" + i, X0 + 100 + i * 200, Y0 + 100, X0 + 250 + i * 200, Y0 + 200, "100102",
                        null);
            }
        }
    }

    @Test
    void eachRoleListsOnlyTheCollectionsItMayRead() {
        List<String> everyone = List.of("zones", "blocks", "available-land", "buildings");
        List<String> signedIn = List.of("zones", "blocks", "parcels", "available-land", "buildings");
        assertThat(collectionIds(api.anonymous())).containsExactlyElementsOf(everyone);
        assertThat(collectionIds(api.as(TestUsers.ENTERPRISE))).containsExactlyElementsOf(signedIn);
        assertThat(collectionIds(api.as(TestUsers.PLANNER))).containsExactlyElementsOf(signedIn);

        // the API document too: a visitor's names no path of parcels
        JsonNode visitorPaths = api.anonymous().json("/ogc/api").path("paths");
        assertThat(visitorPaths.has("/collections/available-land/items")).isTrue();
        assertThat(visitorPaths.has("/collections/parcels/items")).isFalse();
        assertThat(visitorPaths.has("/collections/parcels")).isFalse();
        assertThat(api.as(TestUsers.ENTERPRISE).json("/ogc/api").path("paths").has("/collections/parcels/items")).isTrue();
        // the HTML list as well
        assertThat(api.anonymous().get("/ogc/collections?f=html").body()).contains("available-land")
                .doesNotContain("collections/parcels");
    }

    @Test
    void theApiDocumentGivesTheLimitsDefaultAndMaximum() {
        JsonNode limit = null;
        for (JsonNode p : api.json("/ogc/api").path("paths").path("/collections/parcels/items").path("get")
                .path("parameters")) {
            if (p.path("name").asString().equals("limit")) {
                limit = p.path("schema");
            }
        }
        assertThat(limit).isNotNull();
        assertThat(limit.path("default").asInt()).isEqualTo(ItemsQuery.DEFAULT_LIMIT);
        assertThat(limit.path("maximum").asInt()).isEqualTo(ItemsQuery.MAX_LIMIT);
        assertThat(limit.path("minimum").asInt()).isEqualTo(1);
    }

    @Test
    void cursorPagesReturnEveryFeatureOnceWhileAParcelIsAdded() {
        List<Long> before = jdbc.sql("select p.id from parcel p join zone z on z.id = p.zone_id where z.code = :zone "
                + "order by p.id").param("zone", ZONE).query(Long.class).list();

        JsonNode first = api.json(ITEMS + "&limit=2");
        List<Long> seen = new ArrayList<>(ids(first));
        assertThat(seen).containsExactlyElementsOf(before.subList(0, 2));
        String next = link(first, "next");
        // the cursor is the last id of the page; GeoJSON next pages are large, for clients reading it all
        assertThat(next).contains("cursor=" + before.get(1), "limit=" + ItemsQuery.FOLLOW_LIMIT, "zone=" + ZONE)
                .doesNotContain("offset=");

        // a parcel is added between two pages (in this class's own zone: it stays, nothing is ever deleted)
        long added = fixtures.parcel(ZONE, null, "P-new", X0 + 1100, Y0 + 500, X0 + 1200, Y0 + 600, "100102", null);
        List<Long> expected = new ArrayList<>(before);
        expected.add(added);

        // pages of 2 by cursor, each starting after the last id of the one before, until no next link
        long cursor = before.get(1);
        for (int pages = 1; ; pages++) {
            JsonNode answer = api.json(ITEMS + "&limit=2&cursor=" + cursor);
            List<Long> ids = ids(answer);
            seen.addAll(ids);
            if (link(answer, "next") == null) {
                break;
            }
            cursor = ids.get(ids.size() - 1);
            assertThat(pages).as("pages").isLessThan(10);
        }
        assertThat(seen).containsExactlyElementsOf(expected);

        // following the next link itself reads the rest in one large page
        JsonNode rest = api.json(next.substring(api.url("").length()));
        assertThat(ids(rest)).containsExactlyElementsOf(expected.subList(2, expected.size()));
        assertThat(link(rest, "next")).isNull();
        assertThat(rest.path("numberMatched").asLong()).isEqualTo(expected.size());
    }

    @Test
    void aBadCursorIsA400InChineseThenEnglish() {
        for (String bad : List.of("cursor=abc", "cursor=-1", "cursor=1e400", "cursor=12345678901234567890",
                "cursor=1&offset=2")) {
            Api.Response answer = api.get(ITEMS + "&" + bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            String detail = answer.json().path("detail").asString();
            assertThat(detail).as(bad).matches("(?s)^\\p{IsHan}.*").contains("cursor");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> collectionIds(Api as) {
        List<String> ids = new ArrayList<>();
        as.json("/ogc/collections").path("collections").forEach(c -> ids.add(c.path("id").asString()));
        return ids;
    }

    private static List<Long> ids(JsonNode collection) {
        List<Long> ids = new ArrayList<>();
        collection.path("features").forEach(f -> ids.add(f.path("id").asLong()));
        return ids;
    }

    private static String link(JsonNode collection, String rel) {
        for (JsonNode l : collection.path("links")) {
            if (l.path("rel").asString().equals(rel)) {
                return l.path("href").asString();
            }
        }
        return null;
    }
}
