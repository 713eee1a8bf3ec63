package com.landrenew.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what (security/SecurityConfig): for each role, endpoints it may and may not call; every
 * write endpoint refuses visitors (401) and auditors (403) whatever its body; the browser's writes need
 * the CSRF token.
 */
@LandRenewTest
class AccessRulesTest {

    static final String ANONYMOUS = "anonymous";
    static final String SAMPLE_PARCEL = "/api/parcels/anji/";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")   // the application's, not Actuator's
    RequestMappingHandlerMapping mappings;

    private Api as(String who) {
        Api api = new Api(port);
        return who.equals(ANONYMOUS) ? api.anonymous() : api.as(who);
    }

    /** GET path → expected status for anonymous, enterprise, auditor, planner, admin. */
    private static final Map<String, List<Integer>> READS = Map.ofEntries(
            Map.entry("/api/zones", List.of(200, 200, 200, 200, 200)),
            Map.entry("/api/finder?zone=anji", List.of(200, 200, 200, 200, 200)),
            Map.entry("/tiles/zones/10/852/420.mvt", List.of(200, 200, 200, 200, 200)),
            Map.entry("/tiles/parcels.json", List.of(200, 200, 200, 200, 200)),
            Map.entry("/tiles/parcels/14/0/0.mvt", List.of(401, 204, 204, 204, 204)),
            Map.entry("/ogc/collections", List.of(200, 200, 200, 200, 200)),
            Map.entry("/ogc/collections/available-land/items?limit=1", List.of(200, 200, 200, 200, 200)),
            Map.entry("/ogc/collections/parcels/items?limit=1", List.of(401, 200, 200, 200, 200)),
            Map.entry("/api/parcels?bbox=119.6,30.6,119.7,30.7&limit=1", List.of(401, 200, 200, 200, 200)),
            Map.entry("/api/renewal/tally?zone=anji&from=2024-01-01&to=2024-12-31", List.of(401, 403, 200, 200, 200)),
            Map.entry("/api/audit?limit=1", List.of(401, 403, 200, 200, 200)),
            Map.entry("/api/exports/parcels?zone=anji&format=csv", List.of(401, 403, 200, 200, 200)),
            Map.entry("/api/supply/schedule?zone=anji", List.of(401, 403, 200, 200, 200)),
            Map.entry("/api/users", List.of(401, 403, 403, 403, 200)),
            Map.entry("/api/me", List.of(200, 200, 200, 200, 200)));

    private static final List<String> WHO = List.of(ANONYMOUS, TestUsers.ENTERPRISE, TestUsers.AUDITOR,
            TestUsers.PLANNER, TestUsers.ADMIN);

