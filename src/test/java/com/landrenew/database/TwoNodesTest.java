package com.landrenew.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.landrenew.LandRenewApplication;
import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.MovableClock;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import com.landrenew.tiles.TileCache;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application nodes on one PostgreSQL, as behind a balancer: node A is the suite's shared context, node B a
 * second one started here on another port against the same private server and database, reading tiles from a
 * streaming replica of it made here with pg_basebackup (both stopped after the class). A change on A shows in
 * B's tiles within 2 s (PostgreSQL NOTIFY, tiles/TileChangeListener, then the replica's replay), a node
 * whose listening connection broke drops its whole tile cache, a block renamed on A shows in B's tiles, a user
 * disabled on A is refused on B within 2 s (though B had the account cached), a browser session made on A works
 * on B, failed sign-ins counted on A lock the username on B, and B is unready while its replica is away.
 */
@LandRenewTest
class TwoNodesTest {

    static final String ZONE = "two-nodes";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final int ZOOM = 16;
    static final String PASSWORD = "two nodes, one password";

    /** The suite's private server and database (application-test.properties). */
    static final String SERVER_DIR = "target/postgis-test";
    static final String DATABASE = "landrenew_test";

    private static LocalPostgis server;
    private static LocalReplica replica;
    private static ConfigurableApplicationContext nodeB;
    private static int portB;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    Api a;
    Api b;

    @BeforeEach
    void startNodeBOnce() throws IOException {
        synchronized (TwoNodesTest.class) {
            if (nodeB == null) {
                Fixtures fixtures = new Fixtures(jdbc);
                double x0 = AREA.x0();
                double y0 = AREA.y0();
                fixtures.zone(ZONE, x0, y0, x0 + 1000, y0 + 1000);
                fixtures.block(ZONE, "n-block", x0, y0, x0 + 1000, y0 + 1000);
                fixtures.parcel(ZONE, "n-block", "N-1", x0 + 100, y0 + 100, x0 + 200, y0 + 200, "100102", null);
                fixtures.parcel(ZONE, "n-block", "N-2", x0 + 400, y0 + 100, x0 + 500, y0 + 300, "100102", null);
                fixtures.parcel(ZONE, "n-block", "N-3", x0 + 700, y0 + 100, x0 + 800, y0 + 300, "100102", null);
                fixtures.parcel(ZONE, "n-block", "N-4", x0 + 100, y0 + 600, x0 + 200, y0 + 700, "100102", null);
                server = LocalServers.running(Path.of(SERVER_DIR));
                replica = LocalReplica.fresh(server);
                // node A (this context) has made and migrated the database already; B only joins it, reading from the replica
                nodeB = new SpringApplicationBuilder(LandRenewApplication.class).profiles("test")
                        .run("--server.port=0", "--landrenew.sample-data.load=false",
                                "--landrenew.datasource.replica.url=" + replica.jdbcUrl(DATABASE),
                                "--landrenew.datasource.replica.username=" + server.appUsername(),
                                "--landrenew.datasource.replica.password=" + server.appPassword());
                portB = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
            }
        }
        a = new Api(port);
        b = new Api(portB);
    }

    @AfterEach
    void endLockouts() {
        clock.passSignInLockouts();   // this class's wrong passwords count no more for the tests after (both nodes' clock)
    }

    @AfterAll
    static void stopNodeBAndTheReplica() throws IOException {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
        if (replica != null) {
            replica.stopAndDelete();
            replica = null;
        }
    }

