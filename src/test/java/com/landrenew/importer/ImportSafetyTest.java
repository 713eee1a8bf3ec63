package com.landrenew.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.ProblemAssert;
import com.landrenew.support.SurveyGeoJson;
import com.landrenew.support.TestAreas;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * Uploads crafted the way an attacker with a planner's account would (issue 12): files that make
 * GDAL read server files or fetch URLs, a zip bomb, values PostgreSQL would choke on. Each is a clear
 * 4xx, nothing is written, and nothing of a server file appears in the answer. Zone "imp12-safety"
 * is the 1 km square from (X0, Y0) of its own test area.
 */
@LandRenewTest
class ImportSafetyTest {

    static final String ZONE = "imp12-safety";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String SECRET = "SECRET-pw-4c1f9e";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${landrenew.import.max-unpacked-size}")
    DataSize maxUnpacked;

    @TempDir
    Path temp;

    Api api;
    Path secretFile;

    @BeforeEach
    void setUp() throws IOException {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        if (!fixtures.zoneExists(ZONE)) {
            fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
        }
        // Stands for .landrenew/demo-users.txt: a server file whose values would fail the import's checks.
        secretFile = temp.resolve("demo-users.txt");
        Files.writeString(secretFile, "code,land_use,state,wkt\nVRT-1,100101," + SECRET + ",\"POLYGON((" + (X0 + 10) + " "
                + (Y0 + 10) + "," + (X0 + 20) + " " + (Y0 + 10) + "," + (X0 + 20) + " " + (Y0 + 20) + "," + (X0 + 10) + " " + (Y0 + 10)
                + "))\"\n");
    }

    @Test
    void aVrtNamedJsonReadsNoServerFile() {
        String vrt = vrtReadingTheSecret();
        long before = parcelCount();
        for (String name : List.of("evil.json", "evil.geojson")) {
            Api.Response response = upload(name, vrt.getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().path("detail").asString()).contains("GeoJSON");
            assertThat(response.body()).doesNotContain(SECRET);
        }
        assertThat(parcelCount()).isEqualTo(before);
    }

    /** A VRT that, read as such, would import the server file's rows (and name its secret in the report). */
    private String vrtReadingTheSecret() {
        return "<OGRVRTDataSource><OGRVRTLayer name=\"users\"><SrcDataSource>CSV:" + secretFile + "</SrcDataSource>"
                + "<SrcLayer>demo-users</SrcLayer><LayerSRS>EPSG:4549</LayerSRS><GeometryField encoding=\"WKT\" field=\"wkt\"/>"
                + "</OGRVRTLayer></OGRVRTDataSource>";
    }