    @Test
    void eachRoleReadsWhatItMayAndNothingElse() {
        List<String> wrong = new ArrayList<>();
        READS.forEach((path, expected) -> {
            for (int i = 0; i < WHO.size(); i++) {
                int status = as(WHO.get(i)).get(path).status();
                if (status != expected.get(i)) {
                    wrong.add(WHO.get(i) + " GET " + path + " -> " + status + ", expected " + expected.get(i));
                }
                // HEAD wherever GET (GDAL's /vsicurl/ and HTTP caches ask with HEAD first)
                int head = as(WHO.get(i)).head(path).status();
                if (head != expected.get(i)) {
                    wrong.add(WHO.get(i) + " HEAD " + path + " -> " + head + ", expected " + expected.get(i));
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void headAnswersTheHeadersGetWouldWithoutTheBody() {
        String zoneTile = "/tiles/zones/10/852/420.mvt";
        for (String path : List.of("/", "/index.html", "/map.js", "/api/zones", zoneTile, "/ogc/collections/zones/items?limit=1",
                "/api/audit?limit=1", "/api/users")) {
            Api api = as(path.startsWith("/api/users") ? TestUsers.ADMIN : TestUsers.AUDITOR);
            Api.Binary get = api.getBinary(path);
            Api.Binary head = api.head(path);
            assertThat(head.status()).as("HEAD " + path).isEqualTo(get.status()).isEqualTo(200);
            assertThat(head.body()).as("HEAD " + path).isEmpty();
            for (String name : List.of("Content-Type", "ETag", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options",
                    "Referrer-Policy")) {
                assertThat(head.header(name)).as(name + " of HEAD " + path).isEqualTo(get.header(name));
            }
        }
        assertThat(as(ANONYMOUS).head(zoneTile).header("ETag")).as("a tile's ETag, for caches").isNotBlank();
        assertThat(as(ANONYMOUS).head("/api/audit?limit=1").status()).isEqualTo(401);
        assertThat(as(TestUsers.ENTERPRISE).head("/api/audit?limit=1").status()).isEqualTo(403);
        assertThat(as(ANONYMOUS).head("/ogc/collections/parcels/items").header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void everyWriteEndpointRefusesVisitorsAndAuditorsWhateverTheBody() {
        int writes = 0;
        for (Map.Entry<RequestMappingInfo, ?> mapping : mappings.getHandlerMethods().entrySet()) {
            for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
                if (method == RequestMethod.GET || method == RequestMethod.HEAD || method == RequestMethod.OPTIONS) {
                    continue;
                }
                for (String pattern : mapping.getKey().getPatternValues()) {
                    String path = pattern.replaceAll("\\{[^}]+}", "1");
                    writes++;
                    Api.Response visitor = as(ANONYMOUS).send(method.name(), path, "{}");
                    assertThat(visitor.status()).as("visitor " + method + " " + path).isEqualTo(401);
                    assertThat(visitor.json().path("detail").asString()).contains("请先登录", "Sign in to");
                    if (!path.equals("/api/me/password")) {
                        Api.Response auditor = as(TestUsers.AUDITOR).send(method.name(), path, "{}");
                        assertThat(auditor.status()).as("auditor " + method + " " + path).isEqualTo(403);
                        assertThat(auditor.json().path("detail").asString()).contains(TestUsers.AUDITOR, "auditor");
                    }
                }
            }
        }
        assertThat(writes).as("transitions, edits, readiness, supply, imports, interests, users…").isGreaterThan(10);
    }

    @Test
    void onlyPlannersChangeLandAndOnlyEnterprisesAndPlannersRegisterInterest() {
        String transition = """
                {"to":"in_use","effectiveDate":"2024-01-01","reason":"role test"}""";
        String parcel = SAMPLE_PARCEL + "NO-SUCH-PARCEL";
        assertThat(as(TestUsers.ENTERPRISE).post(parcel + "/transitions", transition).status()).isEqualTo(403);
        assertThat(as(TestUsers.ADMIN).post(parcel + "/transitions", transition).status()).isEqualTo(403);
        assertThat(as(TestUsers.PLANNER).post(parcel + "/transitions", transition).status())
                .as("past the role check: the parcel is unknown").isEqualTo(404);
        assertThat(as(TestUsers.ENTERPRISE).post(parcel + "/interests", "{}").status())
                .as("past the role check: the request is incomplete").isEqualTo(400);
        assertThat(as(TestUsers.AUDITOR).post(parcel + "/interests", "{}").status()).isEqualTo(403);
        assertThat(as(TestUsers.PLANNER).post("/api/users", "{}").status()).isEqualTo(403);
        assertThat(as(TestUsers.ADMIN).post("/api/users", "{}").status()).as("past the role check").isEqualTo(400);
        assertThat(as(TestUsers.ADMIN).post("/api/zones", "{}").status()).as("admins set up zones: past the role check")
                .isEqualTo(400);
        assertThat(as(TestUsers.ENTERPRISE).post("/api/zones", "{}").status()).isEqualTo(403);
    }

    @Test
    void wrongCredentialsAre401AndPagesSendVisitorsToSignIn() throws Exception {
        assertThat(new Api(port).as(TestUsers.PLANNER, "not-the-password").get("/api/zones").status()).isEqualTo(401);
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/audit.html?zone=anji")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login.html?next=%2Faudit.html%3Fzone%3Danji");
        Api.Binary ogc = as(ANONYMOUS).getBinary("/ogc/collections/parcels/items");
        assertThat(ogc.status()).isEqualTo(401);
        assertThat(ogc.header("WWW-Authenticate")).as("GIS clients are asked for Basic credentials").startsWith("Basic");
        assertThat(as(ANONYMOUS).getBinary("/api/audit").header("WWW-Authenticate"))
                .as("browsers are never asked, so they never keep Basic credentials").isNull();
    }

    @Test
    void aBrowserSessionWritesOnlyWithTheCsrfToken() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "http://localhost:" + port;
        browser.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
        String token = csrf(browser);
        String form = "username=" + TestUsers.ADMIN + "&password=" + TestUsers.password(TestUsers.ADMIN);
        HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).as("sign-in without the token is refused").isEqualTo(401);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.body()).contains("\"role\":\"admin\"");

        browser.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
        String change = "{\"displayName\":\"CSRF 测试\"}";
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/users/" + TestUsers.AUDITOR))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(change)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a cross-site page cannot send the token").isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
        HttpResponse<String> real = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/users/" + TestUsers.AUDITOR))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf(browser))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"" + TestUsers.AUDITOR + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(real.statusCode()).as(real.body()).isEqualTo(200);
    }

    @Test
    void anAuthorizationHeaderDoesNotExcuseASignedInSessionFromTheCsrfToken() throws Exception {
        HttpClient browser = signedInBrowser(TestUsers.ADMIN);
        String base = "http://localhost:" + port;
        String before = displayName(TestUsers.AUDITOR);
        for (String header : List.of("Bearer x", "Basic " + java.util.Base64.getEncoder().encodeToString("nobody:guess".getBytes()),
                "Basic " + java.util.Base64.getEncoder().encodeToString((TestUsers.ADMIN + ":" + TestUsers.password(TestUsers.ADMIN)).getBytes()),
                "Basic !!not-base64", "Digest username=\"x\"")) {
            HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/users/" + TestUsers.AUDITOR))
                    .header("Content-Type", "application/json").header("Authorization", header)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"CSRF 伪造 forged\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).as("a session with Authorization: " + header + " and no token: " + forged.body())
                    .isEqualTo(403);
            assertThat(forged.body()).contains("CSRF");
        }
        assertThat(displayName(TestUsers.AUDITOR)).as("nothing written").isEqualTo(before);
        // Without a session, Basic credentials are all a client needs (GIS and API clients).
        Api.Response basic = as(TestUsers.ADMIN).put("/api/users/" + TestUsers.AUDITOR, "{\"displayName\":\"" + before + "\"}");
        assertThat(basic.status()).as(basic.body()).isEqualTo(200);
        // A bogus Basic header without a session is refused as credentials, not as a missing token.
        assertThat(new Api(port).as("nobody", "guess").send("PUT", "/api/users/" + TestUsers.AUDITOR, "{}").status())
                .isEqualTo(401);
    }

    private String displayName(String username) {
        return as(TestUsers.ADMIN).json("/api/users/" + username).path("displayName").asString();
    }

    /** A client that keeps cookies, signed in on the sign-in form as a browser is. */
    private HttpClient signedInBrowser(String username) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "http://localhost:" + port;
        browser.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf(browser))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + TestUsers.password(username)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        browser.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
        return browser;
    }

    private static String csrf(HttpClient client) {
        return ((java.net.CookieManager) client.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
    }
}
