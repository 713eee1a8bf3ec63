package com.landrenew.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An EPSG code PostGIS does not know is a 400 naming it wherever a crs is taken (imports, exports, OGC). */
@LandRenewTest
class UnknownCrsApiTest {

    static final String UNKNOWN = "参数 crs 的 EPSG:99999 不是 PostGIS 认识的坐标系。"
            + "crs: EPSG:99999 is not a coordinate reference system PostGIS knows.";

    @LocalServerPort
    int port;

    @Test
    void epsg99999IsA400NamingTheCode() {
        byte[] file = ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"BND-9\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[740100,3300100],[740200,3300100],[740200,3300200],"
                + "[740100,3300100]]]}}]}").getBytes(StandardCharsets.UTF_8);
        Api.Response imported = new Api(port).upload("/api/imports", Map.of("zone", "bnd12", "crs", "EPSG:99999",
                "dryRun", "true"), "bnd12.geojson", file);
        assertThat(imported.status()).as(imported.body()).isEqualTo(400);
        assertThat(imported.json().path("detail").asString()).isEqualTo(UNKNOWN);

        Api.Response exported = new Api(port).get("/api/exports/zones?crs=EPSG:99999");
        assertThat(exported.status()).as(exported.body()).isEqualTo(400);
        assertThat(exported.json().path("detail").asString()).isEqualTo(UNKNOWN);

        Api.Response ogc = new Api(port).as(TestUsers.AUDITOR)
                .get("/ogc/collections/zones/items?crs=http://www.opengis.net/def/crs/EPSG/0/99999");
        assertThat(ogc.status()).isEqualTo(400);
        assertThat(ogc.json().path("detail").asString()).startsWith("参数 crs 应为 [").contains("。crs must be one of")
                .contains("收到：http://www.opengis.net/def/crs/EPSG/0/99999");
        assertThat(new Api(port).get("/api/exports/zones?crs=EPSG:4490").status()).as("a known code").isEqualTo(200);
    }
}
