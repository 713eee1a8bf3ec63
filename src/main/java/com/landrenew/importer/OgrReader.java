package com.landrenew.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
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
import com.landrenew.geo.Crs;
import com.landrenew.geo.GaussKruger;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Reads GeoJSON, GeoPackage, zipped Shapefile and CSV with WKT with Debian's GDAL (ogr2ogr) into a GeoJSON file in
 * the survey CRS, EPSG:4549. GDAL is the reader planners' own tools use, and it knows every CRS by its
 * EPSG code. Each upload is opened only by the driver its name calls for, once its first bytes show it
 * is that format; a file GDAL cannot read, or one without a CRS when none is given, is a 400.
 */
@Component
class OgrReader {

    private static final Pattern EXTENT = Pattern.compile(
            "Extent: \\((-?[0-9.eE+]+), (-?[0-9.eE+]+)\\) - \\((-?[0-9.eE+]+), (-?[0-9.eE+]+)\\)");
    private static final Pattern FALSE_EASTING = Pattern.compile("(?i)PARAMETER\\[\"false[ _]easting\",\\s*([0-9.eE+-]+)");
    private static final Pattern CRS_NAME = Pattern.compile("^[A-Z]+\\[\"([^\"]*)\"");
    private static final Pattern LAYER_LINE = Pattern.compile("^\\d+: (.+?)(?: \\(.*\\))?$");
    private static final Pattern HEX_VALUE = Pattern.compile("^\\s+[ns] \\(String\\) = ([0-9A-F]*)$");
    /** The one virtual table a GeoPackage may hold: its spatial index (GeoPackage 1.3, extension gpkg_rtree_index). */
    private static final Pattern RTREE_INDEX = Pattern.compile(
            "(?is)CREATE\\s+VIRTUAL\\s+TABLE\\s+(\"[^\"]*\"|'[^']*'|\\w+)\\s+USING\\s+rtree\\s*\\(.*");
    private static final Pattern PLAIN_TABLE = Pattern.compile("(?is)CREATE\\s+TABLE\\s.*");
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /**
     * How GDAL's CSV driver opens an upload: the geometry is the column named WKT (as exports write it) and not
     * kept as an attribute, the first line names the columns, every value stays text (no type guessing), an
     * empty cell is no value, and a line is at most 4 MB (20,000 vertices fit well within it).
     */
    private static final List<String> CSV_OPEN_OPTIONS = List.of("-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO",
            "-oo", "HEADERS=YES", "-oo", "AUTODETECT_TYPE=NO", "-oo", "EMPTY_STRING_AS_NULL=YES", "-oo", "MAX_LINE_SIZE=4194304");
    /** GDAL writes the result as GeoJSON: its writer is registered beside the one reading driver. */
    private static final String WRITER = "GeoJSON";

