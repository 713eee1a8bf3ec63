package com.landrenew.ogc;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.landrenew.geo.ChinaTime;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

/**
 * The {@code datetime} parameter of OGC API - Features: an instant or an interval of RFC 3339 dates
 * or date-times ({@code 2024-05-01}, {@code 2024-01-01/2024-12-31}, {@code ../2024-12-31},
 * {@code 2024-01-01T00:00:00Z/..}), read as days in China time because the dates it is compared with
 * (leases) are local days. A null end is open.
 */
record DateInterval(LocalDate start, LocalDate end) {

    static DateInterval parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        if (slash < 0) {
            if (value.equals("..") || value.isEmpty()) {
                throw new BadRequestException("datetime 应为日期、日期时间或区间，收到：" + Excerpt.of(text)
                        + "。datetime must be a date, a date-time or an interval, got: " + Excerpt.of(text));
            }
            LocalDate day = day(value, text);
            return new DateInterval(day, day);
        }
        String from = value.substring(0, slash);
        String to = value.substring(slash + 1);
        LocalDate start = open(from) ? null : day(from, text);
        LocalDate end = open(to) ? null : day(to, text);
        if (start == null && end == null) {
            throw new BadRequestException("datetime：区间至少要有一端，收到：" + Excerpt.of(text)
                    + "。datetime: an interval needs at least one end, got: " + Excerpt.of(text));
        }
        if (start != null && end != null && start.isAfter(end)) {
            throw new BadRequestException("datetime：区间的起点晚于终点：" + Excerpt.of(text)
                    + "。datetime: the interval's start is after its end: " + Excerpt.of(text));
        }
        return new DateInterval(start, end);
    }

    private static boolean open(String end) {
        return end.isEmpty() || end.equals("..");
    }

    private static LocalDate day(String value, String whole) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
            return OffsetDateTime.parse(value.replace(' ', 'T')).atZoneSameInstant(ChinaTime.ZONE).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("datetime 须为 RFC 3339 日期或日期时间（2024-05-01、2024-05-01T08:00:00Z、2024-01-01/..、"
                    + "../2024-12-31），收到：" + Excerpt.of(whole) + "。datetime must use RFC 3339 dates or date-times (2024-05-01, "
                    + "2024-05-01T08:00:00Z, 2024-01-01/.., ../2024-12-31), got: " + Excerpt.of(whole));
        }
    }
}
