package com.landrenew.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Exports of a hand-built parcel, read back independently (JSON, and GDAL's ogrinfo for GeoPackage). */
@LandRenewTest
class ExportApiTest {

    static final String ZONE = "export-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X = AREA.x0() + 100;
    static final double Y = AREA.y0() + 100;

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
            fixtures.zone(ZONE, X - 100, Y - 100, X + 300, Y + 300);
            fixtures.parcel(ZONE, null, "EXP-1", X, Y, X + 100, Y + 100, "100102", null);
        }
    }

    @Test
    void geoJsonInTheSurveyCrsCarriesTheStoredCoordinatesAndAreas() {
        JsonNode file = api.json("/api/exports/parcels?zone=" + ZONE + "&crs=EPSG:4549");
        assertThat(file.path("features").size()).isEqualTo(1);
        JsonNode feature = file.path("features").get(0);
        assertThat(feature.path("properties").path("code").asString()).isEqualTo("EXP-1");
        assertThat(feature.path("properties").path("area_m2").asDouble()).isEqualTo(10000.0);
        assertThat(feature.path("properties").path("area_mu").asDouble()).isEqualTo(15.0);
        JsonNode corner = feature.path("geometry").path("coordinates").get(0).get(0).get(0);
        assertThat(corner.get(0).asDouble()).isEqualTo(X);
        assertThat(corner.get(1).asDouble()).isEqualTo(Y);
    }

    @Test
    void geoJsonByDefaultIsWgs84() {
        // RFC 7946 output: GDAL writes a one-part MultiPolygon as a Polygon, rewound, with 7 decimals (~1 cm).
        JsonNode geometry = api.json("/api/exports/parcels?zone=" + ZONE).path("features").get(0).path("geometry");
        double[] expected = jdbc.sql("select ST_X(g), ST_Y(g) from ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), 4549), 4326) g")
                .param("x", X).param("y", Y).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        List<double[]> points = new java.util.ArrayList<>();
        collectPoints(geometry.path("coordinates"), points);
        assertThat(points).hasSize(5);
        assertThat(points).anySatisfy(p -> {
            assertThat(p[0]).isCloseTo(expected[0], within(1e-6));
            assertThat(p[1]).isCloseTo(expected[1], within(1e-6));
        });
    }

    private static void collectPoints(JsonNode coordinates, List<double[]> points) {
        if (coordinates.size() > 0 && coordinates.get(0).isNumber()) {
            points.add(new double[] {coordinates.get(0).asDouble(), coordinates.get(1).asDouble()});
            return;
        }
        coordinates.forEach(c -> collectPoints(c, points));
    }

    @Test
    void aGeoPackageInCgcs2000OpensInGdal() throws Exception {
        Api.Response response = api.get("/api/exports/parcels?zone=" + ZONE + "&format=gpkg&crs=EPSG:4490");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).contains("geopackage");
        // Api reads bodies as text; fetch the bytes again raw for GDAL.
        Path gpkg = temp.resolve("export.gpkg");
        Files.write(gpkg, api.getBinary("/api/exports/parcels?zone=" + ZONE + "&format=gpkg&crs=EPSG:4490").body());
        String info = ogrinfo(gpkg);
        assertThat(info).contains("Feature Count: 1", "code (String) = EXP-1", "4490");
    }

    @Test
    void csvHasAHeaderAndWktGeometry() {
        Api.Response csv = api.get("/api/exports/parcels?zone=" + ZONE + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("WKT,").contains("code", "area_mu");
        assertThat(lines.get(1)).contains("MULTIPOLYGON", "EXP-1", "15");
    }

    @Test
    void badExportRequestsAreNamed() {
        assertDetail("/api/exports/roads", "layer");
        assertDetail("/api/exports/roads", "参数 layer 应为 ");
        assertDetail("/api/exports/roads", "got 'roads'");
        assertDetail("/api/exports/parcels?format=dxf", "format");
        assertDetail("/api/exports/parcels?crs=EPSG:999999", "999999");
        assertDetail("/api/exports/parcels?bbox=1,2,3", "bbox");
        assertDetail("/api/exports/blocks?state=stored", "参数 state 只能筛选 ");
        assertDetail("/api/exports/blocks?state=stored", "。state filters ");
    }

    private void assertDetail(String path, String named) {
        Api.Response response = api.get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).as(path).contains(named);
    }

    private static String ogrinfo(Path file) throws Exception {
        Process process = new ProcessBuilder("ogrinfo", "-ro", "-al", file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
