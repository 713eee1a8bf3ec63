package com.landrenew.evaluation;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The zone and evaluation year the renewal-work endpoints are asked about, checked once for all of them. */
@Component
class ZoneYear {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

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

    /** An evaluation year between 2000 and 2100 (the bounds enterprise_evaluation keeps too). */
    static int year(Integer year) {
        if (year == null) {
            throw new BadRequestException("缺少参数 year（评价年度）。The parameter year (the evaluation year) is required.");
        }
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new BadRequestException("year 超出范围：" + year + "，应在 " + FIRST_YEAR + " 至 " + LAST_YEAR
                    + " 之间。year is out of range: " + year + ", it must lie between " + FIRST_YEAR + " and " + LAST_YEAR + ".");
        }
        return year;
    }
}
