package com.landrenew.ogc.cql;

/**
 * The CRS of a filter's geometries ({@code filter-crs}), with the axis order its coordinates come in:
 * CRS84 longitude first; EPSG:4326 and 4490 latitude first; EPSG:4549 northing first, as Chinese surveys
 * write it; EPSG:3857 easting first.
 */
public record FilterCrs(String uri, int srid, boolean northFirst) {

    public static final FilterCrs WEB_MERCATOR = new FilterCrs("http://www.opengis.net/def/crs/EPSG/0/3857", 3857, false);

    boolean degrees() {
        return srid == 4326 || srid == 4490;
    }
}
