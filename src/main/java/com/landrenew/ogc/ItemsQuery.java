package com.landrenew.ogc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.landrenew.geo.Bbox;
import com.landrenew.geo.SurveyBox;
import com.landrenew.ogc.cql.CqlSql;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.Paging;

/**
 * The query parameters of {@code /collections/{id}/items}, checked: a bad value is a 400 naming the
 * parameter, and so is a parameter the collection does not take (OGC API - Features /req/core/query-param-unknown).
 *
 * @param box       the bbox, when given, in the storage axis order (east, north); see {@link SearchBox}
 * @param filters   attribute filters by name, as typed values
 * @param datetime  null when not given
 * @param cursor    the id after which the page starts (keyset paging, from a next link); null when not given
 * @param filter    the CQL2 {@code filter} as SQL (Part 3, {@link OgcFilter}); null when not given
 */
record ItemsQuery(Optional<SearchBox> box, int limit, int offset, DateInterval datetime, OgcCrs crs,
        Map<String, Object> filters, Long cursor, CqlSql.Condition filter) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    /** The least page size of a GeoJSON next link: a client following them reads the whole collection. */
    static final int FOLLOW_LIMIT = 1_000;
    private static final Set<String> COMMON = Set.of("f", "bbox", "bbox-crs", "crs", "limit", "offset", "cursor",
            "filter", "filter-lang", "filter-crs");

    /**
     * A search box. Degrees (CRS84, EPSG:4326, EPSG:4490 alike: their difference is centimetres) are
     * clipped to where EPSG:4549 is sound; {@code nothing} when no part of the box is.
     */
    record SearchBox(double minX, double minY, double maxX, double maxY, boolean degrees, boolean nothing) {
    }

    static ItemsQuery parse(OgcCollection collection, Map<String, String> params) {
        for (String name : params.keySet()) {
            if (!COMMON.contains(name) && !collection.filters().containsKey(name)
                    && !(name.equals("datetime") && collection.temporal() != null)) {
                Set<String> allowed = new TreeSet<>(COMMON);
                allowed.addAll(collection.filters().keySet());
                if (collection.temporal() != null) {
                    allowed.add("datetime");
                }
                throw new BadRequestException("集合 " + collection.id() + " 没有查询参数 '" + Excerpt.of(name) + "'，可用："
                        + String.join(", ", allowed) + "。unknown query parameter '" + Excerpt.of(name) + "' for collection "
                        + collection.id() + "; it takes: " + String.join(", ", allowed));
            }
        }
        Paging page = Paging.of(integer(params, "limit", DEFAULT_LIMIT), integer(params, "offset", 0), MAX_LIMIT);
        OgcCrs crs = OgcCrs.parse("crs", params.get("crs"));
        OgcCrs bboxCrs = OgcCrs.parse("bbox-crs", params.get("bbox-crs"));
        if (params.containsKey("bbox-crs") && !params.containsKey("bbox")) {
            throw new BadRequestException("给了 bbox-crs 却没有 bbox。bbox-crs is given without a bbox");
        }
        Optional<SearchBox> box = Optional.ofNullable(params.get("bbox")).map(text -> searchBox(text, bboxCrs));
        DateInterval datetime = Optional.ofNullable(params.get("datetime")).map(DateInterval::parse).orElse(null);
        Map<String, Object> filters = new LinkedHashMap<>();
        collection.filters().forEach((name, filter) -> {
            String value = params.get(name);
            if (value != null) {
                filters.put(name, filter.isBoolean() ? bool(name, value) : value);
            }
        });
        Long cursor = cursor(params.get("cursor"));
        if (cursor != null && params.containsKey("offset")) {
            throw new BadRequestException("游标（cursor）与 offset 不能同时使用。cursor and offset cannot be used together: "
                    + "a cursor already says where the page starts");
        }
        return new ItemsQuery(box, page.limit(), page.offset(), datetime, crs, filters, cursor,
                OgcFilter.parse(collection, params));
    }

    /** The cursor of a next link: the id of the last feature of the page before (ids are positive). */
    private static Long cursor(String value) {
        if (value == null) {
            return null;
        }
        if (value.matches("[0-9]{1,18}")) {
            return Long.parseLong(value);
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        throw new BadRequestException("游标（cursor）无效：请使用 next 链接给出的值。cursor is not valid: use the value a next "
                + "link gives, got: '" + shown + "'");
    }

    /** {@code minX,minY,maxX,maxY} (or six numbers with heights, which are ignored) in the CRS's axis order. */
    static SearchBox searchBox(String text, OgcCrs crs) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw new BadRequestException("bbox 应为 4 个数（或含高度的 6 个），收到：" + Excerpt.of(text)
                    + "。bbox must be 4 numbers (or 6 with heights), got: " + Excerpt.of(text));
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new BadRequestException("bbox 第 " + (i + 1) + " 个值不是数：'" + Excerpt.of(parts[i]) + "'。bbox value " + (i + 1)
                        + " is not a number: '" + Excerpt.of(parts[i]) + "'");
            }
        }
        int hi = parts.length / 2;
        double[] corners = crs.northFirst() ? new double[] {v[1], v[0], v[hi + 1], v[hi]}
                : new double[] {v[0], v[1], v[hi], v[hi + 1]};
        String eastNorth = corners[0] + "," + corners[1] + "," + corners[2] + "," + corners[3];
        if (crs.degrees()) {
            // longitude/latitude ranges and order are checked where every bbox of the API is
            Bbox box = Bbox.parse("bbox", eastNorth);
            return box.intersection(SurveyBox.SOUND_AREA)
                    .map(b -> new SearchBox(b.minLon(), b.minLat(), b.maxLon(), b.maxLat(), true, false))
                    .orElse(new SearchBox(0, 0, 0, 0, true, true));
        }
        for (double c : corners) {
            if (!Double.isFinite(c)) {
                throw new BadRequestException("bbox 的值须为有限数：" + Excerpt.of(text) + "。bbox values must be finite: " + Excerpt.of(text));
            }
        }
        if (corners[0] >= corners[2] || corners[1] >= corners[3]) {
            throw new BadRequestException("bbox 颠倒或为空：在 " + crs.uri() + " 中最小值须小于最大值：" + Excerpt.of(text)
                    + "。bbox is inverted or empty: min must be less than max in " + crs.uri() + ": " + Excerpt.of(text));
        }
        return new SearchBox(corners[0], corners[1], corners[2], corners[3], false, false);
    }

    private static int integer(Map<String, String> params, String name, int fallback) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("参数 " + name + " 应为整数，收到 '" + Excerpt.of(value) + "'。" + name
                    + " must be an integer, got: '" + Excerpt.of(value) + "'");
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestException("参数 " + name + " 应为 true 或 false，收到 '" + Excerpt.of(value) + "'。" + name
                    + " must be true or false, got: '" + Excerpt.of(value) + "'");
        };
    }
}
