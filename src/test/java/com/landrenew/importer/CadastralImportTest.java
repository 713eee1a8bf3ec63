package com.landrenew.importer;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyGeoJson;
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
 * The files a land office has: boundary-coordinate TXT in GBK with zone-prefixed eastings and a plot with a
 * hole, a GBK Shapefile without .cpg and Chinese cadastral field names, Gauss-Krüger eastings with the zone
 * number in front in any format. Each file is made here, real-shaped; areas are compared with an independent
 * ST_Area in EPSG:4549.
 */
@LandRenewTest
class CadastralImportTest {

    static final String ZONE = "cadastral-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 2, 2);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final Charset GBK = Charset.forName("GBK");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    Api api;
    static String holderCode;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        if (!fixtures.zoneExists(ZONE)) {
            fixtures.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 2000);
            int id = fixtures.enterprise("塘浦精密机械有限公司（地籍导入测试）");
            holderCode = jdbc.sql("select credit_code from enterprise where id = :id").param("id", id).query(String.class).single();
        }
    }

    @Test
    void aGbkCoordinateFileWithZonePrefixedEastingsAndAHoleIsReadInEpsg4528() {
        // Plot TXT-1: 100 x 100 m with a 20 x 20 m hole (圈号 2) = 9600 m², stated 0.9600 公顷.
        // Plot TXT-2: 50 x 50 m = 2500 m², stated 0.3000 公顷 (16.67% of the stated area off: a warning, not a refusal).
        String file = """
                [属性描述]
                格式版本号=1.01版本
                数据产生单位=某市自然资源和规划局
                数据产生日期=2026-11-30
                坐标系=2000国家大地坐标系
                几度分带=3
                投影类型=高斯克吕格
                计量单位=米
                带号=40
                精度=0.01
                转换参数=,,,,,,
                [地块坐标]
                """ + "9,0.9600,TXT-1,塘浦一号地块,面,H51G001001,工业用地,1001,@\n"
                + point("J1", 1, 0, 0) + point("J2", 1, 100, 0) + point("J3", 1, 100, 100) + point("J4", 1, 0, 100) + point("J1", 1, 0, 0)
                + point("J5", 2, 40, 40) + point("J6", 2, 40, 60) + point("J7", 2, 60, 60) + point("J8", 2, 60, 40)
                + "5,0.3000,TXT-2,塘浦二号地块,面,H51G001001,工业用地,,@\n"
                + point("J1", 1, 200, 0) + point("J2", 1, 250, 0) + point("J3", 1, 250, 50) + point("J4", 1, 200, 50) + point("J1", 1, 200, 0);
        Api.Response response = upload("界址点坐标.txt", file.replace("\n", "\r\n").getBytes(GBK), Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("notes").get(0).asString()).contains("EPSG:4528").contains("3°带第 40 带");
        assertThat(area("TXT-1")).as("hole cut out").isEqualTo(9600.0);
        assertThat(area("TXT-2")).isEqualTo(2500.0);
        assertThat(jdbc.sql("select land_use_code from parcel p join zone z on z.id = p.zone_id where z.code = :z and p.code = 'TXT-2'")
                .param("z", ZONE).query(String.class).single()).as("地块用途 工业用地 by name where 地类编码 is empty").isEqualTo("1001");
        Map<String, JsonNode> byCode = byCode(response.json().path("report"));
        assertThat(byCode.get("TXT-1").path("warnings")).isEmpty();
        assertThat(byCode.get("TXT-2").path("warnings").get(0).asString())
                .contains("记载面积 3000.00 m² 与计算面积 2500.00 m² 相差 16.67%");
        assertThat(byCode.get("TXT-2").path("status").asString()).isEqualTo("ok");
    }

    @Test
    void aUtf8CoordinateFileWithPlainEastingsInAnotherZoneIsReadInThatZone() {
        // Zone 39 (CM 117°E) without the zone number: EPSG:4548. The corners are taken there by PostGIS.
        List<String> corners = jdbc.sql("""
                select format('%s,1,%s,%s', 'J' || n, round(ST_Y(p)::numeric, 4), round(ST_X(p)::numeric, 4))
                from (select n, ST_Transform(ST_SetSRID(ST_MakePoint(:x0 + dx, :y0 + dy), 4549), 4548) as p
                      from (values (1, 1000, 0), (2, 1100, 0), (3, 1100, 100), (4, 1000, 100), (5, 1000, 0)) c(n, dx, dy)) t
                order by n""").param("x0", X0).param("y0", Y0).query(String.class).list();
        String file = "\uFEFF[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n计量单位=米\n带号=39\n[地块坐标]\n"
                + "5,1.0,TXT-39,,面,,,1001,@\n" + String.join("\n", corners) + "\n";
        Api.Response response = upload("zone39.txt", file.getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("notes").get(0).asString()).contains("EPSG:4548");
        assertThat(area("TXT-39")).isCloseTo(10000.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void everyZoneCodeIsTheZoneInSpatialRefSys(@Autowired com.landrenew.geo.GaussKruger gaussKruger) {
        for (int zone = 25; zone <= 45; zone++) {
            assertThat(gaussKruger.verifiedEpsg(new com.landrenew.geo.GaussKruger.Zone(3, zone), true)).isEqualTo(4513 + zone - 25);
            assertThat(gaussKruger.verifiedEpsg(new com.landrenew.geo.GaussKruger.Zone(3, zone), false)).isEqualTo(4534 + zone - 25);
        }
        for (int zone = 13; zone <= 23; zone++) {
            assertThat(gaussKruger.verifiedEpsg(new com.landrenew.geo.GaussKruger.Zone(6, zone), true)).isEqualTo(4491 + zone - 13);
            assertThat(gaussKruger.verifiedEpsg(new com.landrenew.geo.GaussKruger.Zone(6, zone), false)).isEqualTo(4502 + zone - 13);
        }
        assertThat(com.landrenew.geo.GaussKruger.ofPrefixedEasting(40_512_345.6)).isEqualTo(new com.landrenew.geo.GaussKruger.Zone(3, 40));
        assertThat(com.landrenew.geo.GaussKruger.ofPrefixedEasting(512_345.6)).isNull();
    }

    @Test
    void aCoordinateFileNamingAnotherZoneThanItsEastingsIsRefused() {
        String file = "[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n带号=39\n[地块坐标]\n"
                + "4,0.25,TXT-Z,,面,,工业用地,,@\n" + point("J1", 1, 300, 0) + point("J2", 1, 350, 0) + point("J3", 1, 350, 50)
                + point("J1", 1, 300, 0);
        assertDetail(upload("zone.txt", file.getBytes(GBK), Map.of()), 400, "带号 39 与 Y 坐标前的带号 40 不符");
        assertDetail(upload("bad.txt", "[地块坐标]\n4,0.25,TXT-B,,面,,工业用地,,@\nJ1,1,abc,40500000\n".getBytes(GBK), Map.of()),
                400, "坐标文件第 3 行：X 'abc' 不是数值");
    }

    @Test
    void aGbkShapefileWithoutCpgAndCadastralFieldNamesIsReadWithoutMojibake() throws Exception {
        String geojson = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4549\"}},"
                + "\"features\":[" + cadastral("宗地-甲1", "工业用地", "塘浦精密机械有限公司（地籍导入测试）", 10000, rect(0, 400, 100, 500)) + ","
                + cadastral("宗地-甲2", "M2", "张三", 2600, rect(200, 400, 250, 450)) + "]}";
        Path source = Files.writeString(temp.resolve("zd.geojson"), geojson);
        Path dir = Files.createDirectories(temp.resolve("shp"));
        UploadFiles.ogr2ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", dir.resolve("宗地.shp").toString(), source.toString());
        Files.deleteIfExists(dir.resolve("宗地.cpg"));
        // As Chinese desktop tools leave it: no language driver byte either.
        byte[] dbf = Files.readAllBytes(dir.resolve("宗地.dbf"));
        dbf[29] = 0;
        Files.write(dir.resolve("宗地.dbf"), dbf);
        assertThat(new String(dbf, GBK)).as("the attributes really are GBK").contains("塘浦精密机械");

        Api.Response response = upload("zongdi.zip", UploadFiles.zip(dir, file -> true), Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(area("宗地-甲1")).isEqualTo(10000.0);
        assertThat(jdbc.sql("""
                select e.credit_code from parcel p join zone z on z.id = p.zone_id join enterprise e on e.id = p.enterprise_id
                where z.code = :z and p.code = '宗地-甲1'""").param("z", ZONE).query(String.class).single())
                .as("权利人 matched by name").isEqualTo(holderCode);
        assertThat(jdbc.sql("select land_use_code from parcel p join zone z on z.id = p.zone_id where z.code = :z and p.code = '宗地-甲2'")
                .param("z", ZONE).query(String.class).single()).isEqualTo("100102");
        Map<String, JsonNode> byCode = byCode(response.json().path("report"));
        assertThat(byCode.get("宗地-甲1").path("warnings")).isEmpty();
        assertThat(byCode.get("宗地-甲2").path("warnings").toString()).contains("权利人 张三 不是唯一一家已登记的企业")
                .contains("记载面积 2600.00 m² 与计算面积 2500.00 m² 相差 3.85%");
        assertThat(response.json().path("notes").toString()).contains("按 GB18030 编码读取");
    }

    @Test
    void fieldsNamesTheFileOwnFieldNamesAndIsBounded() {
        String file = SurveyGeoJson.collection("{\"type\":\"Feature\",\"properties\":{\"DKBH\":\"FLD-1\",\"DLBM\":\"100101\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + rect(0, 800, 50, 850) + "}}");
        Api.Response without = upload("fields.geojson", file, Map.of("dryRun", "true"));
        assertThat(without.status()).as(without.body()).isEqualTo(422);
        assertThat(without.json().path("import").path("report").get(0).path("problems").toString()).contains("code is missing");

        Api.Response mapped = upload("fields.geojson", file, Map.of("dryRun", "true", "fields", "code:DKBH,land_use:DLBM"));
        assertThat(mapped.status()).as(mapped.body()).isEqualTo(200);
        assertThat(mapped.json().path("report").get(0).path("code").asString()).isEqualTo("FLD-1");

        assertDetail(upload("fields.geojson", file, Map.of("fields", "owner:DKBH")), 400, "参数 fields 有误");
        assertDetail(upload("fields.geojson", file, Map.of("fields", "code:" + "X".repeat(65))), 400, "参数 fields 有误");
        assertDetail(upload("fields.geojson", file, Map.of("fields", "code:DKBH,code:DLBM")), 400, "出现了两次");
        assertDetail(upload("fields.geojson", file, Map.of("encoding", "EBCDIC")), 400, "参数 encoding 应是");
    }

    @Test
    void zonePrefixedEastingsAreReadInTheirZoneOrRefusedNamingIt() throws Exception {
        String prefixed = "[[[" + (40_000_000 + X0 + 600) + "," + (Y0 + 600) + "],[" + (40_000_000 + X0 + 700) + "," + (Y0 + 600) + "],["
                + (40_000_000 + X0 + 700) + "," + (Y0 + 700) + "],[" + (40_000_000 + X0 + 600) + "," + (Y0 + 600) + "]]]";
        String feature = SurveyGeoJson.feature("GK-1", "100101", "", prefixed);
        String noCrs = "{\"type\":\"FeatureCollection\",\"features\":[" + feature + "]}";
        // GeoJSON without a crs member is WGS84 by definition: 40 million degrees is refused, naming the zone's code.
        assertDetail(upload("gk.geojson", noCrs, Map.of("dryRun", "true")), 400, "应为 EPSG:4528");
        // A crs= that contradicts the eastings is refused the same way.
        assertDetail(upload("gk.geojson", noCrs, Map.of("dryRun", "true", "crs", "EPSG:4549")), 400, "请用 crs=EPSG:4528");
        Api.Response named = upload("gk.geojson", noCrs, Map.of("dryRun", "true", "crs", "EPSG:4528"));
        assertThat(named.status()).as(named.body()).isEqualTo(200);

        // A Shapefile without .prj: read in the zone the eastings name, and the report says so.
        Path source = Files.writeString(temp.resolve("gk.geojson"), noCrs);
        Path dir = Files.createDirectories(temp.resolve("gk"));
        UploadFiles.ogr2ogr("-f", "ESRI Shapefile", "-a_srs", "EPSG:4528", dir.resolve("gk.shp").toString(), source.toString());
        Files.delete(dir.resolve("gk.prj"));
        Api.Response shapefile = upload("gk.zip", UploadFiles.zip(dir, file -> true), Map.of());
        assertThat(shapefile.status()).as(shapefile.body()).isEqualTo(200);
        assertThat(shapefile.json().path("notes").toString()).contains("读作 EPSG:4528");
        assertThat(area("GK-1")).isEqualTo(5000.0);
        assertThat(jdbc.sql("""
                select round(ST_XMin(p.geom)::numeric, 3)::float8 from parcel p join zone z on z.id = p.zone_id
                where z.code = :z and p.code = 'GK-1'""").param("z", ZONE).query(Double.class).single())
                .as("in place, not 40,000 km away").isEqualTo(X0 + 600);
    }

    /** A point line of a coordinate file: X the northing, Y the easting with zone 40 in front (EPSG:4528). */
    private static String point(String name, int ring, double east, double north) {
        return String.format(Locale.ROOT, "%s,%d,%.3f,%.3f%n", name, ring, Y0 + north, 40_000_000 + X0 + east);
    }

    private static String cadastral(String code, String use, String holder, double area, String rings) {
        return "{\"type\":\"Feature\",\"properties\":{\"宗地代码\":\"" + code + "\",\"土地用途\":\"" + use + "\",\"权利人\":\"" + holder
                + "\",\"宗地面积\":" + area + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + rings + "}}";
    }

    private Map<String, JsonNode> byCode(JsonNode report) {
        Map<String, JsonNode> byCode = new HashMap<>();
        report.forEach(f -> byCode.put(f.path("code").asString(), f));
        return byCode;
    }

    private Api.Response upload(String name, String content, Map<String, String> extra) {
        return upload(name, content.getBytes(StandardCharsets.UTF_8), extra);
    }

    private Api.Response upload(String name, byte[] content, Map<String, String> extra) {
        Map<String, String> fields = new HashMap<>(Map.of("zone", ZONE));
        fields.putAll(extra);
        return api.upload("/api/imports", fields, name, content);
    }

    /** The area of a stored parcel by an independent ST_Area in EPSG:4549, to the 0.1 mm². */
    private double area(String code) {
        return jdbc.sql("select round(ST_Area(ST_Transform(p.geom, 4549))::numeric, 4)::float8 from parcel p join zone z on z.id = p.zone_id "
                + "where z.code = :zone and p.code = :code").param("zone", ZONE).param("code", code).query(Double.class).single();
    }

    private static String rect(double x0, double y0, double x1, double y1) {
        return SurveyGeoJson.rectangle(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1);
    }
}