    /** A .csv is read by GDAL's CSV driver alone: a VRT under that name is a one-column text, not a reader of other files. */
    @Test
    void aVrtNamedCsvReadsNoServerFileAndBinaryIsRefused() {
        String vrt = vrtReadingTheSecret() + "\n";
        long before = parcelCount();
        Api.Response response = upload("evil.csv", vrt.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(response.status()).as(response.body()).isIn(400, 422);
        assertThat(response.body()).doesNotContain(SECRET).doesNotContain("VRT-1");
        byte[] binary = "WKT,code\n\"POLYGON((0 0,1 0,1 1,0 0))\",A\u0000\n".getBytes(StandardCharsets.UTF_8);
        ProblemAssert.assertDetail(upload("nul.csv", binary, Map.of()), 400, "NUL");
        assertThat(parcelCount()).isEqualTo(before);
    }

    @Test
    void noUploadMakesTheServerFetchAUrl() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            String vrt = "<OGRVRTDataSource><OGRVRTLayer name=\"x\"><SrcDataSource>/vsicurl/" + url + "/x.csv</SrcDataSource>"
                    + "</OGRVRTLayer></OGRVRTDataSource>";
            Api.Response vsicurl = upload("evil.json", vrt.getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(vsicurl.status()).as(vsicurl.body()).isEqualTo(400);

            // GDAL 3.6's GeoJSON driver itself fetches the URL of a "link" CRS.
            String linked = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"link\",\"properties\":{\"href\":\"" + url
                    + "/crs.prj\",\"type\":\"esriwkt\"}},\"features\":["
                    + SurveyGeoJson.feature("LINK-1", "100101", "", rect(0, 0, 10, 10)) + "]}";
            Api.Response link = upload("link.geojson", linked.getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(link.status()).as(link.body()).isEqualTo(400);
            assertThat(link.json().path("detail").asString()).contains("network");
        } finally {
            server.stop(0);
        }
        assertThat(requests.get()).as("requests the server received").isZero();
        assertThat(count("LINK-1")).isZero();
    }

    @Test
    void aGeoPackageWithAVirtualTableOverAServerFileIsRefused() throws Exception {
        Path geojson = temp.resolve("src.geojson");
        Files.writeString(geojson, SurveyGeoJson.collection(SurveyGeoJson.feature("GPKG-OK", "100101", "", rect(0, 0, 10, 10))));
        Path gpkg = temp.resolve("evil.gpkg");
        gdal("ogr2ogr", "-f", "GPKG", gpkg.toString(), geojson.toString(), "-nln", "parcels");
        // SpatiaLite's VirtualText reads a CSV file; GDAL's ogrinfo writes the schema row as an attacker would.
        gdal("ogrinfo", gpkg.toString(), "-sql", "CREATE VIRTUAL TABLE evil USING VirtualText('" + secretFile
                + "', 'UTF-8', 1, POINT, DOUBLEQUOTE, ',')");
        gdal("ogrinfo", gpkg.toString(), "-sql",
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('evil', 'attributes', 'evil', 0)");
        long before = parcelCount();

        for (String layer : List.of("evil", "parcels")) {
            Api.Response response = upload("evil.gpkg", Files.readAllBytes(gpkg), Map.of("layer", layer));
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().path("detail").asString()).contains("virtual table", "evil");
            assertThat(response.body()).doesNotContain(SECRET);
        }
        assertThat(parcelCount()).isEqualTo(before);
    }

    @Test
    void aZipBombIsRefusedByTheBytesItInflates() throws IOException {
        long limit = maxUnpacked.toBytes();
        byte[] bomb = zipOfSpaces("parcels.shp", limit + 1024 * 1024);
        assertThat(bomb.length).as("small on disk").isLessThan(200_000);

        Api.Response declared = upload("bomb.zip", bomb, Map.of());
        assertThat(declared.status()).as(declared.body()).isEqualTo(413);
        assertThat(declared.json().path("detail").asString()).contains(maxUnpacked.toMegabytes() + " MB", "unpacked");

        // The same bomb claiming to inflate to 1,000 bytes: only counting what is inflated stops it.
        Api.Response forged = upload("forged.zip", declaringSize(bomb, 1000), Map.of());
        assertThat(forged.status()).as(forged.body()).isEqualTo(413);
        assertThat(forged.json().path("detail").asString()).contains(maxUnpacked.toMegabytes() + " MB");

        try (var left = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
                "landrenew-import-" + ProcessHandle.current().pid() + "-*")) {
            assertThat(left).as("the imports' private folders are deleted").isEmpty();
        }
    }

    @Test
    void overLongTextIsNamedPerFeatureAndNotEchoed() {
        String fiveMb = "A".repeat(5 * 1024 * 1024);
        String file = SurveyGeoJson.collection(
                SurveyGeoJson.feature(fiveMb, "100101", "", rect(0, 100, 10, 110)),
                SurveyGeoJson.feature("LONG-2", "100101", "\"remark\":\"" + fiveMb + "\"", rect(20, 100, 30, 110)));
        long before = parcelCount();
        Api.Response response = upload("long.geojson", file.getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.status()).as(response.body().substring(0, Math.min(500, response.body().length()))).isEqualTo(422);
        assertThat(response.body().length()).as("the answer stays small").isLessThan(20_000);
        assertThat(response.body()).doesNotContain("A".repeat(41));
        List<String> problems = problems(response);
        assertThat(problems).anyMatch(p -> p.startsWith("1 ") && p.contains("code") && p.contains(fiveMb.length() + "")
                && p.contains("200"));
        assertThat(problems).anyMatch(p -> p.startsWith("2 LONG-2: ") && p.contains("remark") && p.contains("200"));
        assertThat(parcelCount()).isEqualTo(before);
    }

