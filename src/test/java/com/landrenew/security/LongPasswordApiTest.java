package com.landrenew.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * bcrypt reads at most 72 bytes of a password: a longer one is a 400 naming the limit when it is set
 * (a user made or changed, one's own change), and simply a wrong password (401) when signing in. Its own
 * users, so that failed sign-ins count against no shared test user.
 */
@LandRenewTest
class LongPasswordApiTest {

    /** 24 characters of 3 bytes each: 72 bytes, the most bcrypt reads. */
    static final String AT_THE_LIMIT = "密".repeat(24);
    static final String OVER_THE_LIMIT = "密".repeat(25);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPasswordOver72BytesIsA400WhenSetAndAWrongPasswordWhenSigningIn() throws Exception {
        Api admin = new Api(port).as(TestUsers.ADMIN);
        Api.Response tooLong = admin.post("/api/users", user("bnd12-long", OVER_THE_LIMIT));
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.json().path("detail").asString()).isEqualTo("密码过长：UTF-8 编码后 75 字节，上限 72 字节（bcrypt 的限制）。"
                + "The password is too long: 75 bytes in UTF-8, at most 72 (bcrypt's limit).");
        assertThat(jdbc.sql("select count(*) from app_user where username = 'bnd12-long'").query(Integer.class).single())
                .as("no user made").isZero();

        Api.Response made = admin.post("/api/users", user("bnd12-user", AT_THE_LIMIT));
        assertThat(made.status()).as("72 bytes are within the limit: " + made.body()).isEqualTo(201);
        Api.Response changed = admin.put("/api/users/bnd12-user", "{\"password\":\"" + OVER_THE_LIMIT + "\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(400);
        assertThat(changed.json().path("detail").asString()).contains("at most 72 (bcrypt's limit)");

        Api user = new Api(port).as("bnd12-user", AT_THE_LIMIT);
        Api.Response own = user.put("/api/me/password", "{\"currentPassword\":\"" + AT_THE_LIMIT + "\",\"newPassword\":\""
                + "x".repeat(80) + "\"}");
        assertThat(own.status()).as(own.body()).isEqualTo(400);
        assertThat(own.json().path("detail").asString()).contains("80 bytes in UTF-8, at most 72");
        assertThat(user.get("/api/me").json().path("username").asString()).as("the password is unchanged")
                .isEqualTo("bnd12-user");

        assertThat(new Api(port).as("bnd12-user", OVER_THE_LIMIT).get("/api/parcels?bbox=119,30,120,31").status())
                .as("HTTP Basic with 75 bytes: a wrong password").isEqualTo(401);
        assertThat(new Api(port).as("bnd12-user", AT_THE_LIMIT + "x").get("/api/parcels?bbox=119,30,120,31").status())
                .isEqualTo(401);
        assertThat(formSignIn("bnd12-user", OVER_THE_LIMIT).statusCode()).as("the sign-in form too").isEqualTo(401);
        assertThat(formSignIn("bnd12-user", AT_THE_LIMIT).statusCode()).as("the control").isEqualTo(200);
    }

    private static String user(String username, String password) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"" + username + "\",\"role\":\"auditor\",\"password\":\""
                + password + "\"}";
    }

    /** POST /login as the sign-in page sends it, with the CSRF token from the cookie. */
    private HttpResponse<String> formSignIn(String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://localhost:" + port;
        browser.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
        String token = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        String form = "username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
