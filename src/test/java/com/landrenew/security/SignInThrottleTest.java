package com.landrenew.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.MovableClock;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Password guessing is throttled (SignInThrottle): 10 failures for a username lock it, the right password
 * included, for the form and HTTP Basic alike, with 429 and Retry-After; each further lockout lasts
 * longer; a lockout ends with time (the clock is moved, see MovableClock) or when an admin lifts it; an
 * address is locked after 30 failures (the test setting) whatever the usernames; failures and lockouts
 * are in the audit trail and the log. Each test has users of its own (sec12-…), since a lockout is per
 * username.
 */
@LandRenewTest
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTest {

    static final String PASSWORD = "the right password 12";
    static final Duration WINDOW = Duration.ofMinutes(15);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        clock.passSignInLockouts();   // the wrong passwords of tests before count no more
    }

    @AfterEach
    void forgetFailures() {
        clock.passSignInLockouts();   // nor this test's for the tests after
    }

    @Test
    void tenFailuresLockTheUsernameForTheRightPasswordTooUntilTheLockoutEnds(CapturedOutput log) {
        String user = newUser("sec12-lock-time");
        Api right = api.as(user, PASSWORD);
        assertThat(right.get("/api/me").status()).isEqualTo(200);
        for (int i = 1; i <= 10; i++) {
            assertThat(api.as(user, "guess " + i).get("/api/me").status()).as("guess " + i).isEqualTo(401);
        }
        Api.Binary basic = right.getBinary("/api/me");
        assertThat(basic.status()).as("the right password, by HTTP Basic").isEqualTo(429);
        assertThat(Long.parseLong(basic.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(new String(basic.body(), StandardCharsets.UTF_8)).contains("登录失败次数过多", "Too many failed sign-ins");
        HttpResponse<String> form = formSignIn(user, PASSWORD);
        assertThat(form.statusCode()).as("the right password, on the sign-in form").isEqualTo(429);
        assertThat(form.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.as(user, "guess 11").get("/api/me").status()).as("no guess is checked").isEqualTo(429);

        // Recorded: ten failures, one lockout; in the trail, and in the log.
        assertThat(events(user, "failure")).isEqualTo(10);
        assertThat(events(user, "user_locked")).isEqualTo(1);
        JsonNode trail = api.as(TestUsers.AUDITOR).json("/api/audit?table=sign_in_event&actor=sign-in&limit=100");
        assertThat(trail.path("entries").valueStream().filter(e -> e.path("after").path("username").asString().equals(user)
                && e.path("after").path("kind").asString().equals("user_locked"))).hasSize(1);
        assertThat(log.getOut()).contains("Sign-in failed for '" + user + "'", "Sign-in locked for username '" + user + "'");

        clock.advance(Duration.ofSeconds(61));
        assertThat(right.get("/api/me").status()).as("the first lockout is over").isEqualTo(200);
        assertThat(formSignIn(user, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongCurrentPasswordsOfAPasswordChangeCountAsFailedSignIns() {
        String user = newUser("sec12-lock-change");
        Api right = api.as(user, PASSWORD);
        for (int i = 1; i <= 10; i++) {
            Api.Response change = right.put("/api/me/password", "{\"currentPassword\":\"guess " + i
                    + "\",\"newPassword\":\"a new password 34\"}");
            assertThat(change.status()).as("guess " + i).isEqualTo(400);
            assertThat(change.body()).contains("当前密码 currentPassword 不对");
        }
        assertThat(events(user, "failure")).isEqualTo(10);
        assertThat(events(user, "user_locked")).isEqualTo(1);
        Api.Response locked = right.put("/api/me/password", "{\"currentPassword\":\"" + PASSWORD
                + "\",\"newPassword\":\"a new password 34\"}");
        assertThat(locked.status()).as("the right current password, while locked").isEqualTo(429);
        assertThat(right.get("/api/me").status()).as("a sign-in is locked as well").isEqualTo(429);
        clock.advance(Duration.ofSeconds(61));
        assertThat(right.put("/api/me/password", "{\"currentPassword\":\"" + PASSWORD
                + "\",\"newPassword\":\"a new password 34\"}").status()).as("after the lockout: the old password was kept")
                .isEqualTo(204);
        assertThat(api.as(user, "a new password 34").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void eachFurtherLockoutLastsTwiceAsLong() {
        String user = newUser("sec12-lock-grow");
        Api right = api.as(user, PASSWORD);
        for (int i = 1; i <= 10; i++) {
            api.as(user, "guess " + i).get("/api/me");
        }
        assertThat(retryAfter(right)).isBetween(50L, 60L);
        clock.advance(Duration.ofSeconds(61));
        assertThat(api.as(user, "guess 11").get("/api/me").status()).as("counted, and locks again").isEqualTo(401);
        assertThat(retryAfter(right)).isBetween(110L, 120L);
        clock.advance(Duration.ofSeconds(121));
        assertThat(api.as(user, "guess 12").get("/api/me").status()).isEqualTo(401);
        assertThat(retryAfter(right)).isBetween(230L, 240L);
        // A whole window after the last lockout ends, the run is over: failures count from zero again.
        clock.advance(Duration.ofSeconds(241).plus(WINDOW));
        for (int i = 13; i <= 21; i++) {
            assertThat(api.as(user, "guess " + i).get("/api/me").status()).as("guess " + i).isEqualTo(401);
        }
        assertThat(right.get("/api/me").status()).as("nine failures of a new run").isEqualTo(200);
    }

    @Test
    void anAdminLiftsALockoutAtOnce() {
        String user = newUser("sec12-lock-admin");
        for (int i = 1; i <= 10; i++) {
            api.as(user, "guess " + i).get("/api/me");
        }
        assertThat(api.as(user, PASSWORD).get("/api/me").status()).isEqualTo(429);
        Api admin = api.as(TestUsers.ADMIN);
        assertThat(admin.json("/api/users/" + user).path("signInLockedUntil").asString()).isNotBlank();
        assertThat(admin.json("/api/users").valueStream().filter(u -> u.path("username").asString().equals(user))
                .findFirst().orElseThrow().path("signInLockedUntil").isNull()).isFalse();
        assertThat(admin.json("/api/users/" + TestUsers.PLANNER).path("signInLockedUntil").isNull()).isTrue();
        assertThat(admin.json("/api/users/" + user).path("displayName").asString()).as("the user's own fields stay")
                .isEqualTo(user);

        assertThat(api.as(TestUsers.PLANNER).send("DELETE", "/api/users/" + user + "/lockout", null).status())
                .as("admins only").isEqualTo(403);
        assertThat(admin.send("DELETE", "/api/users/sec12-no-such-user/lockout", null).status()).isEqualTo(404);
        assertThat(admin.send("DELETE", "/api/users/" + user + "/lockout", null).status()).isEqualTo(204);
        assertThat(api.as(user, PASSWORD).get("/api/me").status()).as("unlocked").isEqualTo(200);
        assertThat(admin.json("/api/users/" + user).path("signInLockedUntil").isNull()).isTrue();
        assertThat(api.as(user, "guess 11").get("/api/me").status()).as("its failures forgotten too").isEqualTo(401);
        assertThat(api.as(user, PASSWORD).get("/api/me").status()).isEqualTo(200);
        assertThat(jdbc.sql("""
                select count(*) from audit_log where table_name = 'sign_in_event' and actor = :admin
                  and after->>'kind' = 'unlocked' and after->>'username' = :user""")
                .param("admin", TestUsers.ADMIN).param("user", user).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void basicClientsWithTheRightPasswordKeepWorkingWhileSomeoneGuesses() {
        String user = newUser("sec12-lock-client");
        Api client = api.as(user, PASSWORD);
        for (int i = 1; i <= 9; i++) {
            assertThat(client.get("/api/me").status()).isEqualTo(200);
            assertThat(api.as(user, "guess " + i).get("/api/me").status()).isEqualTo(401);
        }
        assertThat(client.get("/api/me").status()).as("nine failures: still open").isEqualTo(200);
        assertThat(api.as(user, "guess 10").get("/api/me").status()).isEqualTo(401);
        assertThat(client.get("/api/me").status())
                .as("the client's successes did not reset the count for the one guessing").isEqualTo(429);
    }

    @Test
    void oddUsernamesAreCountedNot500() {
        assertThat(api.as("sec12-nul\u0000name", "x").get("/api/me").status()).isEqualTo(401);
        assertThat(api.as("sec12-" + "long".repeat(300), "x").get("/api/me").status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from sign_in_event where username = 'sec12-nul?name'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void thirtyFailuresFromOneAddressLockItForEveryUsername() {
        String user = newUser("sec12-lock-address");
        Api right = api.as(user, PASSWORD);
        int failures = 0;
        while (right.get("/api/me").status() == 200) {
            // a new username each time: no username reaches its own limit
            assertThat(api.as("sec12-sprayed-" + failures, "guess").get("/api/me").status()).isEqualTo(401);
            assertThat(++failures).as("failures before the address is locked").isLessThanOrEqualTo(30);
        }
        assertThat(failures).as("the address limit (30 in the tests), not a username's").isEqualTo(30);
        Api.Binary refused = right.getBinary("/api/me");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(api.as(TestUsers.PLANNER).get("/api/me").status()).as("every username from the address").isEqualTo(429);
        assertThat(jdbc.sql("select count(*) from sign_in_event where kind = 'address_locked' and address = '127.0.0.1'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(1);
        clock.advance(Duration.ofSeconds(61));
        assertThat(right.get("/api/me").status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- helpers

    private String newUser(String username) {
        Api.Response created = api.as(TestUsers.ADMIN).post("/api/users", """
                {"username":"%s","displayName":"%s","role":"planner","password":"%s"}""".formatted(username, username, PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return username;
    }

    private long retryAfter(Api client) {
        Api.Binary answer = client.getBinary("/api/me");
        assertThat(answer.status()).isEqualTo(429);
        return Long.parseLong(answer.header("Retry-After"));
    }

    private long events(String username, String kind) {
        return jdbc.sql("select count(*) from sign_in_event where username = :u and kind = :k").param("u", username)
                .param("k", kind).query(Long.class).single();
    }

    /** Signs in on the form as a browser does (the CSRF token first); answers the POST /login answer. */
    private HttpResponse<String> formSignIn(String username, String password) {
        try {
            CookieManager cookies = new CookieManager();
            HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
            String base = "http://localhost:" + port;
            browser.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
            String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .findFirst().orElseThrow().getValue();
            return browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