    @Test
    void nodeBCutsTilesFromTheReplicaWhereAWriteShowsWithinTwoSeconds() throws Exception {
        String tile = tilePath("N-3", 18);   // a tile no other test asks for: not in B's cache yet
        try (Connection onReplica = DriverManager.getConnection(replica.jdbcUrl(DATABASE), server.username(), server.password());
                Statement sql = onReplica.createStatement()) {
            sql.execute("select pg_wal_replay_pause()");
            try {
                assertThat(a.post("/api/parcels/" + ZONE + "/N-3/transitions",
                        "{\"to\":\"low_efficiency\",\"effectiveDate\":\"2024-03-01\",\"reason\":\"亩均评价D类\"}").status())
                        .isEqualTo(201);
                assertThat(state(a, tile, "N-3")).as("node A reads the primary").isEqualTo("low_efficiency");
                assertThat(state(b, tile, "N-3")).as("node B cuts the tile from the replica, paused before the change")
                        .isEqualTo("in_use");
            } finally {
                sql.execute("select pg_wal_replay_resume()");
            }
            within2s(() -> state(b, tile, "N-3").equals("low_efficiency"), "the replica replays the change and B's tile shows it");
            try (ResultSet state = sql.executeQuery("select state from parcel where code = 'N-3'")) {
                assertThat(state.next()).isTrue();
                assertThat(state.getString(1)).isEqualTo("low_efficiency");
            }
        }
        Api.Response readiness = b.as(TestUsers.ADMIN).get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("components").path("replica").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void aTransitionOnNodeAChangesTheTileNodeBServesWithinTwoSeconds() {
        String tile = tilePath("N-1");
        assertThat(state(b, tile, "N-1")).isEqualTo("in_use");
        assertThat(state(b, tile, "N-1")).as("now from B's cache").isEqualTo("in_use");

        assertThat(a.post("/api/parcels/" + ZONE + "/N-1/transitions",
                "{\"to\":\"low_efficiency\",\"effectiveDate\":\"2024-03-01\",\"reason\":\"亩均评价D类\"}").status())
                .isEqualTo(201);

        within2s(() -> state(b, tile, "N-1").equals("low_efficiency"), "node B serves the new state");
    }

    @Test
    void aNodeWhoseListeningConnectionBrokeDropsItsTileCacheAndHearsChangesAgain() {
        TileCache cacheB = nodeB.getBean(TileCache.class);
        String tile = tilePath("N-2");
        assertThat(state(b, tile, "N-2")).isEqualTo("in_use");
        assertThat(cacheB.entries()).isPositive();

        // the app login may end its own sessions: both nodes' listening connections go
        assertThat(jdbc.sql("""
                select count(*) from pg_stat_activity a, pg_terminate_backend(a.pid)
                where a.application_name = 'landrenew-tile-listener'""").query(Long.class).single()).isGreaterThanOrEqualTo(2);
        within2s(() -> cacheB.entries() == 0, "node B dropped every cached tile");
        within2s(() -> jdbc.sql("select count(*) from pg_stat_activity where application_name = 'landrenew-tile-listener'")
                .query(Long.class).single() >= 2, "both nodes listen again");

        assertThat(state(b, tile, "N-2")).isEqualTo("in_use");
        assertThat(a.post("/api/parcels/" + ZONE + "/N-2/transitions",
                "{\"to\":\"low_efficiency\",\"effectiveDate\":\"2024-03-01\",\"reason\":\"亩均评价D类\"}").status())
                .isEqualTo(201);
        within2s(() -> state(b, tile, "N-2").equals("low_efficiency"), "node B hears changes after reconnecting");
    }

    @Test
    void aSessionMadeOnNodeAWorksOnNodeBWithItsCsrfTokenAndEndsOnBoth() throws Exception {
        CookieManager cookies = new CookieManager();   // cookies go by host, not port: both nodes get them, as behind a balancer
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        send(browser, get(port, "/api/me"));
        HttpResponse<String> signedIn = send(browser, post(port, "/login", cookies,
                "application/x-www-form-urlencoded", "username=" + TestUsers.PLANNER + "&password="
                        + URLEncoder.encode(TestUsers.password(TestUsers.PLANNER), StandardCharsets.UTF_8)));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("SESSION=").containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));

        HttpResponse<String> meOnB = send(browser, get(portB, "/api/me"));
        assertThat(meOnB.statusCode()).as("signed in on B with A's session").isEqualTo(200);
        assertThat(meOnB.body()).contains("\"signedIn\":true", "\"username\":\"" + TestUsers.PLANNER + "\"");

