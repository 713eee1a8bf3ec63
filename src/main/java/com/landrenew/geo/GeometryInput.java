package com.landrenew.geo;

import java.util.Map;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.RejectedException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The shape of a GeoJSON geometry sent to the API (an outline, a split line, a drawn site), checked
 * before a parser sees it: GEOS and JTS fail on an unclosed ring or a ring of three positions with an
 * exception, not with a message a planner can act on. Every position is 2 or 3 finite numbers, every
 * line has 2 positions or more, every ring 4 or more with the last equal to the first, and a feature
 * has at most {@code landrenew.limits.max-vertices} positions (a huge outline slows every map answer
 * that shows it). A type or member this does not know is left to the reader, which names it.
 */
@Component
public class GeometryInput {

    private final int maxVertices;

    public GeometryInput(@Value("${landrenew.limits.max-vertices:20000}") int maxVertices) {
        this.maxVertices = maxVertices;
    }

    public int maxVertices() {
        return maxVertices;
    }

    /** 400 naming the first malformed part of {@code geometry}, 422 when it has too many vertices. */
    public void check(String field, JsonNode geometry) {
        if (geometry == null || !geometry.isObject()) {
            return;
        }
        requireAtMost(field, new Walk(field).geometry(geometry, Where.WHOLE));
    }

    /** 422 when a geometry (e.g. a merged outline) has more vertices than a feature may have. */
    public void requireAtMost(String field, int vertices) {
        if (vertices > maxVertices) {
            throw new RejectedException(field + " 有 " + vertices + " 个顶点，超过上限 " + maxVertices + "。" + field
                    + " has " + vertices + " vertices; a feature may have at most " + maxVertices
                    + " (landrenew.limits.max-vertices).", Map.of("vertices", vertices, "maxVertices", maxVertices));
        }
    }

    /** Where in a geometry a part lies, in Chinese and in English ("第 1 个多边形的第 2 个环", "ring 2 of polygon 1"). */
    private record Where(String zh, String en) {

        static final Where WHOLE = new Where("", "");

        Where in(String zhPart, String enPart) {
            return new Where(zh.isEmpty() ? zhPart : zh + "的" + zhPart, en.isEmpty() ? enPart : enPart + " of " + en);
        }

        String zhOr(String whole) {
            return zh.isEmpty() ? whole : zh;
        }

        String enOr(String whole) {
            return en.isEmpty() ? whole : en;
        }
    }

    /** One pass over a geometry's coordinates, counting positions. */
    private record Walk(String field) {

        int geometry(JsonNode geometry, Where where) {
            String type = geometry.path("type").asString("");
            if (type.equals("GeometryCollection")) {
                JsonNode members = geometry.path("geometries");
                int count = 0;
                for (int i = 0; members.isArray() && i < members.size(); i++) {
                    if (members.get(i).isObject()) {
                        count += geometry(members.get(i), where.in("第 " + (i + 1) + " 个几何对象", "geometry " + (i + 1)));
                    }
                }
                return count;
            }
            JsonNode c = geometry.get("coordinates");
            if (c == null || !c.isArray()) {
                return 0;   // the reader names a missing or odd member
            }
            return switch (type) {
                case "Point" -> position(c, where.in("点", "the point"));
                case "MultiPoint" -> positions(c, where);
                case "LineString" -> line(c, where.in("线", "the line"));
                case "MultiLineString" -> each(c, where, "条线", "line", this::line);
                case "Polygon" -> each(c, where, "个环", "ring", this::ring);
                case "MultiPolygon" -> each(c, where, "个多边形", "polygon", (rings, polygon) ->
                        each(rings, polygon, "个环", "ring", this::ring));
                default -> 0;
            };
        }

        private interface Part {
            int check(JsonNode coordinates, Where where);
        }

        /** Checks each member of an array of parts (rings, lines, polygons), numbered from 1. */
        private int each(JsonNode parts, Where where, String zhUnit, String enUnit, Part part) {
            int count = 0;
            for (int i = 0; i < parts.size(); i++) {
                Where inner = where.in("第 " + (i + 1) + " " + zhUnit, enUnit + " " + (i + 1));
                if (!parts.get(i).isArray()) {
                    throw bad(inner.zh + "应是数组，而不是 " + excerpt(parts.get(i)),
                            inner.en + " must be an array, not " + excerpt(parts.get(i)));
                }
                count += part.check(parts.get(i), inner);
            }
            return count;
        }

        private int ring(JsonNode positions, Where where) {
            int count = positions(positions, where);
            if (count < 4) {
                throw bad(where.zh + "只有 " + count + " 个坐标，一个环至少要 4 个（末个与首个相同）",
                        where.en + " has " + count + " positions; a ring needs at least 4, the last repeating the first");
            }
            if (!samePosition(positions.get(0), positions.get(count - 1))) {
                throw bad(where.zh + "未闭合：末个坐标与首个不同",
                        where.en + " is not closed: its last position differs from its first");
            }
            return count;
        }

        private int line(JsonNode positions, Where where) {
            int count = positions(positions, where);
            if (count < 2) {
                throw bad(where.zh + "只有 " + count + " 个坐标，一条线至少要 2 个",
                        where.en + " has " + count + " positions; a line needs at least 2");
            }
            return count;
        }

        private int positions(JsonNode positions, Where where) {
            for (int i = 0; i < positions.size(); i++) {
                position(positions.get(i), where.in("第 " + (i + 1) + " 个坐标", "position " + (i + 1)));
            }
            return positions.size();
        }

        private int position(JsonNode position, Where where) {
            boolean sound = position.isArray() && (position.size() == 2 || position.size() == 3);
            for (int i = 0; sound && i < position.size(); i++) {
                sound = position.get(i).isNumber() && Double.isFinite(position.get(i).doubleValue());
            }
            if (!sound) {
                throw bad(where.zh + "应是 2 或 3 个有限的数（经度、纬度），而不是 " + excerpt(position),
                        where.en + " must be 2 or 3 finite numbers (longitude, latitude), not " + excerpt(position));
            }
            return 1;
        }

        /** Equal coordinates however written ([1, 2] and [1.0, 2.0] alike). */
        private static boolean samePosition(JsonNode a, JsonNode b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).doubleValue() != b.get(i).doubleValue()) {
                    return false;
                }
            }
            return true;
        }

        private BadRequestException bad(String zh, String en) {
            return new BadRequestException(field + " 的" + zh + "。" + field + ": " + en + ".");
        }

        private static String excerpt(JsonNode node) {
            return Excerpt.of(node.toString(), 60);
        }
    }
}
