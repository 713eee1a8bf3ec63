package com.landrenew.ogc.cql;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.landrenew.geo.ChinaTime;

/** A filter's date or timestamp as a day in China time: the dates it is compared with (leases) are local days. */
final class Days {

    private Days() {
    }

    static LocalDate parse(String value, int at) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
            return OffsetDateTime.parse(value).atZoneSameInstant(ChinaTime.ZONE).toLocalDate();
        } catch (DateTimeParseException e) {
            throw CqlError.at(at, "日期须按 RFC 3339 书写（2024-05-01 或 2024-05-01T08:00:00Z），却是 '"
                    + CqlError.excerpt(value) + "'", "dates must be RFC 3339 (2024-05-01 or 2024-05-01T08:00:00Z), got '"
                    + CqlError.excerpt(value) + "'");
        }
    }
}
