package com.landrenew.geo;

import java.util.Locale;

import com.landrenew.web.BadRequestException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A coordinate reference system named in a parameter by its EPSG code ("EPSG:4490" or "4490"), checked
 * against PostGIS's spatial_ref_sys: a code PostGIS does not know would fail deep in a transform or in
 * ogr2ogr instead of being named in a 400.
 */
@Component
public class EpsgCodes {

    private final JdbcClient jdbc;

    EpsgCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The code, or null when the parameter is absent or blank. */
    public Integer parse(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String digits = text.strip().toUpperCase(Locale.ROOT).replaceFirst("^EPSG:", "");
        if (!digits.matches("\\d{4,6}")) {
            throw new BadRequestException("参数 " + parameter + " 应是 EPSG 代码，如 EPSG:4549、EPSG:4490 或 EPSG:4326。"
                    + parameter + " must be an EPSG code such as EPSG:4549, EPSG:4490 or EPSG:4326, got '" + text + "'");
        }
        int code = Integer.parseInt(digits);
        if (!jdbc.sql("select exists (select 1 from spatial_ref_sys where srid = :code)").param("code", code)
                .query(Boolean.class).single()) {
            throw new BadRequestException("参数 " + parameter + " 的 EPSG:" + code + " 不是 PostGIS 认识的坐标系。"
                    + parameter + ": EPSG:" + code + " is not a coordinate reference system PostGIS knows.");
        }
        return code;
    }
}
