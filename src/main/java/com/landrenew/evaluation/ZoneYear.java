package com.landrenew.evaluation;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The zone and evaluation year the renewal-work endpoints are asked about, checked once for all of them. */
@Component
class ZoneYear {

    /** A zone that exists, with the database id the queries join on. */
    record Zone(int id, String code, String name) {
    }

    private final JdbcClient jdbc;

    ZoneYear(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The zone named by {@code code}: 400 when missing, 404 when there is none by that code. */
    Zone zone(String code) {
        if (code == null || code.isBlank()) {
            throw new BadRequestException("缺少参数 zone（开发区代码）。The parameter zone (the zone's code) is required.");
        }
        return jdbc.sql("select id, code, name from zone where code = :code").param("code", code)
                .query(Zone.class).optional()
                .orElseThrow(() -> new NotFoundException("没有代码为 '" + Excerpt.of(code) + "' 的开发区。No zone with code '"
                        + Excerpt.of(code) + "'."));
    }

    /** Whether the zone has a current parcel with this code. */
    boolean hasParcel(Zone zone, String code) {
        return jdbc.sql("select exists (select 1 from parcel where zone_id = :zone and code = :code)")
                .param("zone", zone.id()).param("code", code).query(Boolean.class).single();
    }

    /** An evaluation year, checked as every evaluation endpoint checks it (Years). */
    static int year(Integer year) {
        Years.check(year);
        return year;
    }
}
