package com.landrenew.evaluation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The scheme's floor of 亩均税收 (万元/亩, its veto_tax_floor) for a zone and year, or null when it sets none. */
@Component
class SchemeFloor {

    private final JdbcClient jdbc;

    SchemeFloor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Double taxFloor(String zone, int year) {
        return jdbc.sql("""
                select s.veto_tax_floor from evaluation_scheme s join zone z on z.id = s.zone_id
                where z.code = :zone and s.year = :year""")
                .param("zone", zone).param("year", year).query(Double.class).optional().orElse(null);
    }
}
