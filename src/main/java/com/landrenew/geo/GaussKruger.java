package com.landrenew.geo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * CGCS2000 Gauss-Krüger zones and their EPSG codes. Chinese surveys write eastings either with the
 * zone number in front (40 512 345.6: zone 40, false easting 40 500 000) or without (512 345.6, false
 * easting 500 000); each has its own EPSG code. 3° zones 25-45 (central meridian 3n): with the number
 * EPSG:4513-4533, without it EPSG:4534-4554; 6° zones 13-23 (central meridian 6n-3): EPSG:4491-4501 and
 * EPSG:4502-4512. The two ranges of zone numbers do not meet, so a prefixed easting names its zone alone.
 * Every code is checked against PostGIS's spatial_ref_sys (central meridian and false easting) before use.
 */
@Component
public class GaussKruger {

    /** One zone: 3 or 6 degrees wide, and its number. */
    public record Zone(int degrees, int number) {

        public int centralMeridian() {
            return degrees == 3 ? 3 * number : 6 * number - 3;
        }

        /** The EPSG code of CGCS2000 in this zone, with or without the zone number in front of eastings. */
        public int epsg(boolean prefixed) {
            if (degrees == 3) {
                return (prefixed ? 4513 : 4534) + number - 25;
            }
            return (prefixed ? 4491 : 4502) + number - 13;
        }

        public long falseEasting(boolean prefixed) {
            return (prefixed ? number * 1_000_000L : 0) + 500_000L;
        }

        public String label() {
            return degrees + "°带第 " + number + " 带 (" + degrees + "-degree zone " + number + ", CM " + centralMeridian() + "°E)";
        }

        /** Whether this is a zone that covers China (3°: 25-45, 6°: 13-23). */
        public boolean known() {
            return degrees == 3 ? number >= 25 && number <= 45 : degrees == 6 && number >= 13 && number <= 23;
        }
    }

    private final JdbcClient jdbc;

    GaussKruger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The zone an easting with the zone number in front lies in, or null when it is not such an easting. */
    public static Zone ofPrefixedEasting(double easting) {
        if (!Double.isFinite(easting) || easting < 1_000_000) {
            return null;
        }
        int number = (int) Math.floor(easting / 1_000_000);
        Zone zone = new Zone(number >= 25 ? 3 : 6, number);
        return zone.known() ? zone : null;
    }

    /** The zone's EPSG code, once spatial_ref_sys confirms it is that zone (central meridian and false easting). */
    public int verifiedEpsg(Zone zone, boolean prefixed) {
        int code = zone.epsg(prefixed);
        boolean matches = jdbc.sql("""
                select exists (select 1 from spatial_ref_sys
                               where srid = :code and proj4text like '%+proj=tmerc %' and proj4text like '%+ellps=GRS80 %'
                                 and proj4text like '%+lon_0=' || :cm || ' %' and proj4text like '%+x_0=' || :fe || ' %')""")
                .param("code", code).param("cm", zone.centralMeridian()).param("fe", zone.falseEasting(prefixed))
                .query(Boolean.class).single();
        if (!matches) {
            throw new IllegalStateException("spatial_ref_sys does not hold EPSG:" + code + " as CGCS2000 " + zone.label());
        }
        return code;
    }

    /** The false easting of a projected code from spatial_ref_sys, or null when the code is not projected. */
    public Double falseEasting(int code) {
        String proj4 = jdbc.sql("select coalesce(proj4text, '') from spatial_ref_sys where srid = :code").param("code", code)
                .query(String.class).optional().orElse("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\+x_0=([0-9.eE+-]+)").matcher(proj4);
        return proj4.contains("+proj=longlat") || !m.find() ? null : Double.valueOf(m.group(1));
    }
}
