package com.landrenew.ogc.cql;

import java.util.Locale;

import com.landrenew.geo.SurveyBox;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * A filter's geometry literal (WKT, GeoJSON or a BBOX), read and checked before PostGIS sees it: at
 * most {@code maxVertices} positions (as every geometry the API takes, geo/GeometryInput), finite
 * coordinates inside where EPSG:4549 is sound (a projection far outside it fails in PostGIS), valid
 * (GEOS fails on a self-crossing polygon with an exception, not an answer). The result is in the filter
 * CRS with east (or longitude) first and its SRID set.
 */
final class FilterGeometry {

    private static final double MERCATOR_RADIUS = 6378137;

    private final FilterCrs crs;
    private final int maxVertices;

    FilterGeometry(FilterCrs crs, int maxVertices) {
        this.crs = crs;
        this.maxVertices = maxVertices;
    }

    Geometry wkt(String wkt, int at) {
        try {
            return checked(new WKTReader().read(wkt), at);
        } catch (ParseException | RuntimeException e) {
            if (e instanceof com.landrenew.web.BadRequestException bad) {
                throw bad;
            }
            throw CqlError.at(at, "无法读取 WKT 几何 " + CqlError.excerpt(wkt), "the WKT geometry cannot be read: "
                    + CqlError.excerpt(String.valueOf(e.getMessage())));
        }
    }

    Geometry geoJson(String json, int at) {
        Geometry geometry;
        try {
            geometry = new GeoJsonReader().read(json);
        } catch (ParseException | RuntimeException e) {
            throw CqlError.at(at, "无法读取 GeoJSON 几何", "the GeoJSON geometry cannot be read: "
                    + CqlError.excerpt(String.valueOf(e.getMessage())));
        }
        return checked(geometry, at);
    }

    Geometry bbox(double[] c, int at) {
        if (c.length != 4 && c.length != 6) {
            throw CqlError.at(at, "BBOX 需要 4 个（或带高度 6 个）数", "BBOX takes 4 numbers (or 6 with heights)");
        }
        int hi = c.length / 2;
        if (!(c[0] < c[hi]) || !(c[1] < c[hi + 1])) {
            throw CqlError.at(at, "BBOX 的最小值须小于最大值", "BBOX minimums must be less than its maximums");
        }
        return checked(new GeometryFactory().toGeometry(new Envelope(c[0], c[hi], c[1], c[hi + 1])), at);
    }

    private Geometry checked(Geometry geometry, int at) {
        if (geometry.getClass() == org.locationtech.jts.geom.GeometryCollection.class) {
            // GEOS answers most spatial relations of a collection with an error, not a result
            throw CqlError.at(at, "不支持几何集合（GEOMETRYCOLLECTION），请改用多点、多线或多面", "geometry collections are "
                    + "not supported; use a MultiPoint, MultiLineString or MultiPolygon");
        }
        if (geometry.isEmpty()) {
            throw CqlError.at(at, "几何为空", "the geometry is empty");
        }
        if (geometry.getNumPoints() > maxVertices) {
            throw CqlError.at(at, "几何有 " + geometry.getNumPoints() + " 个顶点，超过上限 " + maxVertices,
                    "the geometry has " + geometry.getNumPoints() + " vertices; at most " + maxVertices + " are accepted");
        }
        if (crs.northFirst()) {
            geometry.apply(SWAP_AXES);
        }
        for (Coordinate c : geometry.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || !sound(c)) {
                throw CqlError.at(at, "坐标 " + c.x + " " + c.y + " 不在 " + crs.uri() + " 中 EPSG:4549 可用的范围内（经度 "
                        + SurveyBox.SOUND_AREA.minLon() + "–" + SurveyBox.SOUND_AREA.maxLon() + "，纬度 "
                        + SurveyBox.SOUND_AREA.minLat() + "–" + SurveyBox.SOUND_AREA.maxLat() + "）",
                        String.format(Locale.ROOT, "the position %s %s in %s lies outside the area where EPSG:4549 is "
                                + "sound (longitude %s to %s, latitude %s to %s)", c.x, c.y, crs.uri(),
                                SurveyBox.SOUND_AREA.minLon(), SurveyBox.SOUND_AREA.maxLon(),
                                SurveyBox.SOUND_AREA.minLat(), SurveyBox.SOUND_AREA.maxLat()));
            }
        }
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            throw CqlError.at(at, "几何无效：" + error.getMessage(), "the geometry is not valid: " + error.getMessage()
                    + " near " + error.getCoordinate());
        }
        geometry.setSRID(crs.srid());
        return geometry;
    }

    /** Whether a position (east first) lies where EPSG:4549 is sound; survey coordinates are taken as they are. */
    private boolean sound(Coordinate c) {
        if (crs.degrees()) {
            return SurveyBox.covers(c.x, c.y);
        }
        if (crs.srid() == 3857) {
            double lon = Math.toDegrees(c.x / MERCATOR_RADIUS);
            double lat = Math.toDegrees(Math.atan(Math.sinh(c.y / MERCATOR_RADIUS)));
            return SurveyBox.covers(lon, lat);
        }
        return Math.abs(c.x) < 1e8 && Math.abs(c.y) < 1e8;
    }

    private static final CoordinateSequenceFilter SWAP_AXES = new CoordinateSequenceFilter() {
        @Override
        public void filter(CoordinateSequence seq, int i) {
            double x = seq.getX(i);
            seq.setOrdinate(i, 0, seq.getY(i));
            seq.setOrdinate(i, 1, x);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    };
}
