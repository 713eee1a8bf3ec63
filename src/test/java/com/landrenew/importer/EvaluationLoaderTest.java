package com.landrenew.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.landrenew.support.LandRenewTest;
import com.landrenew.web.BadRequestException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Loading 亩均效益评价 figures: an evaluation of an enterprise the store does not know is refused by its code. */
@LandRenewTest
class EvaluationLoaderTest {

    @Autowired
    GeoJsonLoader loader;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void anUnknownCreditCodeIsNamedAndNothingIsWritten() {
        String known = jdbc.sql("select min(e.credit_code) from enterprise e join enterprise_evaluation v on v.enterprise_id = e.id")
                .query(String.class).single();
        long before = count();
        // 91350100M000100Y43 is a valid code (the standard's example) that no enterprise of the store has.
        String text = "[" + row(known) + ",\n" + row("91350100M000100Y43") + "]";

        assertThatThrownBy(() -> transaction.executeWithoutResult(s -> loader.loadEvaluations(text)))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("91350100M000100Y43")
                .hasMessageNotContaining(known);
        assertThat(count()).isEqualTo(before);
    }

    private long count() {
        return jdbc.sql("select count(*) from enterprise_evaluation").query(Long.class).single();
    }

    private static String row(String creditCode) {
        return "{\"credit_code\":\"" + creditCode + "\",\"year\":2098,\"land_mu\":12.5,\"tax_wan\":300,"
                + "\"output_wan\":1500,\"energy_tce\":200,\"grade\":\"B\"}";
    }
}
