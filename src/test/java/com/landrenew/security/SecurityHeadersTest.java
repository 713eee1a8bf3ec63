package com.landrenew.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The headers every answer carries (Content-Security-Policy without inline script, Referrer-Policy,
 * X-Content-Type-Options) and SameSite=Lax on the session and XSRF cookies; the pages and scripts in
 * web/ keep to the policy (the browser tests check it in Chromium too, see support/Browser).
 */
@LandRenewTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void pagesAndApiAnswersCarryThePolicyHeaders() {
        Api api = new Api(port).anonymous();
        for (String path : List.of("/", "/login.html", "/scene.html", "/users.html", "/api/zones", "/ogc?f=html",
                "/tiles/zones/10/852/420.mvt", "/api/no-such-thing")) {
            Api.Binary answer = api.getBinary(path);
            String csp = answer.header("Content-Security-Policy");
            assertThat(csp).as("CSP of " + path).isNotNull().contains("default-src 'self'", "object-src 'none'",
                    "frame-ancestors 'none'", "base-uri 'self'");
            String scripts = directive(csp, "script-src");
            assertThat(scripts).as("no inline script, no eval").startsWith("script-src 'self'")
                    .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "data:", "*");
            assertThat(answer.header("Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
            assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
    }

    @Test
    void theImportMapOfThe3dViewIsAllowedByItsHashAndNothingElseInline() throws Exception {
        String csp = new Api(port).anonymous().getBinary("/scene.html").header("Content-Security-Policy");
        String html = Files.readString(Path.of("web", "scene.html"));
        Matcher map = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(map.find()).isTrue();
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(map.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(directive(csp, "script-src")).isEqualTo("script-src 'self' 'sha256-" + hash + "'");
    }

    @Test
    void theSessionAndXsrfCookiesAreSameSiteLax() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://localhost:" + port;
        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        String xsrf = cookie(me, "XSRF-TOKEN");
        assertThat(xsrf).as("the XSRF cookie").containsIgnoringCase("SameSite=Lax");
        String token = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + TestUsers.AUDITOR + "&password="
                        + TestUsers.password(TestUsers.AUDITOR))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(cookie(signedIn, "SESSION")).as("the session cookie (Spring Session's, shared by the nodes)").containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("HttpOnly");
    }

    @Test
    void thePagesAndScriptsHaveNoInlineScriptHandlersOrJavascriptUrls() throws IOException {
        Pattern script = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=\\s*[\"'\\\\]", Pattern.CASE_INSENSITIVE);
        // every page and module of ours, also in the pages' folders (web/map/, web/supply/); not the vendored libraries
        try (Stream<Path> files = Files.walk(Path.of("web"))) {
            for (Path file : files.filter(f -> !f.startsWith(Path.of("web", "vendor")))
                    .filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".js")).toList()) {
                String text = Files.readString(file);
                Matcher tag = script.matcher(text);
                while (tag.find()) {
                    assertThat(tag.group(1)).as(file + ": " + tag.group()).containsAnyOf("src=", "type=\"importmap\"");
                }
                assertThat(handler.matcher(text).find()).as(file + " has an inline event handler").isFalse();
                assertThat(text).as(file.toString()).doesNotContainIgnoringCase("javascript:");
            }
        }
    }

    @Test
    void theBasemapHostIsAllowedForImages() {
        assertThat(ContentSecurityPolicy.basemapSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png"))
                .isEqualTo("https://tile.openstreetmap.org");
        assertThat(ContentSecurityPolicy.basemapSource("http://t{s}.tianditu.gov.cn:8080/img_w/wmts?tk=KEY"))
                .isEqualTo("http://*.tianditu.gov.cn:8080");
        assertThat(ContentSecurityPolicy.basemapSource(" ")).isNull();
        assertThat(directive(ContentSecurityPolicy.of("https://tile.openstreetmap.org/{z}/{x}/{y}.png", false), "img-src"))
                .isEqualTo("img-src 'self' data: blob: https://tile.openstreetmap.org");
        assertThat(directive(ContentSecurityPolicy.of("", true), "img-src"))
                .as("with a Tianditu key").isEqualTo("img-src 'self' data: blob: https://*.tianditu.gov.cn");
        assertThat(directive(ContentSecurityPolicy.of("", false), "img-src")).isEqualTo("img-src 'self' data: blob:");
    }

    private static String directive(String policy, String name) {
        return Stream.of(policy.split(";")).map(String::strip).filter(d -> d.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + policy));
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().map()));
    }
}