        // A write on B with the session and the XSRF token (without the token it is refused: the session is a browser's)
        String edit = "{\"reason\":\"两节点会话 Session on two nodes\"}";
        assertThat(send(browser, HttpRequest.newBuilder(URI.create("http://localhost:" + portB + "/api/me/password"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(edit)).build())
                .statusCode()).as("no XSRF token").isEqualTo(403);
        HttpResponse<String> logout = send(browser, post(portB, "/logout", cookies, "application/json", ""));
        assertThat(logout.statusCode()).as("sign out on B, with the token: " + logout.body()).isLessThan(300);
        assertThat(send(browser, get(port, "/api/me")).body()).as("signed out on A too").contains("\"signedIn\":false");
    }

    @Test
    void failedSignInsCountedOnNodeALockTheUsernameOnNodeB() {
        String user = "two-nodes-locked";
        assertThat(a.as(TestUsers.ADMIN).post("/api/users", """
                {"username":"%s","displayName":"两节点 Two nodes","role":"planner","password":"%s"}"""
                .formatted(user, PASSWORD)).status()).isEqualTo(201);
        assertThat(b.as(user, PASSWORD).get("/api/me").status()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(a.as(user, "a wrong guess " + i).get("/api/me").status()).isEqualTo(401);
        }
        Api.Binary refused = b.as(user, PASSWORD).getBinary("/api/me");
        assertThat(refused.status()).as("locked on B by A's count, the right password too").isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();

        assertThat(b.as(TestUsers.ADMIN).send("DELETE", "/api/users/" + user + "/lockout", null).status())
                .as("B's admin sees A's lockout to lift").isLessThan(300);
        assertThat(a.as(user, PASSWORD).get("/api/me").status()).as("lifted on A too").isEqualTo(200);
    }

    @Test
    void aUserDisabledOnNodeAIsRefusedOnNodeBWithinTwoSeconds() {
        String user = "two-nodes-disabled";
        assertThat(a.as(TestUsers.ADMIN).post("/api/users", """
                {"username":"%s","displayName":"两节点停用 Disabled on two nodes","role":"planner","password":"%s"}"""
                .formatted(user, PASSWORD)).status()).isEqualTo(201);
        assertThat(b.as(user, PASSWORD).get("/api/me").status()).as("signed in on B: the account is in B's cache").isEqualTo(200);

        assertThat(a.as(TestUsers.ADMIN).send("PUT", "/api/users/" + user, "{\"enabled\":false}").status()).isEqualTo(200);

        within2s(() -> b.as(user, PASSWORD).get("/api/me").status() == 401, "node B refuses the disabled user");
        assertThat(a.as(user, PASSWORD).get("/api/me").status()).isEqualTo(401);
    }

    /** The wait for a paused replica (up to 5 s) after a parcel change does not hold up the account notice behind it. */
    @Test
    void aUserDisabledWhileTheReplicaLagsIsRefusedOnNodeBWithinTwoSeconds() throws Exception {
        String user = "two-nodes-disabled-lag";
        assertThat(a.as(TestUsers.ADMIN).post("/api/users", """
                {"username":"%s","displayName":"复制滞后时停用 Disabled while the replica lags","role":"planner","password":"%s"}"""
                .formatted(user, PASSWORD)).status()).isEqualTo(201);
        assertThat(b.as(user, PASSWORD).get("/api/me").status()).isEqualTo(200);
        try (Connection onReplica = DriverManager.getConnection(replica.jdbcUrl(DATABASE), server.username(), server.password());
                Statement sql = onReplica.createStatement()) {
            sql.execute("select pg_wal_replay_pause()");
            try {
                assertThat(a.post("/api/parcels/" + ZONE + "/N-4/transitions",
                        "{\"to\":\"low_efficiency\",\"effectiveDate\":\"2024-03-01\",\"reason\":\"亩均评价D类\"}").status())
                        .isEqualTo(201);
                assertThat(a.as(TestUsers.ADMIN).send("PUT", "/api/users/" + user, "{\"enabled\":false}").status()).isEqualTo(200);
                within2s(() -> b.as(user, PASSWORD).get("/api/me").status() == 401,
                        "node B refuses the disabled user while its replica is paused");
            } finally {
                sql.execute("select pg_wal_replay_resume()");
            }
        }
    }

