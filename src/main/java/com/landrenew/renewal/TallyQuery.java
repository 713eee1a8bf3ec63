package com.landrenew.renewal;

import java.time.LocalDate;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

/**
 * What an auditor asks for: a zone (optionally one renewal project in it), the period in which land
 * was freed, the date the report is "printed" on (asOf), and how to break the period down.
 */
record TallyQuery(String zone, String project, LocalDate from, LocalDate to, LocalDate asOf, Period groupBy) {

    enum Period {
        month, quarter, year
    }

    static TallyQuery of(String zone, String project, LocalDate from, LocalDate to, LocalDate asOf, String groupBy) {
        if (zone == null || zone.isBlank()) {
            throw new BadRequestException("缺少开发区 zone。zone is required.");
        }
        Period period;
        try {
            period = Period.valueOf(groupBy);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("groupBy 须为 month（月）、quarter（季）或 year（年），收到 '" + Excerpt.of(groupBy) + "'。groupBy must be"
                    + " month, quarter or year, got '" + Excerpt.of(groupBy) + "'.");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadRequestException("起始日期 from " + from + " 晚于截止日期 to " + to + "。from " + from + " is after to " + to + ".");
        }
        return new TallyQuery(zone, project == null || project.isBlank() ? null : project, from, to, asOf, period);
    }

    /** The period, with defaults: from the project's start (or the start of asOf's year) to asOf. */
    TallyQuery withDefaults(LocalDate projectStart) {
        LocalDate start = from != null ? from : projectStart != null ? projectStart : asOf.withDayOfYear(1);
        LocalDate end = to != null ? to : asOf;
        if (start.isAfter(end)) {
            throw new BadRequestException("期间的开始（" + start + "）晚于结束（" + end + "）。The period starts (" + start + ") after it ends (" + end + ").");
        }
        return new TallyQuery(zone, project, start, end, asOf, groupBy);
    }
}
