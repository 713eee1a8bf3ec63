package com.landrenew.audit;

import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;

/** The query string of the trail's page and its CSV, bound by Spring MVC from the parameters of the same names. */
record AuditParams(String table, String key, String actor, @DateTimeFormat(iso = ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = ISO.DATE) LocalDate to, Integer limit, Integer offset) {

    /**
     * The checked query; limit defaults to {@code defaultLimit} and may be at most {@code maxLimit}, table
     * is one of {@code tables}.
     */
    AuditQuery query(int defaultLimit, int maxLimit, List<String> tables) {
        return AuditQuery.of(table, key, actor, from, to, limit != null ? limit : defaultLimit,
                offset != null ? offset : 0, maxLimit, tables);
    }
}
