package com.landrenew.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyGeoJson;
import com.landrenew.support.TestAreas;
import com.landrenew.web.BadRequestException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@LandRenewTest
class GeoJsonLoaderTest {

    /** Land for the zone "unit-square" and the features the loader refuses. */
    static final TestAreas.Area AREA = TestAreas.claim("unit-square", 1, 1);

    private static final String CRS_4549 = "{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4549\"}}";

    @LocalServerPort
    int port;

    @Autowired
    GeoJsonLoader loader;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void aSquareOf100MetresIs10000SquareMetres15MuAndOneHectare() {
        String square = SurveyGeoJson.rectangle(AREA.x0(), AREA.y0(), AREA.x0() + 100, AREA.y0() + 100);
        transaction.executeWithoutResult(s -> {
            loader.loadZones(collection("{\"type\":\"Feature\",\"properties\":{\"code\":\"unit-square\",\"name\":\"单位测试区\","
                    + "\"admin_code\":\"330523\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" + square + "]}}"));
            loader.loadParcels(collection(parcel("unit-square", null, "SQ-1", square)));
        });

        JsonNode area = new Api(port).json("/api/parcels/unit-square/SQ-1").path("properties").path("area");
        assertThat(area.path("m2").asDouble()).isEqualTo(10000.0);
        assertThat(area.path("mu").asDouble()).isEqualTo(15.0);
        assertThat(area.path("ha").asDouble()).isEqualTo(1.0);
    }

    @Test
    void oneFeatureNamingAnUnknownBlockWritesNothing() {
        long before = parcelCount();
        String ok = parcel("anji", null, "LOADER-OK", SurveyGeoJson.rectangle(AREA.x0() + 200, AREA.y0() + 200,
                AREA.x0() + 250, AREA.y0() + 250));
        String bad = parcel("anji", "\"nowhere\"", "LOADER-BAD", SurveyGeoJson.rectangle(AREA.x0() + 300, AREA.y0() + 300,
                AREA.x0() + 350, AREA.y0() + 350));

        assertThatThrownBy(() -> transaction.executeWithoutResult(s -> loader.loadParcels(collection(ok + "," + bad))))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("宗地：2 条中有 1 条指向未知的园区、街区、宗地或企业。")
                .hasMessageContaining("parcels: 1 of 2");
        assertThat(parcelCount()).isEqualTo(before);
    }

    @Test
    void aFileInAnotherCrsIsRefusedByName() {
        String wgs84 = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4326\"}},"
                + "\"features\":[]}";
        assertThatThrownBy(() -> loader.loadParcels(wgs84))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("应为 EPSG:4549 坐标系的 FeatureCollection")
                .hasMessageContaining("found crs 'EPSG:4326'");
    }

    @Test
    void anEnterpriseWithAWrongCheckCharacterIsRefused() {
        long before = jdbc.sql("select count(*) from enterprise").query(Long.class).single();
        // 91350100M000100Y43 is the standard's example; its check character is 3, not 4.
        assertThatThrownBy(() -> loader.loadEnterprises(
                "[{\"credit_code\":\"91350100M000100Y44\",\"name\":\"某某公司\",\"industry\":\"C21\"}]"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("企业 某某公司（91350100M000100Y44）：第 18 位校验码错误");
        assertThat(jdbc.sql("select count(*) from enterprise").query(Long.class).single()).isEqualTo(before);
    }

    private long parcelCount() {
        return jdbc.sql("select count(*) from parcel").query(Long.class).single();
    }

    private static String parcel(String zone, String blockJson, String code, String rings) {
        return "{\"type\":\"Feature\",\"properties\":{\"zone\":\"" + zone + "\",\"block\":" + blockJson + ",\"code\":\"" + code
                + "\",\"land_use\":\"100101\",\"state\":\"prepared\",\"enterprise\":null},"
                + "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" + rings + "]}}";
    }

    private static String collection(String features) {
        return "{\"type\":\"FeatureCollection\",\"crs\":" + CRS_4549 + ",\"features\":[" + features + "]}";
    }
}
