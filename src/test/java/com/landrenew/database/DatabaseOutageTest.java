package com.landrenew.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.landrenew.LandRenewApplication;
import com.landrenew.support.Api;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database goes away under a running application and comes back: requests fail fast with 503 and
 * Retry-After (Basic sign-ins too, never "wrong password"), readiness is DOWN, and the watchdog starts the
 * private server again, after which everything answers as before with nothing lost. An application of its
 * own on a private server of its own (the suite's shared one is not to be killed), started and closed here.
 */
class DatabaseOutageTest {

    private static final String SERVER_DIR = "target/postgis-outage";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void requestsFailFastWhileTheDatabaseIsAwayAndRecoverWhenTheWatchdogRestartsIt() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LandRenewApplication.class)
                .profiles("test")
                // as arguments: they must win over the test profile's server folder and database
                .run("--server.port=0", "--landrenew.local-db.dir=" + SERVER_DIR,
                        "--landrenew.local-db.database=landrenew_outage", "--landrenew.sample-data.load=false",
                        "--landrenew.database.connection-timeout=1s", "--landrenew.local-db.watchdog-interval=1s")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Api admin = new Api(port).as(TestUsers.ADMIN);
            Api auditor = new Api(port).as(TestUsers.AUDITOR);   // has not signed in yet: no account kept in memory
            Api visitor = new Api(port).anonymous();
            assertThat(admin.post("/api/users", """
                    {"username": "outage-keeper", "displayName": "停机前写入 Written before the outage",
                     "role": "planner", "password": "kept-through-the-crash"}""").status()).isEqualTo(201);
            assertThat(visitor.get("/actuator/health/readiness").status()).isEqualTo(200);

            LocalPostgis server = LocalServers.running(Path.of(SERVER_DIR));
            // Holding the server's lock keeps its watchdog waiting, so the outage lasts as long as these checks.
            synchronized (server) {
                kill(server);
                assertUnavailable(visitor, "/api/zones");
                assertUnavailable(admin, "/api/users");
                assertUnavailable(auditor, "/api/zones");   // its sign-in cannot read the users
                Api.Response readiness = visitor.get("/actuator/health/readiness");
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(readiness.body()).contains("DOWN").doesNotContain("components");
                assertThat(visitor.get("/actuator/health/liveness").status()).isEqualTo(200);
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (visitor.get("/actuator/health/readiness").status() != 200) {
                assertThat(System.nanoTime()).as("the watchdog started the server again within 30 s").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(visitor.get("/actuator/health/readiness").body()).contains("UP");
            assertThat(auditor.get("/api/zones").status()).isEqualTo(200);
            assertThat(admin.json("/api/users/outage-keeper").path("displayName").asString())
                    .isEqualTo("停机前写入 Written before the outage");
        }
    }

    /** 503 problem JSON with Retry-After, in Chinese first, within 2 s, no stack trace and no "wrong password". */
    private static void assertUnavailable(Api api, String path) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = CLIENT.send(api.newRequest(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(503);
        assertThat(took).as(path + " answered in").isLessThan(Duration.ofSeconds(2));
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(response.body()).contains("数据库暂时不可用，请稍后重试。The database is unavailable for now; retry later.")
                .doesNotContain("wrong", "Exception", "at com.", "trace");
    }

    /** As a crash would: the server stops at once, without a checkpoint (pg_ctl's immediate mode). */
    private static void kill(LocalPostgis server) throws IOException, InterruptedException {
        List<String> command = server.pgCommand("pg_ctl", "stop", "-m", "immediate", "-w", "-D", server.dataDir().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
