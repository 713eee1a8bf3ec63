package com.landrenew.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that an answer is a problem of the expected status whose {@code detail} names what is wrong. */
public final class ProblemAssert {

    private ProblemAssert() {
    }

    /** A 400 whose detail contains {@code named}. */
    public static void assertDetail(Api.Response response, String named) {
        assertDetail(response, 400, named);
    }

    public static void assertDetail(Api.Response response, int status, String named) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("detail").asString()).contains(named);
    }
}