    @Test
    void aBlockRenamedOnNodeAShowsInTheTileNodeBServesWithinTwoSeconds() {
        String tile = tilePath("N-1").replace("/tiles/parcels/", "/tiles/blocks/");
        String before = blockName(b, tile);
        assertThat(blockName(b, tile)).as("now from B's cache").isEqualTo(before);
        String renamed = "两节点区块 Block renamed on A";
        assertThat(renamed).isNotEqualTo(before);

        assertThat(a.as(TestUsers.PLANNER).send("PUT", "/api/zones/" + ZONE + "/blocks/n-block",
                "{\"name\":\"" + renamed + "\"}").status()).isEqualTo(200);

        within2s(() -> blockName(b, tile).equals(renamed), "node B's blocks tile shows the new name");
    }

    @Test
    void nodeBIsUnreadyWhileItsReplicaIsAwayAndReadyWhenItIsBack() throws IOException {
        Api admin = b.as(TestUsers.ADMIN);
        assertThat(admin.get("/actuator/health/readiness").status()).isEqualTo(200);
        replica.stop();
        try {
            Api.Response away = admin.get("/actuator/health/readiness");
            assertThat(away.status()).as(away.body()).isEqualTo(503);
            assertThat(away.json().path("components").path("replica").path("status").asString()).isEqualTo("DOWN");
            assertThat(away.json().path("components").path("db").path("status").asString()).as("the primary is there")
                    .isEqualTo("UP");
        } finally {
            replica.startAgain();
        }
        within2s(() -> admin.get("/actuator/health/readiness").status() == 200, "node B is ready again");
    }

    // ---------------------------------------------------------------- helpers

    private String tilePath(String code) {
        return tilePath(code, ZOOM);
    }

    /** The name the node's blocks tile gives this class's block. */
    private static String blockName(Api node, String tile) {
        return String.valueOf(properties(node, tile, "blocks", "n-block").get("name"));
    }

    private String tilePath(String code, int zoom) {
        double[] lonLat = jdbc.sql("""
                select ST_X(c), ST_Y(c) from (select ST_Transform(ST_Centroid(p.geom), 4326) as c
                from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = :code) x""")
                .param("zone", ZONE).param("code", code)
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        double r = 6378137;
        double mx = r * Math.toRadians(lonLat[0]);
        double my = r * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lonLat[1]) / 2));
        double size = 2 * Math.PI * r / (1 << zoom);
        return "/tiles/parcels/" + zoom + "/" + (int) Math.floor((mx + Math.PI * r) / size) + "/"
                + (int) Math.floor((Math.PI * r - my) / size) + ".mvt";
    }

    /** The state the node's tile gives the parcel. */
    private static String state(Api node, String tile, String code) {
        return String.valueOf(properties(node, tile, "parcels", code).get("state"));
    }

    /** The properties of the feature with this code in the node's tile. */
    private static java.util.Map<?, ?> properties(Api node, String tile, String layerName, String code) {
        Api.Binary answer = node.getBinary(tile);
        assertThat(answer.status()).as(tile).isEqualTo(200);
        try {
            JtsLayer layer = MvtReader.loadMvt(new ByteArrayInputStream(answer.body()), new GeometryFactory(),
                    new TagKeyValueMapConverter(false, "id")).getLayer(layerName);
            for (Geometry feature : layer.getGeometries()) {
                java.util.Map<?, ?> properties = (java.util.Map<?, ?>) feature.getUserData();
                if (code.equals(properties.get("code"))) {
                    return properties;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError(code + " is not in " + tile);
    }

    private static void within2s(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 2 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
    }

    /** A POST as the pages send it: the XSRF-TOKEN cookie's value as the X-XSRF-TOKEN header. */
    private static HttpRequest post(int port, String path, CookieManager cookies, String contentType, String body) {
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", contentType)
                .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(HttpClient browser, HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
