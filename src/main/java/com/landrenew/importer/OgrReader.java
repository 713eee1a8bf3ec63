package com.landrenew.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.landrenew.gdal.Gdal;
import com.landrenew.gdal.WorkDirectory;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Reads GeoJSON, GeoPackage and zipped Shapefile with Debian's GDAL (ogr2ogr) into a GeoJSON file in
 * the survey CRS, EPSG:4549. GDAL is the reader planners' own tools use, and it knows every CRS by its
 * EPSG code. Each upload is opened only by the driver its name calls for, once its first bytes show it
 * is that format; a file GDAL cannot read, or one without a CRS when none is given, is a 400.
 */
@Component
class OgrReader {

    private static final Pattern LAYER_LINE = Pattern.compile("^\\d+: (.+?)(?: \\(.*\\))?$");
    private static final Pattern HEX_VALUE = Pattern.compile("^\\s+[ns] \\(String\\) = ([0-9A-F]*)$");
    /** The one virtual table a GeoPackage may hold: its spatial index (GeoPackage 1.3, extension gpkg_rtree_index). */
    private static final Pattern RTREE_INDEX = Pattern.compile(
            "(?is)CREATE\\s+VIRTUAL\\s+TABLE\\s+(\"[^\"]*\"|'[^']*'|\\w+)\\s+USING\\s+rtree\\s*\\(.*");
    private static final Pattern PLAIN_TABLE = Pattern.compile("(?is)CREATE\\s+TABLE\\s.*");
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** GDAL writes the result as GeoJSON: its writer is registered beside the one reading driver. */
    private static final String WRITER = "GeoJSON";

    /** The formats an upload may have, by its name, and the only GDAL driver that may open each. */
    enum Format {
        GEOJSON("GeoJSON", "GeoJSON"), GEOPACKAGE("GPKG", "GeoPackage"), SHAPEFILE_ZIP("ESRI Shapefile", "zipped Shapefile");

        final String driver;
        final String label;

        Format(String driver, String label) {
            this.driver = driver;
            this.label = label;
        }

