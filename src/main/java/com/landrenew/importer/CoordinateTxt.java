package com.landrenew.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.geo.GaussKruger;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The boundary-coordinate text file of 勘测定界 and 建设用地报批 (自然资源部 format), read in Java: an
 * {@code [属性描述]} section of {@code key=value} lines (坐标系, 几度分带, 投影类型, 计量单位, 带号…) and a
 * {@code [地块坐标]} section where each plot is a header line
 * {@code 界址点数,地块面积(公顷),地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@} followed by point lines
 * {@code 点号,圈号,X,Y} (X the northing, Y the easting; 圈号 1 the outer ring, higher numbers holes).
 * It is written out as GeoJSON in its own CRS for the usual path through GDAL and PostGIS; the plots' stated
 * areas travel as {@code recorded_area} (m²) to be compared with the outlines.
 */
final class CoordinateTxt {

    /** The file's plots, their CRS as the header gives it, and what the reader made of the header. */
    record Parsed(GaussKruger.Zone zone, boolean prefixed, List<Plot> plots) {
    }

    record Plot(int line, String code, String name, String use, String useCode, String hectares, Map<Integer, List<double[]>> rings) {
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_LINE = 1000;
    private static final int MAX_RINGS = 1000;

    private CoordinateTxt() {
    }

