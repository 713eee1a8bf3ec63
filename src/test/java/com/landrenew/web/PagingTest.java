package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

/** The one check of limit and offset that every paged endpoint (OGC items, parcels, audit, finder, buildings) uses. */
class PagingTest {

    @Test
    void aPageWithinTheLimitsIsKept() {
        assertThat(Paging.of(1, 0, 50)).isEqualTo(new Paging(1, 0));
        assertThat(Paging.of(50, 900, 50)).isEqualTo(new Paging(50, 900));
        assertThat(Paging.limit(3.0, 10)).isEqualTo(3);
    }

    @Test
    void aLimitOutsideOneToTheMaximumOrNotWholeIsNamed() {
        for (double bad : new double[] {0, -1, 51, 2.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatExceptionOfType(BadRequestException.class).as("limit " + bad).isThrownBy(() -> Paging.limit(bad, 50))
                    .withMessageContaining("limit").withMessageContaining("50");
        }
        assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> Paging.of(0, 0, 50))
                .withMessageStartingWith("limit 须为 1 到 50 之间的整数。").withMessageEndingWith("got 0");
    }

    @Test
    void aNegativeOffsetIsNamed() {
        assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> Paging.of(10, -1, 50))
                .withMessageContaining("offset").withMessageEndingWith("got -1");
    }
}