        static Format of(String originalName) {
            String name = originalName == null ? "" : originalName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".geojson") || name.endsWith(".json")) {
                return GEOJSON;
            }
            if (name.endsWith(".gpkg")) {
                return GEOPACKAGE;
            }
            if (name.endsWith(".zip")) {
                return SHAPEFILE_ZIP;
            }
            throw new BadRequestException("文件须为 .geojson/.json、.gpkg 或装有 Shapefile 的 .zip。"
                    + "file must be .geojson/.json, .gpkg or a .zip holding a Shapefile, got '" + Excerpt.of(originalName) + "'");
        }
    }

    private final Gdal gdal;
    private final DataSize maxUnpacked;

    OgrReader(Gdal gdal, @Value("${landrenew.import.max-unpacked-size:200MB}") DataSize maxUnpacked) {
        this.gdal = gdal;
        this.maxUnpacked = maxUnpacked;
    }

    /**
     * GeoJSON in EPSG:4549 of one layer of {@code upload} (named {@code originalName} by the client),
     * written into {@code dir}; {@code sourceCrs} (an EPSG code) overrides the file's.
     */
    Path toSurveyGeoJson(Path upload, String originalName, Integer sourceCrs, String layer, WorkDirectory dir) {
        Format format = Format.of(originalName);
        String source = switch (format) {
            case GEOJSON -> requireGeoJson(upload);
            case GEOPACKAGE -> requireSafeGeoPackage(upload, dir);
            case SHAPEFILE_ZIP -> ShapefileZip.unpack(upload, dir.resolve("shapefile"), maxUnpacked).toString();
        };
        Set<String> drivers = drivers(format.driver, WRITER);
        List<String> layers = layers(source, format, dir);
        if (layers.isEmpty()) {
            throw new BadRequestException("文件中没有要素图层。the file holds no layer of features");
        }
        String chosen = layer;
        if (chosen == null || chosen.isBlank()) {
            if (layers.size() > 1) {
                throw new BadRequestException("文件有 " + layers.size() + " 个图层，请用 layer= 指定一个。the file holds "
                        + layers.size() + " layers; name one with layer= (" + shown(layers) + ")");
            }
            chosen = layers.get(0);
        } else if (!layers.contains(chosen)) {
            throw new BadRequestException("文件中没有图层 '" + Excerpt.of(chosen) + "'。layer '" + Excerpt.of(chosen)
                    + "' is not in the file; its layers: " + shown(layers));
        }
        if (chosen.startsWith("-")) {
            // ogr2ogr would take it for an option.
            throw new BadRequestException("图层名不能以 - 开头。a layer name must not start with '-': '" + Excerpt.of(chosen) + "'");
        }
        Path out = dir.resolve("survey.geojson");
        List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", WRITER, "-lco", "RFC7946=NO", "-lco", "WRITE_BBOX=NO",
                // NaN and ±Infinity written as such, so that they are named per feature instead of silently dropped.
                "-lco", "WRITE_NON_FINITE_VALUES=YES", "-dim", "XY", "-t_srs", "EPSG:4549"));
        if (sourceCrs != null) {
            command.addAll(List.of("-s_srs", "EPSG:" + sourceCrs));
        }
        command.addAll(List.of(out.toString(), source, chosen));
        Gdal.Result result = gdal.run(command, drivers, dir, out);
        // GDAL wraps its messages over lines; one line each makes them searchable.
        String messages = result.messages().replaceAll("\\s*\n\\s*(?![A-Z]+ \\d+:)", " ");
        refuseNetwork(result);
        if (result.exitCode() != 0 || !Files.exists(out) || messages.contains("no coordinate system")
                || messages.contains("Terminating translation")) {
            throw new BadRequestException(explain(messages, format));
        }
        return out;
    }

    private List<String> layers(String source, Format format, WorkDirectory dir) {
        Gdal.Result result = gdal.run(List.of("ogrinfo", "-ro", "-q", source), drivers(format.driver, WRITER), dir, null);
        refuseNetwork(result);
        List<String> layers = new ArrayList<>();
        for (String line : result.messages().split("\n")) {
            Matcher m = LAYER_LINE.matcher(line.strip());
            if (m.matches()) {
                layers.add(m.group(1));
            }
        }
        if (layers.isEmpty() && (result.exitCode() != 0 || result.messages().contains("ERROR")
                || result.messages().contains("FAILURE"))) {
            throw new BadRequestException(explain(result.messages(), format));
        }
        return layers;
    }

    /**
     * A .geojson/.json upload must look like JSON (its first character, after a byte-order mark and
     * white space, is '{'): an XML VRT, a CSV or anything else named .json is refused before GDAL sees it.
     */
    private static String requireGeoJson(Path upload) {
        byte[] head = head(upload, 4096);
        int i = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i >= head.length || head[i] != '{') {
            throw new BadRequestException("文件不是 GeoJSON（应以 { 开头）。the file is not GeoJSON: a GeoJSON file starts with '{'");
        }
        return upload.toString();
    }

    /**
     * A GeoPackage is an SQLite database, and SQLite reads more than its own file through virtual
     * tables (SpatiaLite's VirtualText read a server CSV in our test of GDAL 3.6). Gdal's environment
     * keeps SpatiaLite out; on top of that a GeoPackage may hold no virtual table but its R-tree
     * spatial indexes, checked on the schema text with a fixed query that runs nothing of the file.
     * Views are allowed (they can read only this file; SQLite refuses unsafe functions in them) and
     * so are triggers (they fire on writes, and GDAL opens the upload read-only).
     */
    private String requireSafeGeoPackage(Path upload, WorkDirectory dir) {
        if (!Arrays.equals(head(upload, SQLITE_HEADER.length), SQLITE_HEADER)) {
            throw new BadRequestException("文件不是 GeoPackage（SQLite 数据库）。the file is not a GeoPackage (an SQLite database)");
        }
        // hex() keeps every value on one line of ogrinfo's listing, whatever it holds.
        Gdal.Result result = gdal.run(List.of("ogrinfo", "-ro", "-q", upload.toString(), "-sql",
                "select hex(name) as n, hex(sql) as s from sqlite_master where type = 'table'"), Set.of("GPKG"), dir, null);
        if (result.exitCode() != 0) {
            throw new BadRequestException(explain(result.messages(), Format.GEOPACKAGE));
        }
        List<String> values = result.messages().lines().map(HEX_VALUE::matcher).filter(Matcher::matches)
                .map(m -> new String(HexFormat.of().parseHex(m.group(1)), StandardCharsets.UTF_8)).toList();
        if (values.isEmpty() || values.size() % 2 != 0) {
            // Every GeoPackage has tables (gpkg_contents...): a listing we cannot read is a refusal, not a pass.
            throw new BadRequestException("无法读取 GeoPackage 的表结构。the GeoPackage's schema could not be read");
        }
        for (int i = 0; i + 1 < values.size(); i += 2) {
            String sql = values.get(i + 1).strip();
            if (!PLAIN_TABLE.matcher(sql).matches() && !RTREE_INDEX.matcher(sql).matches()) {
                throw new BadRequestException("GeoPackage 含有不允许的虚拟表 '" + Excerpt.of(values.get(i)) + "'，已拒绝。"
                        + "The GeoPackage holds a virtual table other than a spatial index ('" + Excerpt.of(values.get(i))
                        + "'); such tables can read other files, so it is refused.");
            }
        }
        return upload.toString();
    }

    private static Set<String> drivers(String... names) {
        return new java.util.HashSet<>(List.of(names));
    }

    private static void refuseNetwork(Gdal.Result result) {
        if (result.triedNetwork()) {
            throw new BadRequestException("文件要求 GDAL 访问网络（如 GeoJSON 的 link 坐标系），已拒绝。"
                    + "The file asks GDAL to fetch something over the network (a GeoJSON \"link\" CRS, a URL); refused.");
        }
    }

    private static String shown(List<String> layers) {
        List<String> first = layers.stream().limit(10).map(Excerpt::of).toList();
        return String.join(", ", first) + (layers.size() > 10 ? ", …" : "");
    }

    private static String explain(String gdalMessages, Format format) {
        if (gdalMessages.contains("no coordinate system")) {
            return "文件没有坐标参照系，请用 crs=EPSG:xxxx 指定。"
                    + "the file has no coordinate reference system (a Shapefile without .prj?); give crs=EPSG:xxxx";
        }
        String first = gdalMessages.lines().filter(l -> l.startsWith("ERROR") || l.startsWith("FAILURE"))
                .findFirst().orElse(gdalMessages.strip());
        // GDAL names our temporary paths; the user knows the file by its own name.
        first = first.replaceAll("/\\S*landrenew-import-\\S*", "the upload");
        // GDAL's message may quote the file: only a short, escaped excerpt of it is shown.
        return "文件无法作为 " + format.label + " 读取。the file could not be read as " + format.label + ": "
                + Excerpt.of(first, 120);
    }

    private static byte[] head(Path file, int bytes) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
