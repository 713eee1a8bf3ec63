package com.landrenew.audit;

import java.time.LocalDate;
import java.util.List;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.Paging;

/**
 * A filter over the audit trail: table, row or parcel key, actor (a part of the name, any case), and
 * dates in China time (both days included); one page of it, newest first.
 */
record AuditQuery(String table, String key, String actor, LocalDate from, LocalDate to, int limit, int offset) {

    /** The query, checked; {@code tables} are those the trail records (AuditRepository#tables). */
    static AuditQuery of(String table, String key, String actor, LocalDate from, LocalDate to, int limit, int offset,
            int maxLimit, List<String> tables) {
        String t = blank(table);
        if (t != null && !tables.contains(t)) {
            throw new BadRequestException("table 须为日志所记的表之一（" + String.join("、", tables) + "），收到 '" + Excerpt.of(table)
                    + "'。table must be one of " + String.join(", ", tables) + ", got '" + Excerpt.of(table) + "'.");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadRequestException("起始日期 from " + from + " 晚于截止日期 to " + to + "。from " + from + " is after to " + to + ".");
        }
        Paging page = Paging.of(limit, offset, maxLimit);
        return new AuditQuery(t, blank(key), blank(actor), from, to, page.limit(), page.offset());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
