package com.landrenew.ogc;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

/**
 * The coordinate reference systems the OGC API serves (Part 2), by their OGC URIs. Coordinates go out
 * in each CRS's own axis order: longitude first only for CRS84; latitude first for EPSG:4326 and
 * EPSG:4490; northing (X) first for EPSG:4549, as Chinese surveys write it.
 */
enum OgcCrs {

    CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, false, 7),
    WGS84("http://www.opengis.net/def/crs/EPSG/0/4326", 4326, true, 7),
    CGCS2000("http://www.opengis.net/def/crs/EPSG/0/4490", 4490, true, 7),
    SURVEY("http://www.opengis.net/def/crs/EPSG/0/4549", 4549, true, 3);

    private final String uri;
    private final int srid;
    private final boolean northFirst;
    private final int decimals;

    OgcCrs(String uri, int srid, boolean northFirst, int decimals) {
        this.uri = uri;
        this.srid = srid;
        this.northFirst = northFirst;
        this.decimals = decimals;
    }

    /** The CRS a parameter names, CRS84 when absent; a 400 naming the parameter for any other. */
    static OgcCrs parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return CRS84;
        }
        String uri = value.strip();
        if (uri.startsWith("[") && uri.endsWith("]")) {
            uri = uri.substring(1, uri.length() - 1); // a safe CURIE-style bracket, as some clients send
        }
        for (OgcCrs crs : values()) {
            if (crs.uri.equals(uri)) {
                return crs;
            }
        }
        throw new BadRequestException("参数 " + parameter + " 应为 " + uris() + " 之一，收到：" + Excerpt.of(value, 120) + "。"
                + parameter + " must be one of " + uris() + ", got: " + Excerpt.of(value, 120));
    }

    static List<String> uris() {
        return Arrays.stream(values()).map(OgcCrs::uri).collect(Collectors.toList());
    }

    String uri() {
        return uri;
    }

    int srid() {
        return srid;
    }

    /** Whether the first coordinate is the north-pointing one (latitude or northing). */
    boolean northFirst() {
        return northFirst;
    }

    boolean degrees() {
        return srid != 4549;
    }

    /** SQL for a survey geometry (EPSG:4549) expressed in this CRS and its axis order. */
    String geometry(String surveyGeometry) {
        String transformed = srid == 4549 ? surveyGeometry : "ST_Transform(" + surveyGeometry + ", " + srid + ")";
        return northFirst ? "ST_FlipCoordinates(" + transformed + ")" : transformed;
    }

    int decimals() {
        return decimals;
    }
}
