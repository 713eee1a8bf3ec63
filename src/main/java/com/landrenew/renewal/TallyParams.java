package com.landrenew.renewal;

import java.time.LocalDate;

import com.landrenew.geo.ChinaTime;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;

/**
 * The query string the auditors' endpoints share, bound by Spring MVC from the parameters of the same
 * names (dates ISO, e.g. 2026-11-01). Each endpoint reads the ones it needs; block narrows events and
 * freed land only.
 */
record TallyParams(String zone, String project, String block, @DateTimeFormat(iso = ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = ISO.DATE) LocalDate to, @DateTimeFormat(iso = ISO.DATE) LocalDate asOf,
        String groupBy) {

    /** The question, grouped by groupBy (month if not given); asOf defaults to today in China. */
    TallyQuery query() {
        return query(groupBy != null ? groupBy : "month");
    }

    /** The question grouped by the given period, whatever groupBy says (the CSV, events and freed land). */
    TallyQuery query(String period) {
        return TallyQuery.of(zone, project, from, to, asOf != null ? asOf : ChinaTime.today(), period);
    }

    /** The block to narrow to, or null for all of them. */
    String blockOrNull() {
        return block == null || block.isBlank() ? null : block;
    }
}
