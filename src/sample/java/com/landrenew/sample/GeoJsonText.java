package com.landrenew.sample;

import java.util.List;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Just enough JSON writing for the sample: one feature per line (so a regenerated file diffs line by
 * line), coordinates with exactly two decimals, exterior rings anticlockwise as RFC 7946 asks.
 */
final class GeoJsonText {

    static final String CRS = "{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4549\"}}";

    private GeoJsonText() {
    }

    /** A FeatureCollection whose features are the given one-line JSON objects. */
    static String featureCollection(String name, List<String> features) {
        StringBuilder out = new StringBuilder(features.size() * 400 + 200);
        out.append("{\"type\":\"FeatureCollection\",\"name\":\"").append(name).append("\",\"crs\":").append(CRS)
                .append(",\"features\":[\n");
        appendLines(out, features);
        return out.append("]}\n").toString();
    }

    /** A JSON array of the given one-line JSON objects. */
    static String array(List<String> elements) {
        StringBuilder out = new StringBuilder(elements.size() * 120 + 10).append("[\n");
        appendLines(out, elements);
        return out.append("]\n").toString();
    }

    private static void appendLines(StringBuilder out, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            out.append(lines.get(i)).append(i + 1 < lines.size() ? ",\n" : "\n");
        }
    }

    /** A Feature with the given properties object (already JSON) and geometry. */
    static String feature(String properties, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
    }

    static String multiPolygon(List<Polygon> polygons) {
        StringBuilder out = new StringBuilder("{\"type\":\"MultiPolygon\",\"coordinates\":[");
        for (int i = 0; i < polygons.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            rings(out, polygons.get(i));
        }
        return out.append("]}").toString();
    }

    static String point(Coordinate c) {
        return "{\"type\":\"Point\",\"coordinates\":[" + fixed(c.x, 2) + "," + fixed(c.y, 2) + "]}";
    }

    static String lineString(LineString line) {
        StringBuilder out = new StringBuilder("{\"type\":\"LineString\",\"coordinates\":[");
        Coordinate[] points = line.getCoordinates();
        for (int i = 0; i < points.length; i++) {
            out.append(i > 0 ? "," : "").append('[').append(fixed(points[i].x, 2)).append(',')
                    .append(fixed(points[i].y, 2)).append(']');
        }
        return out.append("]}").toString();
    }

    static String polygon(Polygon polygon) {
        StringBuilder out = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":");
        rings(out, polygon);
        return out.append('}').toString();
    }

    private static void rings(StringBuilder out, Polygon polygon) {
        out.append('[');
        ring(out, polygon.getExteriorRing(), true);
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            out.append(',');
            ring(out, polygon.getInteriorRingN(i), false);
        }
        out.append(']');
    }

    private static void ring(StringBuilder out, LineString ring, boolean anticlockwise) {
        Coordinate[] points = ring.getCoordinates();
        boolean reverse = Orientation.isCCW(points) != anticlockwise;
        out.append('[');
        for (int i = 0; i < points.length; i++) {
            Coordinate c = points[reverse ? points.length - 1 - i : i];
            if (i > 0) {
                out.append(',');
            }
            out.append('[').append(fixed(c.x, 2)).append(',').append(fixed(c.y, 2)).append(']');
        }
        out.append(']');
    }

    /** {@code value} with exactly {@code decimals} decimals (0–3), rounded half away from zero. */
    static String fixed(double value, int decimals) {
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
        long scaled = StrictMath.round(StrictMath.abs(value) * scale);
        String sign = value < 0 && scaled != 0 ? "-" : "";
        if (decimals == 0) {
            return sign + scaled;
        }
        String fraction = Long.toString(scaled % scale);
        while (fraction.length() < decimals) {
            fraction = "0" + fraction;
        }
        return sign + (scaled / scale) + "." + fraction;
    }

    /** A JSON string literal; the sample's texts need no escapes beyond these. */
    static String string(String value) {
        if (value == null) {
            return "null";
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
