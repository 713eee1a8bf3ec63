package com.landrenew.parcel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

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
 * Planners' edits with optimistic locking. Fixture zone "edit-test" is the 1 km square
 * from (X0, Y0) of its own test area; each test edits its own parcel.
 */
@LandRenewTest
class ParcelEditApiTest {

    static final String ZONE = "edit-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    static String creditCode;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (ParcelEditApiTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
                fixtures.block(ZONE, "east", X0 + 500, Y0, X0 + 1000, Y0 + 1000);
                int holder = fixtures.enterprise("编辑测试有限公司");
                creditCode = jdbc.sql("select credit_code from enterprise where id = :id").param("id", holder)
                        .query(String.class).single();
                for (int i = 1; i <= 5; i++) {
                    fixtures.parcel(ZONE, null, "ED-" + i, X0 + i * 150, Y0, X0 + i * 150 + 100, Y0 + 100, "100102", null);
                }
            }
        }
    }

    @Test
    void theDetailAnswersTheVersionAndAnETagAndAnEditMovesItOn() {
        HttpResponse<String> detail = send("GET", "/api/parcels/" + ZONE + "/ED-1", null, null);
        assertThat(detail.statusCode()).isEqualTo(200);
        int version = json(detail.body()).path("properties").path("version").asInt();
        assertThat(version).as("a new parcel whose first ledger event set nothing new").isZero();
        assertThat(detail.headers().firstValue("ETag")).hasValue("\"0\"");

        HttpResponse<String> edited = send("PUT", "/api/parcels/" + ZONE + "/ED-1", "\"0\"", """
                {"landUse":"M1","block":"east","enterpriseCreditCode":"%s","leaseStart":"2024-01-01",
                 "leaseEnd":"2054-01-01","farMin":1.2,"farMax":2.5,"heightLimitM":36,"constructionDue":"2025-06-30"}"""
                .formatted(creditCode));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        JsonNode p = json(edited.body()).path("properties");
        assertThat(p.path("version").asInt()).isEqualTo(1);
        assertThat(edited.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(p.path("landUse").path("code").asString()).as("GB 50137 M1 is 2020's 100101").isEqualTo("100101");
        assertThat(p.path("block").path("code").asString()).isEqualTo("east");
        assertThat(p.path("enterprise").path("creditCode").asString()).isEqualTo(creditCode);
        assertThat(p.path("farMax").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(p.path("constructionDue").asString()).isEqualTo("2025-06-30");
        assertThat(jdbc.sql("select actor from audit_log where table_name = 'parcel' and row_key = :key order by id desc limit 1")
                .param("key", ZONE + "/ED-1").query(String.class).single()).isEqualTo(TestUsers.PLANNER);

        HttpResponse<String> cleared = send("PUT", "/api/parcels/" + ZONE + "/ED-1", null,
                "{\"version\":1,\"block\":null,\"heightLimitM\":null}");
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        JsonNode after = json(cleared.body()).path("properties");
        assertThat(after.path("block").isNull()).isTrue();
        assertThat(after.path("heightLimitM").isNull()).isTrue();
        assertThat(after.path("farMax").decimalValue()).as("a field left out keeps its value").isEqualByComparingTo("2.5");
    }

    @Test
    void theSecondOfTwoEditsOnTheSameVersionGets409AndTheFirstStays() {
        String path = "/api/parcels/" + ZONE + "/ED-2";
        assertThat(api.put(path, "{\"version\":0,\"farMax\":2.0}").status()).isEqualTo(200);
        Api.Response stale = api.put(path, "{\"version\":0,\"farMax\":3.0}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("currentVersion").asInt()).isEqualTo(1);
        assertThat(stale.json().path("detail").asString()).contains("reload");
        assertThat(farMax("ED-2")).as("nothing overwritten").isEqualByComparingTo("2.0");
    }

    @Test
    void ofTwoConcurrentEditsExactlyOneWins() throws Exception {
        String path = "/api/parcels/" + ZONE + "/ED-3";
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> edits = List.of("4.0", "5.0").stream()
                .map(far -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return send("PUT", path, "\"0\"", "{\"farMax\":" + far + "}");
                })).toList();
        start.countDown();
        List<Integer> statuses = edits.stream().map(f -> f.join().statusCode()).sorted().toList();
        assertThat(statuses).isEqualTo(List.of(200, 409));
        HttpResponse<String> winner = edits.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200)
                .findFirst().orElseThrow();
        assertThat(farMax("ED-3")).isEqualByComparingTo(json(winner.body()).path("properties").path("farMax").decimalValue());
        assertThat(jdbc.sql("select version from parcel where code = 'ED-3'").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aStateChangeThroughTheLedgerMovesTheVersionOnToo() {
        String path = "/api/parcels/" + ZONE + "/ED-4";
        assertThat(api.post(path + "/transitions", """
                {"to":"low_efficiency","effectiveDate":"2024-05-01","reason":"亩均评价D类"}""")
                .status()).isEqualTo(201);
        assertThat(api.json(path).path("properties").path("version").asInt()).isEqualTo(1);
        Api.Response stale = api.put(path, "{\"version\":0,\"farMin\":1.0}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("currentVersion").asInt()).isEqualTo(1);
        assertThat(api.put(path, "{\"version\":1,\"farMin\":1.0}").status()).isEqualTo(200);
    }

    @Test
    void badEditsAreNamedAndWriteNothing() {
        String path = "/api/parcels/" + ZONE + "/ED-5";
        assertBad(path, "{\"farMax\":2.0}", "version");
        assertBad(path, "{\"version\":\"x\"}", "version");
        assertBad(path, "{\"version\":0,\"state\":\"stored\"}", "state");
        assertBad(path, "{\"version\":0,\"geometry\":null}", "geometry");
        assertBad(path, "{\"version\":0,\"colour\":\"red\"}", "colour");
        assertBad(path, "{\"version\":0,\"landUse\":\"ZZ\"}", "landUse");
        assertBad(path, "{\"version\":0,\"landUse\":null}", "landUse");
        assertBad(path, "{\"version\":0,\"block\":\"nowhere\"}", "block");
        assertBad(path, "{\"version\":0,\"enterpriseCreditCode\":\"91330523000000001A\"}", "enterpriseCreditCode");
        assertBad(path, "{\"version\":0,\"leaseStart\":\"2024-13-01\"}", "leaseStart");
        assertBad(path, "{\"version\":0,\"leaseStart\":\"2024-01-01\",\"leaseEnd\":\"2023-01-01\"}",
                "出让到期日 leaseEnd 2023-01-01 须晚于起始日 leaseStart 2024-01-01。leaseEnd 2023-01-01 must be after leaseStart 2024-01-01");
        assertBad(path, "{\"version\":0,\"farMin\":3,\"farMax\":2}", "容积率上限 farMax 2 不能小于下限 farMin 3。farMax 2 must not be below farMin 3");
        assertBad(path, "{\"version\":0,\"farMax\":-1}", "farMax");
        assertBad(path, "{\"version\":0,\"heightLimitM\":0}", "限高 heightLimitM 须大于 0");
        assertBad(path, "[1,2]", "version");
        assertThat(send("PUT", path, "\"1\"", "{\"version\":0}").statusCode()).as("body and If-Match differ").isEqualTo(400);
        assertThat(send("PUT", path, "\"abc\"", "{}").statusCode()).isEqualTo(400);
        assertThat(api.put("/api/parcels/" + ZONE + "/NO-SUCH", "{\"version\":0}").status()).isEqualTo(404);
        assertThat(jdbc.sql("select version from parcel where code = 'ED-5'").query(Integer.class).single())
                .as("nothing written").isZero();
    }

    private void assertBad(String path, String body, String names) {
        Api.Response response = api.put(path, body);
        assertThat(response.status()).as(body + " → " + response.body()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).as(body).contains(names);
    }

    private BigDecimal farMax(String code) {
        return jdbc.sql("select far_max from parcel where code = :code").param("code", code).query(BigDecimal.class).single();
    }

    private HttpResponse<String> send(String method, String path, String ifMatch, String body) {
        HttpRequest.Builder request = api.newRequest(path)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    }
}