    /** The formats an upload may have, by its name, and the only GDAL driver that may open each. */
    enum Format {
        GEOJSON("GeoJSON", "GeoJSON"), GEOPACKAGE("GPKG", "GeoPackage"), SHAPEFILE_ZIP("ESRI Shapefile", "zipped Shapefile"),
        /** The boundary-coordinate text file: read in Java (CoordinateTxt), handed to GDAL as GeoJSON. */
        COORDINATE_TXT("GeoJSON", "界址点坐标文件 boundary-coordinate TXT"),
        /** Text with the outline as WKT in a column named WKT (what exports write); no CRS of its own. */
        CSV("CSV", "CSV（WKT 几何）CSV with WKT geometry");

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
            if (name.endsWith(".txt")) {
                return COORDINATE_TXT;
            }
            if (name.endsWith(".csv")) {
                return CSV;
            }
            throw new BadRequestException("文件须为 .geojson/.json、.gpkg、装有 Shapefile 的 .zip、界址点坐标 .txt 或含 WKT 列的 .csv。"
                    + "file must be .geojson/.json, .gpkg, a .zip holding a Shapefile, a boundary-coordinate .txt or a .csv "
                    + "with a WKT column, got '"
                    + Excerpt.of(originalName) + "'");
        }
    }

    /**
     * GDAL's output in EPSG:4549; the CRS stated areas are measured in ({@code areaSrid}: the source's when it is
     * a projected EPSG code, else the survey CRS), and what the reader decided that the report should say.
     */
    record Converted(Path features, int areaSrid, List<String> notes) {
    }

    private final Gdal gdal;
    private final GaussKruger gaussKruger;
    private final DataSize maxUnpacked;
    private final int maxFeatures;
    private final int maxVertices;

    OgrReader(Gdal gdal, GaussKruger gaussKruger, @Value("${landrenew.import.max-unpacked-size:200MB}") DataSize maxUnpacked,
            @Value("${landrenew.import.max-features:20000}") int maxFeatures,
            @Value("${landrenew.limits.max-vertices:20000}") int maxVertices) {
        this.gdal = gdal;
        this.gaussKruger = gaussKruger;
        this.maxUnpacked = maxUnpacked;
        this.maxFeatures = maxFeatures;
        this.maxVertices = maxVertices;
    }

    /**
     * GeoJSON in EPSG:4549 of one layer of {@code upload} (named {@code originalName} by the client),
     * written into {@code dir}; {@code sourceCrs} (an EPSG code) overrides the file's, {@code encoding}
     * the detected text encoding of a coordinate file or a Shapefile's attributes.
     */
    Converted toSurveyGeoJson(Path upload, String originalName, Integer sourceCrs, String layer, Charset encoding,
            WorkDirectory dir) {
        Format format = Format.of(originalName);
        List<String> notes = new ArrayList<>();
        List<String> openOptions = new ArrayList<>();
        String source = switch (format) {
            case GEOJSON -> requireGeoJson(upload);
            case GEOPACKAGE -> requireSafeGeoPackage(upload, dir);
            case SHAPEFILE_ZIP -> {
                Path shp = ShapefileZip.unpack(upload, dir.resolve("shapefile"), maxUnpacked);
                Charset dbf = encoding != null ? encoding : DbfEncoding.detect(dir.resolve("shapefile"));
                if (dbf != null) {
                    openOptions.addAll(List.of("-oo", "ENCODING=" + dbf.name()));
                    notes.add("属性表（.dbf）按 " + dbf.name() + " 编码读取" + (encoding != null ? "（encoding=）" : "（无 .cpg，按内容判断）")
                            + "。The attributes (.dbf) were read as " + dbf.name()
                            + (encoding != null ? " (encoding=)." : " (no .cpg: judged from the bytes)."));
                }
                yield shp.toString();
            }
            case COORDINATE_TXT -> {
                Path txt = dir.resolve("coordinates.geojson");
                sourceCrs = coordinateTxt(upload, encoding, sourceCrs, txt, notes);
                yield txt.toString();
            }
            case CSV -> {
                openOptions.addAll(CSV_OPEN_OPTIONS);
                yield requireCsv(upload);
            }
        };
        Set<String> drivers = drivers(format.driver, WRITER);
        List<String> layers = layers(source, format, openOptions, dir);
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
        Integer readAs = gaussKrugerCheck(source, chosen, format, openOptions, sourceCrs, dir, notes);
        if (format == Format.CSV && readAs == null) {
            readAs = Crs.SURVEY;
            notes.add("CSV 没有坐标系，按 EPSG:" + Crs.SURVEY + "（导出的默认坐标系）读取；其他坐标系请用 crs= 指定。The CSV has no CRS: "
                    + "it was read in EPSG:" + Crs.SURVEY + " (what exports write by default); give crs= for another.");
        }
        Path out = dir.resolve("survey.geojson");
        List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", WRITER, "-lco", "RFC7946=NO", "-lco", "WRITE_BBOX=NO",
                // NaN and ±Infinity written as such, so that they are named per feature instead of silently dropped.
                "-lco", "WRITE_NON_FINITE_VALUES=YES", "-dim", "XY", "-t_srs", "EPSG:4549"));
        if (readAs != null) {
            command.addAll(List.of("-s_srs", "EPSG:" + readAs));
        }
        command.addAll(openOptions);
        command.addAll(List.of(out.toString(), source, chosen));
        Gdal.Result result = gdal.run(command, drivers, dir, out);
        // GDAL wraps its messages over lines; one line each makes them searchable.
        String messages = result.messages().replaceAll("\\s*\n\\s*(?![A-Z]+ \\d+:)", " ");
        refuseNetwork(result);
        if (result.exitCode() != 0 || !Files.exists(out) || messages.contains("no coordinate system")
                || messages.contains("Terminating translation")) {
            throw new BadRequestException(explain(messages, format));
        }
        Double falseEasting = readAs == null ? null : gaussKruger.falseEasting(readAs);
        return new Converted(out, falseEasting == null ? Crs.SURVEY : readAs, notes);
    }

    /** Reads a boundary-coordinate TXT into GeoJSON at {@code out}; the EPSG code it is in (crs= wins over the header). */
    private Integer coordinateTxt(Path upload, Charset encoding, Integer sourceCrs, Path out, List<String> notes) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(upload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CoordinateTxt.Parsed parsed = CoordinateTxt.parse(bytes, encoding, maxFeatures, maxVertices, sourceCrs != null);
        CoordinateTxt.writeGeoJson(parsed, out);
        if (sourceCrs != null) {
            notes.add("坐标系按 crs= 取 EPSG:" + sourceCrs + "。The coordinates were read in EPSG:" + sourceCrs + " (crs=).");
            return sourceCrs;
        }
        int code = gaussKruger.verifiedEpsg(parsed.zone(), parsed.prefixed());
        notes.add("坐标系：文件头 2000国家大地坐标系 " + parsed.zone().label() + "，Y 坐标" + (parsed.prefixed() ? "带" : "不带")
                + "带号，解析为 EPSG:" + code + "。The header's CGCS2000 " + parsed.zone().degrees() + "-degree zone "
                + parsed.zone().number() + ", eastings " + (parsed.prefixed() ? "with" : "without")
                + " the zone number in front, resolved to EPSG:" + code + ".");
        return code;
    }

    /**
     * Eastings with the Gauss-Krüger zone number in front (40 512 345.6: zone 40) read in a CRS without it would
     * put parcels 40,000 km away. A file with no CRS of its own is read in the zone's code (and the report says
     * so); a file or crs= that names another CRS is refused, naming the code the eastings call for. The same for
     * the converse, a prefixed CRS with plain eastings. Returns the EPSG code to read the file in (null: its own).
     */
    private Integer gaussKrugerCheck(String source, String layer, Format format, List<String> openOptions, Integer sourceCrs,
            WorkDirectory dir, List<String> notes) {
        List<String> command = new ArrayList<>(List.of("ogrinfo", "-ro", "-so"));
        command.addAll(openOptions);
        command.addAll(List.of(source, layer));
        Gdal.Result info = gdal.run(command, drivers(format.driver, WRITER), dir, null);
        refuseNetwork(info);
        Matcher extent = EXTENT.matcher(info.messages());
        if (!extent.find()) {
            return sourceCrs;
        }
        double minX = Double.parseDouble(extent.group(1));
        double maxX = Double.parseDouble(extent.group(3));
        String declared;
        Double falseEasting;
        if (sourceCrs != null) {
            declared = "EPSG:" + sourceCrs + "（crs=）";
            falseEasting = gaussKruger.falseEasting(sourceCrs);
        } else {
            String wkt = info.messages().replaceFirst("(?s)^.*?Layer SRS WKT:\\s*", "");
            if (!info.messages().contains("Layer SRS WKT:") || wkt.startsWith("(unknown)")) {
                declared = null;
                falseEasting = null;
            } else {
                Matcher name = CRS_NAME.matcher(wkt);
                declared = "'" + Excerpt.of(name.find() ? name.group(1) : "?") + "'";
                Matcher fe = FALSE_EASTING.matcher(wkt);
                falseEasting = wkt.startsWith("PROJ") && fe.find() ? Double.valueOf(fe.group(1)) : null;
            }
        }
        GaussKruger.Zone zone = GaussKruger.ofPrefixedEasting(minX);
        if (zone != null && zone.equals(GaussKruger.ofPrefixedEasting(maxX))) {
            int likely = gaussKruger.verifiedEpsg(zone, true);
            if (declared == null) {
                notes.add("文件没有坐标系；东坐标前有带号 " + zone.number() + "，按 CGCS2000 " + zone.label() + " 读作 EPSG:" + likely
                        + "。The file has no CRS; its eastings carry zone number " + zone.number() + " in front, so it was read as EPSG:"
                        + likely + ".");
                return likely;
            }
            if (falseEasting == null || falseEasting != zone.falseEasting(true)) {
                throw new BadRequestException("东坐标（如 " + Math.round(minX) + "）前有高斯-克吕格带号 " + zone.number() + "，应为 EPSG:"
                        + likely + "（CGCS2000 " + zone.label() + "），而坐标系是 " + declared + "；请用 crs=EPSG:" + likely
                        + " 导入。The eastings (such as " + Math.round(minX) + ") carry the Gauss-Krüger zone number " + zone.number()
                        + " in front, which is EPSG:" + likely + ", but the CRS is " + declared + "; import with crs=EPSG:" + likely
                        + " so that the parcels are not placed far away.");
            }
        } else if (falseEasting != null && falseEasting >= 1_000_000 && maxX < 1_000_000) {
            GaussKruger.Zone named = GaussKruger.ofPrefixedEasting(falseEasting);
            String likely = named == null ? "" : "EPSG:" + gaussKruger.verifiedEpsg(named, false);
            throw new BadRequestException("坐标系 " + declared + " 的东坐标前有带号，而文件的东坐标（如 " + Math.round(maxX) + "）没有；"
                    + "请用 crs=" + likely + " 导入。The CRS " + declared + " puts the zone number in front of eastings but the file's ("
                    + Math.round(maxX) + ") have none; import with crs=" + likely + ".");
        }
        return sourceCrs;
    }

    private List<String> layers(String source, Format format, List<String> openOptions, WorkDirectory dir) {
        List<String> command = new ArrayList<>(List.of("ogrinfo", "-ro", "-q"));
        command.addAll(openOptions);
        command.add(source);
        Gdal.Result result = gdal.run(command, drivers(format.driver, WRITER), dir, null);
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
     * A .csv upload is read by GDAL's CSV driver alone (the "CSV:" prefix: whatever its content, no other driver
     * judges it), as text: a file with NUL bytes in its first 64 KB is no CSV and is refused. The upload has no
     * .csvt or .prj beside it, so every column is text and the geometry is the WKT column's.
     */
    private static String requireCsv(Path upload) {
        for (byte b : head(upload, 64 * 1024)) {
            if (b == 0) {
                throw new BadRequestException("文件不是文本 CSV（含 NUL 字节）。the file is not a text CSV: it holds NUL bytes");
            }
        }
        return "CSV:" + upload;
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
