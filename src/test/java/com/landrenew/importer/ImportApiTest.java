package com.landrenew.importer;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.SurveyGeoJson;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import com.landrenew.support.UploadFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Imports through the real endpoint, GDAL and PostGIS. Fixture zone "import-test" is the square
 * of 1 km from (X0, Y0) of its own test area; every parcel below is a rectangle whose area
 * is plain arithmetic.
 */
@LandRenewTest
class ImportApiTest {

    static final String ZONE = "import-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 2, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        if (!fixtures.zoneExists(ZONE)) {
            fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
            fixtures.block(ZONE, "north", X0, Y0 + 500, X0 + 1000, Y0 + 1000);
            fixtures.parcel(ZONE, null, "EXISTING", X0 + 900, Y0 + 900, X0 + 1000, Y0 + 1000, "100101", null);
        }
    }

    @Test
    void aGeoJsonInTheSurveyCrsIsImportedWithItsLedgerAndExactAreas() {
        String file = SurveyGeoJson.collection(
                SurveyGeoJson.feature("IMP-1", "100102", "\"block\":\"north\",\"lease_start\":\"2024-01-01\"", rect(0, 600, 100, 700)),
                SurveyGeoJson.feature("IMP-2", "M2", "", rect(200, 600, 250, 800)));
        // the zoom-16 tile over IMP-1, asked for (and cached) before the import
        String tile = jdbc.sql("""
                select '/tiles/parcels/16/' || floor((ST_X(m) + 20037508.342789244) / (40075016.68557849 / 65536))::int
                       || '/' || floor((20037508.342789244 - ST_Y(m)) / (40075016.68557849 / 65536))::int || '.mvt'
                from (select ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), 4549), 3857) as m) p""")
                .param("x", X0 + 50).param("y", Y0 + 650).query(String.class).single();
        byte[] before = api.getBinary(tile).body();
        Api.Response response = upload("parcels.geojson", file, Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(api.getBinary(tile).body()).as("the cached tile is dropped once the import commits (one extent)")
                .isNotEqualTo(before);
        assertThat(response.json().path("imported").asInt()).isEqualTo(2);
        assertThat(area("IMP-1")).isEqualTo(10000.0);
        assertThat(area("IMP-2")).isEqualTo(10000.0);
        assertThat(jdbc.sql("select land_use_code from parcel where code = 'IMP-2'").query(String.class).single())
                .as("GB 50137 M2 maps to class 2 industrial").isEqualTo("100102");
        assertThat(jdbc.sql("select b.code from parcel p join block b on b.id = p.block_id where p.code = 'IMP-1'")
                .query(String.class).single()).isEqualTo("north");
        assertThat(jdbc.sql("""
                select count(*) from parcel_event e join parcel p on p.id = e.parcel_id
                where p.code in ('IMP-1', 'IMP-2') and e.from_state is null and e.actor = 'import parcels.geojson'""")
                .query(Integer.class).single()).as("each imported parcel starts its ledger").isEqualTo(2);
    }

    @Test
    void oneBadFeatureWritesNothingAndIsNamed() {
        long before = parcelCount();
        String bowtie = "[[[" + (X0 + 300) + "," + (Y0 + 100) + "],[" + (X0 + 400) + "," + (Y0 + 200) + "],[" + (X0 + 400) + ","
                + (Y0 + 100) + "],[" + (X0 + 300) + "," + (Y0 + 200) + "],[" + (X0 + 300) + "," + (Y0 + 100) + "]]]";
        String file = SurveyGeoJson.collection(
                SurveyGeoJson.feature("BAD-OK", "100101", "", rect(0, 0, 100, 100)),
                SurveyGeoJson.feature("BAD-BOWTIE", "100101", "", bowtie),
                SurveyGeoJson.feature("BAD-OUT", "100101", "", rect(1500, 0, 1600, 100)),
                SurveyGeoJson.feature("BAD-OVER", "100101", "", rect(950, 950, 1000, 1000)),
                SurveyGeoJson.feature("BAD-USE", "9999", "", rect(0, 200, 100, 300)),
                SurveyGeoJson.feature("BAD-OK", "100101", "", rect(0, 400, 50, 450)));
        Api.Response response = upload("bad.geojson", file, Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().path("detail").asString()).startsWith("6 个要素中有 6 个有问题，未导入任何要素。")
                .endsWith("6 of 6 features have problems; nothing was imported");
        List<String> problems = new ArrayList<>();
        response.json().path("import").path("report").forEach(f ->
                f.path("problems").forEach(p -> problems.add(f.path("index").asInt() + " " + f.path("code").asString() + ": " + p.asString())));
        assertThat(problems).anyMatch(p -> p.startsWith("2 BAD-BOWTIE: 几何无效：Self-intersection")
                && p.contains("。invalid geometry: Self-intersection"));
        assertThat(problems).anyMatch(p -> p.startsWith("3 BAD-OUT: 超出开发区 import-test 10000.0 m²。lies outside zone import-test"));
        assertThat(problems).anyMatch(p -> p.startsWith("4 BAD-OVER: 与宗地 EXISTING 重叠 2500.0 m²。overlaps parcel EXISTING by 2500.0 m²"));
        assertThat(problems).anyMatch(p -> p.startsWith("5 BAD-USE: 用地类型 9999 既不是") && p.contains("。land_use 9999 is not"));
        assertThat(problems).anyMatch(p -> p.startsWith("1 BAD-OK: 代码 BAD-OK 在文件中出现多次")
                && p.contains("。code BAD-OK appears more than once"));
        assertThat(parcelCount()).isEqualTo(before);
    }

    @Test
    void anImportHoldsOutlinesToTheRulesAnEditHoldsThemTo() {
        // The edit's rules (outline_problems, V15): up to the tolerance (1 m²) outside the zone is inside; how
        // much lies outside is said; an old GB 50137 code may be lower case.
        String file = SurveyGeoJson.collection(
                SurveyGeoJson.feature("EDGE-SLIVER", "100101", "", rect(950, 0, 1000.01, 50)),
                SurveyGeoJson.feature("EDGE-OUT", "100101", "", rect(950, 100, 1010, 150)),
                SurveyGeoJson.feature("LOWER-USE", "m2", "", rect(850, 200, 900, 250)));
        Api.Response response = upload("edge.geojson", file, Map.of("dryRun", "true"));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        Map<String, JsonNode> byCode = new java.util.HashMap<>();
        response.json().path("import").path("report").forEach(f -> byCode.put(f.path("code").asString(), f));
        assertThat(byCode.get("EDGE-SLIVER").path("status").asString()).as("0.5 m² outside").isEqualTo("ok");
        assertThat(byCode.get("EDGE-OUT").path("problems").get(0).asString())
                .isEqualTo("超出开发区 " + ZONE + " 500.0 m²。lies partly outside zone " + ZONE + " (500.0 m² outside)");
        assertThat(byCode.get("LOWER-USE").path("status").asString()).isEqualTo("ok");
    }

    @Test
    void repairModeMendsASelfIntersectingRingAndSaysSo() {
        // A ring that touches itself at one point (a "figure 8" of two 50 x 50 squares): valid after ST_MakeValid.
        double x = X0 + 500;
        double y = Y0 + 300;
        String eight = "[[[" + x + "," + y + "],[" + (x + 50) + "," + y + "],[" + (x + 50) + "," + (y + 50) + "],[" + (x + 100) + ","
                + (y + 50) + "],[" + (x + 100) + "," + (y + 100) + "],[" + (x + 50) + "," + (y + 100) + "],[" + (x + 50) + ","
                + (y + 50) + "],[" + x + "," + (y + 50) + "],[" + x + "," + y + "]]]";
        String file = SurveyGeoJson.collection(SurveyGeoJson.feature("FIX-1", "100101", "", eight));

        assertThat(upload("eight.geojson", file, Map.of()).status()).isEqualTo(422);
        Api.Response repaired = upload("eight.geojson", file, Map.of("repair", "true"));
        assertThat(repaired.status()).as(repaired.body()).isEqualTo(200);
        JsonNode report = repaired.json().path("report").get(0);
        assertThat(report.path("status").asString()).isEqualTo("repaired");
        assertThat(report.path("problems").get(0).asString()).startsWith("已修复 repaired: ");
        assertThat(area("FIX-1")).isEqualTo(5000.0);
    }

    @Test
    void aDryRunChecksButWritesNothing() {
        long before = parcelCount();
        Api.Response response = upload("dry.geojson", SurveyGeoJson.collection(SurveyGeoJson.feature("DRY-1", "100101", "", rect(0, 800, 60, 860))),
                Map.of("dryRun", "true"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("report").get(0).path("status").asString()).isEqualTo("ok");
        assertThat(response.json().path("imported").asInt()).isZero();
        assertThat(parcelCount()).isEqualTo(before);
    }

    @Test
    void aWgs84GeoJsonIsProjectedToTheSurveyCrs() throws Exception {
        // The corners of rect(700,100,800,200) in lon/lat, computed by PostGIS here and sent as RFC 7946 GeoJSON.
        String lonLat = jdbc.sql("select ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), 4326), 12)")
                .param("x0", X0 + 700).param("y0", Y0 + 100).param("x1", X0 + 800).param("y1", Y0 + 200)
                .query(String.class).single();
        String file = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"WGS-1\","
                + "\"land_use\":\"100101\"},\"geometry\":" + lonLat + "}]}";
        assertOk(upload("wgs84.geojson", file, Map.of()));
        assertThat(area("WGS-1")).isCloseTo(10000.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aGeoPackageAndAZippedShapefileAreRead() throws Exception {
        Path geojson = temp.resolve("src.geojson");
        Files.writeString(geojson, SurveyGeoJson.collection(SurveyGeoJson.feature("GPKG-1", "100101", "", rect(600, 600, 700, 650))));
        Path gpkg = temp.resolve("parcels.gpkg");
        ogr2ogr("-f", "GPKG", gpkg.toString(), geojson.toString());
        assertOk(upload("parcels.gpkg", Files.readAllBytes(gpkg), Map.of()));
        assertThat(area("GPKG-1")).isEqualTo(5000.0);

        Files.writeString(geojson, SurveyGeoJson.collection(SurveyGeoJson.feature("SHP-1", "100101", "", rect(600, 700, 700, 750))));
        Path shp = temp.resolve("shp");
        Files.createDirectories(shp);
        ogr2ogr("-f", "ESRI Shapefile", shp.resolve("parcels.shp").toString(), geojson.toString());
        assertOk(upload("parcels.zip", zip(shp, true), Map.of()));
        assertThat(area("SHP-1")).isEqualTo(5000.0);

        Files.writeString(geojson, SurveyGeoJson.collection(SurveyGeoJson.feature("SHP-2", "100101", "", rect(600, 760, 700, 810))));
        Path noPrj = temp.resolve("noprj");
        Files.createDirectories(noPrj);
        ogr2ogr("-f", "ESRI Shapefile", noPrj.resolve("parcels.shp").toString(), geojson.toString());
        Api.Response withoutCrs = upload("noprj.zip", zip(noPrj, false), Map.of());
        assertThat(withoutCrs.status()).isEqualTo(400);
        assertThat(withoutCrs.json().path("detail").asString()).contains("no coordinate reference system", "crs=");
        assertOk(upload("noprj.zip", zip(noPrj, false), Map.of("crs", "EPSG:4549")));
        assertThat(area("SHP-2")).isEqualTo(5000.0);
    }

    @Test
    void limitsAndBadParametersAreNamed() {
        String one = SurveyGeoJson.collection(SurveyGeoJson.feature("LIM-1", "100101", "", rect(0, 900, 10, 910)));
        assertThat(upload("x.geojson", one, Map.of("zone", "atlantis")).status()).isEqualTo(404);
        assertDetail(upload("x.geojson", one, Map.of("crs", "WGS84")), 400, "crs");
        assertDetail(upload("x.kml", one, Map.of()), 400, ".gpkg");
        assertDetail(upload("big.geojson", new byte[21 * 1024 * 1024], Map.of()), 413, "MB");
    }

    @Test
    void malformedFilesAreRefusedAndNothingChanges() throws IOException {
        long before = parcelCount();
        Random random = new Random(7);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        byte[] validZip = zip(Files.createDirectories(temp.resolve("empty")), false);
        byte[] truncatedZip = java.util.Arrays.copyOf(zipOf("parcels.shp", noise), 100);
        String nested = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"N\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + "[".repeat(5000) + "]".repeat(5000) + "}}]}";
        String huge = SurveyGeoJson.collection(SurveyGeoJson.feature("HUGE", "100101", "", "[[[1e300,1e300],[1e301,1e300],[1e301,1e301],[1e300,1e300]]]"));
        List<Object[]> cases = List.of(
                new Object[] {"noise.geojson", noise}, new Object[] {"noise.gpkg", noise}, new Object[] {"noise.zip", noise},
                new Object[] {"truncated.zip", truncatedZip}, new Object[] {"empty.zip", validZip},
                new Object[] {"nested.geojson", nested.getBytes(StandardCharsets.UTF_8)},
                new Object[] {"huge.geojson", huge.getBytes(StandardCharsets.UTF_8)},
                new Object[] {"truncated.geojson", huge.substring(0, 60).getBytes(StandardCharsets.UTF_8)});
        for (Object[] c : cases) {
            Api.Response response = upload((String) c[0], (byte[]) c[1], Map.of());
            assertThat(response.status()).as(c[0] + ": " + response.body()).isBetween(400, 499);
            assertThat(response.json().path("detail").asString()).as((String) c[0]).isNotBlank();
        }
        assertThat(parcelCount()).isEqualTo(before);
        assertThat(api.get("/api/zones").status()).as("the server keeps serving").isEqualTo(200);
    }

    private Api.Response upload(String name, String content, Map<String, String> extra) {
        return upload(name, content.getBytes(StandardCharsets.UTF_8), extra);
    }

    private Api.Response upload(String name, byte[] content, Map<String, String> extra) {
        Map<String, String> fields = new java.util.HashMap<>(Map.of("zone", ZONE));
        fields.putAll(extra);
        return api.upload("/api/imports", fields, name, content);
    }

    private double area(String code) {
        return jdbc.sql("select round(ST_Area(p.geom)::numeric, 4)::float8 from parcel p join zone z on z.id = p.zone_id "
                + "where z.code = :zone and p.code = :code").param("zone", ZONE).param("code", code).query(Double.class).single();
    }

    private long parcelCount() {
        return jdbc.sql("select count(*) from parcel").query(Long.class).single();
    }

    private static void assertOk(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }


    /** A rectangle from (x0,y0) to (x1,y1) metres off the fixture zone's corner. */
    private static String rect(double x0, double y0, double x1, double y1) {
        return SurveyGeoJson.rectangle(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1);
    }

    private static void ogr2ogr(String... args) throws IOException, InterruptedException {
        UploadFiles.ogr2ogr(args);
    }

    private static byte[] zip(Path dir, boolean withPrj) throws IOException {
        return UploadFiles.zip(dir, file -> withPrj || !file.toString().endsWith(".prj"));
    }

    private static byte[] zipOf(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