    /**
     * Parses the file; {@code maxPlots} and {@code maxPoints} (per plot) bound what is held in memory.
     * {@code crsGiven} says the caller names the CRS itself, so the header's need not be complete.
     */
    static Parsed parse(byte[] bytes, Charset given, int maxPlots, int maxPoints, boolean crsGiven) {
        String text = TextEncoding.decode(bytes, given);
        Map<String, String> header = new HashMap<>();
        List<Plot> plots = new ArrayList<>();
        String section = "";
        Plot plot = null;
        int points = 0;
        int lineNo = 0;
        for (String raw : text.split("\r\n|\r|\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.length() > MAX_LINE) {
                throw bad(lineNo, "行过长", "the line is too long");
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            if (section.equals("属性描述")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    header.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            } else if (section.equals("地块坐标")) {
                String[] f = line.split("\\s*,\\s*", -1);
                if (line.endsWith("@")) {
                    if (f.length < 9) {
                        throw bad(lineNo, "地块头行应有 9 项（界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@）",
                                "a plot's header line has 9 fields");
                    }
                    if (plots.size() == maxPlots) {
                        throw new com.landrenew.web.TooLargeException("文件的地块超过 " + maxPlots + " 个。the file holds more than "
                                + maxPlots + " plots");
                    }
                    plot = new Plot(lineNo, f[2], f[3], f[6], f[7], f[1], new LinkedHashMap<>());
                    plots.add(plot);
                    points = 0;
                } else {
                    if (plot == null) {
                        throw bad(lineNo, "界址点前没有地块头行", "a point comes before any plot's header line");
                    }
                    if (f.length < 4) {
                        throw bad(lineNo, "界址点行应为 点号,圈号,X,Y", "a point line is 点号,圈号,X,Y");
                    }
                    if (++points > maxPoints) {
                        throw bad(lineNo, "地块 " + Excerpt.of(plot.code()) + " 的界址点超过 " + maxPoints + " 个",
                                "plot " + Excerpt.of(plot.code()) + " has more than " + maxPoints + " points");
                    }
                    int ring = number(f[1], lineNo, "圈号 ring number", true).intValue();
                    double x = number(f[2], lineNo, "X", false).doubleValue();
                    double y = number(f[3], lineNo, "Y", false).doubleValue();
                    if (!plot.rings().containsKey(ring) && plot.rings().size() == MAX_RINGS) {
                        throw bad(lineNo, "地块的圈超过 " + MAX_RINGS + " 个", "a plot has more than " + MAX_RINGS + " rings");
                    }
                    // X is the northing, Y the easting: GeoJSON's order is easting, northing.
                    plot.rings().computeIfAbsent(ring, r -> new ArrayList<>()).add(new double[] {y, x});
                }
            }
        }
        if (plots.isEmpty()) {
            throw new BadRequestException("坐标文件中没有 [地块坐标] 地块。the coordinate file holds no plot under [地块坐标]");
        }
        double firstEasting = plots.stream().flatMap(p -> p.rings().values().stream()).flatMap(List::stream)
                .mapToDouble(p -> p[0]).findFirst().orElse(0);
        boolean prefixed = firstEasting >= 1_000_000;
        for (Plot p : plots) {
            for (List<double[]> ring : p.rings().values()) {
                for (double[] point : ring) {
                    if (point[0] >= 1_000_000 != prefixed
                            || prefixed && Math.floor(point[0] / 1_000_000) != Math.floor(firstEasting / 1_000_000)) {
                        throw new BadRequestException("地块 " + Excerpt.of(p.code()) + " 的 Y 坐标与其他地块不在同一带（带号前缀不一致）。plot "
                                + Excerpt.of(p.code()) + ": its eastings (Y) are not in the zone of the file's other points");
                    }
                }
            }
        }
        return new Parsed(crsGiven ? null : zone(header, prefixed, firstEasting), prefixed, plots);
    }

    /** The zone the header names, checked against the zone number in front of the eastings when there is one. */
    private static GaussKruger.Zone zone(Map<String, String> header, boolean prefixed, double firstEasting) {
        String datum = header.getOrDefault("坐标系", "");
        if (!datum.contains("2000")) {
            throw new BadRequestException("坐标文件的坐标系为 '" + Excerpt.of(datum) + "'，只能自动识别 2000国家大地坐标系；"
                    + "其他坐标系请用 crs=EPSG:xxxx 指定。The file's 坐标系 is '" + Excerpt.of(datum)
                    + "': only CGCS2000 (2000国家大地坐标系) is recognised by itself; name another with crs=EPSG:xxxx.");
        }
        String projection = header.getOrDefault("投影类型", "高斯克吕格");
        String unit = header.getOrDefault("计量单位", "米");
        if (!projection.contains("高斯") || !(unit.equals("米") || unit.equalsIgnoreCase("m"))) {
            throw new BadRequestException("坐标文件的投影类型或计量单位无法识别（'" + Excerpt.of(projection) + "'，'" + Excerpt.of(unit)
                    + "'），应为高斯克吕格、米。The file's projection or unit is not Gauss-Krüger in metres; name the CRS with crs=EPSG:xxxx.");
        }
        GaussKruger.Zone fromEastings = prefixed ? GaussKruger.ofPrefixedEasting(firstEasting) : null;
        if (prefixed && fromEastings == null) {
            throw new BadRequestException("Y 坐标 " + firstEasting + " 不是中国范围内的带号加东坐标。the easting (Y) " + firstEasting
                    + " is not a Gauss-Krüger easting of a zone over China");
        }
        Integer width = integer(header.get("几度分带"));
        Integer number = integer(header.get("带号"));
        if (number == null && fromEastings != null) {
            number = fromEastings.number();
        }
        if (width == null && number != null) {
            width = number >= 25 ? 3 : 6;
        }
        if (width == null || number == null) {
            throw new BadRequestException("坐标文件没有给出带号（Y 坐标前也没有带号），请用 crs=EPSG:xxxx 指定坐标系。"
                    + "the file names no zone (带号) and its eastings carry none; name the CRS with crs=EPSG:xxxx");
        }
        GaussKruger.Zone zone = new GaussKruger.Zone(width, number);
        if (!zone.known()) {
            throw new BadRequestException("几度分带 " + width + "、带号 " + number + " 不是中国范围内的高斯克吕格分带。"
                    + width + "-degree zone " + number + " is not a Gauss-Krüger zone over China");
        }
        if (fromEastings != null && !fromEastings.equals(zone)) {
            throw new BadRequestException("文件头的带号 " + number + " 与 Y 坐标前的带号 " + fromEastings.number() + " 不符。"
                    + "the header's zone " + number + " differs from the zone " + fromEastings.number() + " in front of the eastings");
        }
        return zone;
    }

    /** Writes the plots as a GeoJSON FeatureCollection (coordinates as in the file, easting first). */
    static void writeGeoJson(Parsed parsed, Path out) {
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), writer)) {
            json.writeStartObject();
            json.writeStringProperty("type", "FeatureCollection");
            json.writeArrayPropertyStart("features");
            for (Plot plot : parsed.plots()) {
                json.writeStartObject();
                json.writeStringProperty("type", "Feature");
                json.writeObjectPropertyStart("properties");
                json.writeStringProperty("code", plot.code());
                json.writeStringProperty("land_use", plot.useCode().isEmpty() ? plot.use() : plot.useCode());
                json.writeStringProperty("land_use_name", plot.use());
                if (plot.hectares().matches("[0-9]{1,9}(\\.[0-9]{1,8})?")) {
                    json.writeNumberProperty("recorded_area", new java.math.BigDecimal(plot.hectares()).movePointRight(4));
                } else {
                    json.writeStringProperty("recorded_area", plot.hectares());
                }
                json.writeEndObject();
                json.writeObjectPropertyStart("geometry");
                json.writeStringProperty("type", "Polygon");
                json.writeArrayPropertyStart("coordinates");
                // 圈号 1 first (the outer ring), then the others in their order.
                List<Integer> order = new ArrayList<>(plot.rings().keySet());
                order.sort(Integer::compare);
                for (int ring : order) {
                    List<double[]> points = plot.rings().get(ring);
                    json.writeStartArray();
                    for (double[] p : points) {
                        json.writeArray(p, 0, 2);
                    }
                    double[] first = points.get(0);
                    double[] last = points.get(points.size() - 1);
                    if (first[0] != last[0] || first[1] != last[1]) {
                        json.writeArray(first, 0, 2);
                    }
                    json.writeEndArray();
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Number number(String text, int line, String what, boolean integer) {
        String t = text.strip();
        if (integer ? !t.matches("[0-9]{1,4}") : !t.matches("-?[0-9]{1,9}(\\.[0-9]{1,9})?")) {
            throw bad(line, what + " '" + Excerpt.of(t) + "' 不是数值", what + " '" + Excerpt.of(t) + "' is not a number");
        }
        return integer ? Integer.valueOf(t) : (Number) Double.valueOf(t);
    }

    private static Integer integer(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() || digits.length() > 3 ? null : Integer.valueOf(digits);
    }

    private static BadRequestException bad(int line, String zh, String en) {
        return new BadRequestException("坐标文件第 " + line + " 行：" + zh + "。coordinate file, line " + line + ": " + en);
    }
}
