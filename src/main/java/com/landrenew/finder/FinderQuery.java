package com.landrenew.finder;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.landrenew.geo.SurveyBox;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.Paging;

import org.springframework.util.MultiValueMap;

/**
 * What an enterprise asks the finder: the land it needs (area in mu, use, where, by when, near what)
 * and what it will bring against the zone's standard-land conditions. Parsed from the query string
 * with a 400 naming the parameter for anything malformed or unknown, so a typo never silently widens
 * a search.
 *
 * @param minMu inclusive lower bound of the area, in mu
 * @param maxMu inclusive upper bound of the area, in mu
 * @param use a land-use code: the code itself and every code under it (1001 is any industrial land)
 * @param readyBy only land ready on or before this date
 * @param near a WGS84 longitude/latitude to measure distances from (EPSG:4549 metres)
 * @param maxDistance the largest distance from {@code near}, in metres
 * @param investment fixed-asset investment the enterprise will bring, 万元/亩 (meets a parcel's minimum)
 * @param tax tax per mu per year it expects to pay, 万元/亩 (meets a parcel's minimum)
 * @param far the floor-area ratio it plans (within the parcel's FAR range)
 * @param energy its energy use per unit of output, tce/万元 (within a parcel's maximum)
 * @param emission its emission class (as strict as a parcel's standard, or stricter)
 * @param maxRoad the widest road, in metres, across which parcels still form one combined site
 * @param combine whether to offer combined sites at all
 * @param limit how many results at most
 */
