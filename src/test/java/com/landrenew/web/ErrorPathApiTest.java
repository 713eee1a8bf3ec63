package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /error} asked for directly is an unknown path (404 problem), not Spring's error page answering 500. */
@LandRenewTest
class ErrorPathApiTest {

    @LocalServerPort
    int port;

    @Test
    void getErrorIsA404Problem() {
        for (Api api : new Api[] {new Api(port), new Api(port).anonymous()}) {
            Api.Response error = api.get("/error");
            assertThat(error.status()).as(error.body()).isEqualTo(404);
            assertThat(error.contentType()).startsWith("application/problem+json");
            assertThat(error.json().path("detail").asString()).isEqualTo("没有这个地址：/error。No such path: /error");
        }
        assertThat(new Api(port).send("POST", "/error", "{}").status()).isEqualTo(404);
        Api.Response failure = new Api(port).get("/api/parcels?bbox=1,2,3");
        assertThat(failure.status()).as("real errors are answered as before").isEqualTo(400);
        assertThat(failure.json().path("detail").asString()).startsWith("参数 bbox 应为");
    }
}
