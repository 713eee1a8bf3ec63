package com.landrenew.geo;

import java.time.LocalDate;
import java.time.ZoneId;

/** The zones keep China time: "today" for a ledger date or an idle-land check is today there. */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