record FinderQuery(Double minMu, Double maxMu, String use, String zone, String block, LocalDate readyBy,
        LonLat near, Double maxDistance, Double investment, Double tax, Double far, Double energy,
        String emission, double maxRoad, boolean combine, int limit) {

    static final double DEFAULT_MAX_ROAD = 15;
    static final double MAX_ROAD_LIMIT = 60;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private static final Set<String> PARAMETERS = Set.of("minMu", "maxMu", "use", "zone", "block", "readyBy", "near",
            "maxDistance", "investment", "tax", "far", "energy", "emission", "maxRoad", "combine", "limit");

    static FinderQuery parse(MultiValueMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
            if (!PARAMETERS.contains(entry.getKey())) {
                throw new BadRequestException("未知参数 " + Excerpt.of(entry.getKey()) + "；找地支持 " + String.join("、", PARAMETERS.stream().sorted().toList())
                        + "。Unknown parameter " + Excerpt.of(entry.getKey()) + "; the finder knows "
                        + String.join(", ", PARAMETERS.stream().sorted().toList()) + ".");
            }
            if (entry.getValue().size() > 1) {
                throw new BadRequestException("参数 " + entry.getKey() + " 给了不止一次。Parameter " + entry.getKey() + " is given more than once.");
            }
        }
        Params p = new Params(parameters);
        Double minMu = p.nonNegative("minMu");
        Double maxMu = p.nonNegative("maxMu");
        if (minMu != null && maxMu != null && minMu > maxMu) {
            throw new BadRequestException("最小面积 minMu（" + minMu + " 亩）不能大于最大面积 maxMu（" + maxMu + " 亩）。minMu (" + minMu
                    + ") must not exceed maxMu (" + maxMu + ").");
        }
        LonLat near = p.lonLat("near");
        Double maxDistance = p.nonNegative("maxDistance");
        if (maxDistance != null && near == null) {
            throw new BadRequestException("maxDistance 需要 near（经度,纬度）作为量距的起点。maxDistance needs near (lon,lat) to measure from.");
        }
        Double maxRoad = p.nonNegative("maxRoad");
        if (maxRoad != null && maxRoad > MAX_ROAD_LIMIT) {
            throw new BadRequestException("maxRoad 最多 " + MAX_ROAD_LIMIT + " 米，收到 " + maxRoad + "。maxRoad must be at most " + MAX_ROAD_LIMIT
                    + " m, got " + maxRoad + ".");
        }
        return new FinderQuery(minMu, maxMu, p.code("use", "[0-9A-Z]{1,8}"), p.code("zone", "[a-z0-9-]+"),
                p.code("block", "[a-z0-9-]+"), p.date("readyBy"), near, maxDistance, p.nonNegative("investment"),
                p.nonNegative("tax"), p.nonNegative("far"), p.nonNegative("energy"), p.code("emission", "[a-z_]+"),
                maxRoad == null ? DEFAULT_MAX_ROAD : maxRoad, p.bool("combine", true), p.limit());
    }

    /** The area the ranking aims at: the middle of the range, or the one bound given; null for none. */
    Double targetMu() {
        if (minMu != null && maxMu != null) {
            return (minMu + maxMu) / 2;
        }
        return minMu != null ? minMu : maxMu;
    }

    Double nearLon() {
        return near == null ? null : near.lon();
    }

    Double nearLat() {
        return near == null ? null : near.lat();
    }

    /** A point in WGS84 degrees. */
    record LonLat(double lon, double lat) {
    }

    /** Reads one parameter at a time, naming it in every 400. */
    private record Params(MultiValueMap<String, String> values) {

        String text(String name) {
            String value = values.getFirst(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        Double number(String name) {
            String text = text(name);
            if (text == null) {
                return null;
            }
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new BadRequestException("参数 " + name + " 须为数，收到 '" + Excerpt.of(text) + "'。" + name + " must be a number, got '"
                        + Excerpt.of(text) + "'.");
            }
            if (!Double.isFinite(value)) {
                throw new BadRequestException("参数 " + name + " 须为有限数，收到 '" + Excerpt.of(text) + "'。" + name
                        + " must be a finite number, got '" + Excerpt.of(text) + "'.");
            }
            return value;
        }

        Double nonNegative(String name) {
            Double value = number(name);
            if (value != null && value < 0) {
                throw new BadRequestException("参数 " + name + " 不能为负数，收到 " + value + "。" + name + " must not be negative, got " + value + ".");
            }
            return value;
        }

        String code(String name, String pattern) {
            String text = text(name);
            if (text != null && !text.matches(pattern)) {
                throw new BadRequestException("参数 " + name + " 不是有效的代码：'" + Excerpt.of(text) + "'。" + name + " is not a valid code: '"
                        + Excerpt.of(text) + "'.");
            }
            return text;
        }

        LocalDate date(String name) {
            String text = text(name);
            try {
                return text == null ? null : LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new BadRequestException("参数 " + name + " 应为日期（yyyy-mm-dd），收到 '" + Excerpt.of(text) + "'。" + name
                        + " must be a date (yyyy-mm-dd), got '" + Excerpt.of(text) + "'");
            }
        }

        /** lon,lat in WGS84 degrees, where the survey CRS (EPSG:4549, CM 120E) measures soundly. */
        LonLat lonLat(String name) {
            String text = text(name);
            if (text == null) {
                return null;
            }
            String[] parts = text.split(",", -1);
            if (parts.length != 2) {
                throw new BadRequestException("参数 " + name + " 应为 经度,纬度（两个数），收到 '" + Excerpt.of(text) + "'。" + name
                        + " must be lon,lat (two numbers), got '" + Excerpt.of(text) + "'");
            }
            double[] lonLat = new double[2];
            for (int i = 0; i < 2; i++) {
                try {
                    lonLat[i] = Double.parseDouble(parts[i].strip());
                } catch (NumberFormatException e) {
                    throw new BadRequestException("参数 " + name + " 应为 经度,纬度（两个数），收到 '" + Excerpt.of(text) + "'。" + name
                        + " must be lon,lat (two numbers), got '" + Excerpt.of(text) + "'");
                }
            }
            if (!SurveyBox.covers(lonLat[0], lonLat[1])) {
                throw new BadRequestException("参数 " + name + " 应为经度 75..165、纬度 -80..84（WGS84），"
                        + "EPSG:4549 在此范围内量距可靠；收到 '" + Excerpt.of(text) + "'。" + name
                        + " must be a longitude 75..165 and latitude -80..84 (WGS84),"
                        + " where distances in EPSG:4549 are sound; got '" + Excerpt.of(text) + "'");
            }
            return new LonLat(lonLat[0], lonLat[1]);
        }

        boolean bool(String name, boolean otherwise) {
            String text = text(name);
            if (text == null) {
                return otherwise;
            }
            return switch (text) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new BadRequestException("参数 " + name + " 应为 true 或 false，收到 '" + Excerpt.of(text) + "'。" + name
                        + " must be true or false, got '" + Excerpt.of(text) + "'");
            };
        }

        int limit() {
            Double value = number("limit");
            if (value == null) {
                return DEFAULT_LIMIT;
            }
            return Paging.limit(value, MAX_LIMIT);
        }
    }
}