    @Test
    void aFeatureOverTheVertexLimitIsNamed() {
        int vertices = 25_000;
        StringBuilder ring = new StringBuilder("[[");
        for (int i = 0; i < vertices - 1; i++) {
            double angle = 2 * Math.PI * i / (vertices - 1);
            ring.append('[').append(X0 + 500 + 300 * Math.cos(angle)).append(',').append(Y0 + 500 + 300 * Math.sin(angle)).append("],");
        }
        ring.append('[').append(X0 + 800.0).append(',').append(Y0 + 500.0).append("]]]");
        String file = SurveyGeoJson.collection(SurveyGeoJson.feature("VERTS-1", "100101", "", ring.toString()));
        Api.Response response = upload("round.geojson", file.getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(problems(response)).anyMatch(p -> p.startsWith("1 VERTS-1: ") && p.contains("25000") && p.contains("20000"));
        assertThat(count("VERTS-1")).isZero();
    }

    @Test
    void valuesPostgisWouldRefuseAreNamedPerFeature() {
        String file = SurveyGeoJson.collection(
                SurveyGeoJson.feature("NUM-INF", "100101", "\"far_min\":1e400", rect(0, 200, 10, 210)),
                SurveyGeoJson.feature("NUM-NEG", "100101", "\"height_limit_m\":-1e400", rect(20, 200, 30, 210)),
                SurveyGeoJson.feature("NUM-BIG", "100101", "\"far_max\":9999", rect(40, 200, 50, 210)),
                SurveyGeoJson.feature("NUM-ORDER", "100101", "\"far_min\":3,\"far_max\":2", rect(60, 200, 70, 210)),
                SurveyGeoJson.feature("NUM-LEASE", "100101", "\"lease_start\":\"2024-01-01\",\"lease_end\":\"2023-01-01\"",
                        rect(80, 200, 90, 210)),
                SurveyGeoJson.feature("NUM-ZERO", "100101", "\"height_limit_m\":0", rect(100, 200, 110, 210)));
        long before = parcelCount();
        Api.Response response = upload("numbers.geojson", file.getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        List<String> problems = problems(response);
        assertThat(problems).anyMatch(p -> p.startsWith("1 NUM-INF: ") && p.contains("far_min") && p.contains("finite"));
        assertThat(problems).anyMatch(p -> p.startsWith("2 NUM-NEG: ") && p.contains("height_limit_m") && p.contains("finite"));
        assertThat(problems).anyMatch(p -> p.startsWith("3 NUM-BIG: ") && p.contains("far_max must be below 100"));
        assertThat(problems).anyMatch(p -> p.startsWith("4 NUM-ORDER: ") && p.contains("far_max must not be below far_min"));
        assertThat(problems).anyMatch(p -> p.startsWith("5 NUM-LEASE: ") && p.contains("lease_end must be after lease_start"));
        assertThat(problems).anyMatch(p -> p.startsWith("6 NUM-ZERO: ") && p.contains("height_limit_m must be above 0"));
        assertThat(parcelCount()).isEqualTo(before);
    }

    private Api.Response upload(String name, byte[] content, Map<String, String> extra) {
        Map<String, String> fields = new HashMap<>(Map.of("zone", ZONE));
        fields.putAll(extra);
        return api.upload("/api/imports", fields, name, content);
    }

    private static List<String> problems(Api.Response response) {
        List<String> problems = new ArrayList<>();
        response.json().path("import").path("report").forEach(f -> f.path("problems").forEach(p ->
                problems.add(f.path("index").asInt() + " " + f.path("code").asString() + ": " + p.asString())));
        return problems;
    }

    private long parcelCount() {
        return jdbc.sql("select count(*) from parcel").query(Long.class).single();
    }

    private int count(String code) {
        return jdbc.sql("select count(*) from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = :code")
                .param("zone", ZONE).param("code", code).query(Integer.class).single();
    }

    private static String rect(double x0, double y0, double x1, double y1) {
        return SurveyGeoJson.rectangle(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1);
    }

    private static void gdal(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** A zip of one member holding {@code size} spaces: deflate makes it about a thousandth of that. */
    private static byte[] zipOfSpaces(String name, long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written < size; written += spaces.length) {
                zip.write(spaces, 0, (int) Math.min(spaces.length, size - written));
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** The zip with the uncompressed size in its central directory (what ZipFile reports) set to {@code size}. */
    private static byte[] declaringSize(byte[] zip, int size) {
        byte[] forged = zip.clone();
        ByteBuffer buffer = ByteBuffer.wrap(forged).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = forged.length - 46; i >= 0; i--) {
            if (buffer.getInt(i) == 0x02014b50) {
                buffer.putInt(i + 24, size);
                return forged;
            }
        }
        throw new IllegalStateException("no central directory entry");
    }
}
