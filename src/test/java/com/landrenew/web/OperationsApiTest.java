package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** README "Operations": the health probes are public and say only UP or DOWN; metrics are for staff. */
@LandRenewTest
class OperationsApiTest {

    @LocalServerPort
    int port;

    @Test
    void probesArePublicWithoutDetailsAndKeepTheSecurityHeaders() {
        Api visitor = new Api(port).anonymous();
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health"}) {
            Api.Binary answer = visitor.getBinary(probe);
            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(new String(answer.body())).as(probe).contains("\"UP\"").doesNotContain("components", "db");
            assertThat(answer.header("Content-Security-Policy")).as(probe).contains("default-src");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(visitor.head(probe).status()).isEqualTo(200);
        }
        // staff see what readiness is made of: the database among it
        assertThat(new Api(port).as(TestUsers.ADMIN).get("/actuator/health/readiness").body()).contains("\"db\"");
    }

    @Test
    void metricsAreForStaffOnly() {
        Api api = new Api(port);
        assertThat(api.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.as(TestUsers.ENTERPRISE).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(api.as(TestUsers.ENTERPRISE).get("/actuator/metrics").status()).isEqualTo(403);
        for (String staff : new String[] {TestUsers.PLANNER, TestUsers.AUDITOR, TestUsers.ADMIN}) {
            Api.Response metrics = api.as(staff).get("/actuator/prometheus");
            assertThat(metrics.status()).as(staff).isEqualTo(200);
            assertThat(metrics.body()).contains("http_server_requests_seconds_count", "hikaricp_connections_active");
        }
        assertThat(api.as(TestUsers.ADMIN).send("POST", "/actuator/prometheus", "{}").status()).isEqualTo(403);
    }

    @Test
    void tileCacheHitsAndMissesAndImportDurationsAreCounted() {
        Api api = new Api(port);
        double hits = metric(api, "cache_gets_total\\{cache=\"tiles\",result=\"hit\"\\}");
        api.getBinary("/tiles/parcels/12/1/1.mvt");
        assertThat(api.getBinary("/tiles/parcels/12/1/1.mvt").status()).as("empty, cached all the same").isEqualTo(204);
        assertThat(metric(api, "cache_gets_total\\{cache=\"tiles\",result=\"hit\"\\}")).isGreaterThanOrEqualTo(hits + 1);
        assertThat(metric(api, "cache_gets_total\\{cache=\"tiles\",result=\"miss\"\\}")).isGreaterThanOrEqualTo(1);

        double refused = metric(api, "landrenew_import_seconds_count\\{dry_run=\"false\",outcome=\"failed\"\\}");
        assertThat(api.upload("/api/imports", Map.of("zone", "anji"), "empty.geojson", new byte[0]).status()).isEqualTo(400);
        assertThat(metric(api, "landrenew_import_seconds_count\\{dry_run=\"false\",outcome=\"failed\"\\}")).isEqualTo(refused + 1);
    }

    /** One value of the Prometheus text, 0 when the series is not there yet. */
    private static double metric(Api api, String series) {
        Api.Response metrics = api.as(TestUsers.AUDITOR).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        Matcher value = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics.body());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
