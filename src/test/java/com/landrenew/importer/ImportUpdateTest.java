package com.landrenew.importer;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyGeoJson;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * mode=update: a newer survey of existing codes changes their attributes and outlines, each with its version,
 * audit entry and the edit's outline rules, all or nothing.
 */
@LandRenewTest
class ImportUpdateTest {

    static final String ZONE = "import-update-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        if (!fixtures.zoneExists(ZONE)) {
            fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
            fixtures.parcel(ZONE, null, "UPD-1", X0, Y0, X0 + 100, Y0 + 100, "100101", null);
            fixtures.parcel(ZONE, null, "UPD-2", X0 + 200, Y0, X0 + 300, Y0 + 100, "100101", null);
            fixtures.parcel(ZONE, null, "UPD-3", X0 + 400, Y0, X0 + 500, Y0 + 100, "100101", null);
        }
    }

    @Test
    void aNewerSurveyChangesOutlinesAndAttributesOfExistingCodes() {
        int version1 = version("UPD-1");
        int version2 = version("UPD-2");
        long audited = audited();
        String file = SurveyGeoJson.collection(
                SurveyGeoJson.feature("UPD-1", "M2", "\"far_max\":2.5", rect(0, 0, 100, 120)),
                "{\"type\":\"Feature\",\"properties\":{\"code\":\"UPD-2\",\"lease_end\":\"2046-06-30\"},\"geometry\":null}");

        Api.Response response = upload(file, Map.of("mode", "update"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("imported").asInt()).isEqualTo(2);
        assertThat(area("UPD-1")).isEqualTo(12000.0);
        assertThat(area("UPD-2")).as("no geometry: the outline stays").isEqualTo(10000.0);
        assertThat(jdbc.sql("select land_use_code || ' ' || far_max from parcel where code = 'UPD-1'").query(String.class).single())
                .isEqualTo("100102 2.50");
        assertThat(jdbc.sql("select land_use_code || ' ' || lease_end from parcel where code = 'UPD-2'").query(String.class).single())
                .as("what the file leaves out stays").isEqualTo("100101 2046-06-30");
        assertThat(version("UPD-1")).isEqualTo(version1 + 1);
        assertThat(version("UPD-2")).isEqualTo(version2 + 1);
        assertThat(audited()).as("an audit entry each").isEqualTo(audited + 2);
    }

    @Test
    void anUpdateIsAllOrNothingAndHoldsOutlinesToTheEditRules() {
        int version3 = version("UPD-3");
        String file = SurveyGeoJson.collection(
                SurveyGeoJson.feature("UPD-3", "100101", "\"far_max\":3", rect(400, 0, 500, 150)),
                // Grown over UPD-3's old outline as well as its new one: the file's own overlap check says it.
                SurveyGeoJson.feature("UPD-2", "100101", "", rect(200, 0, 450, 100)),
                SurveyGeoJson.feature("UPD-NONE", "100101", "", rect(600, 0, 700, 100)),
                SurveyGeoJson.feature("UPD-1", "100101", "\"state\":\"vacated\"", rect(0, 0, 100, 100)));

        Api.Response response = upload(file, Map.of("mode", "update"));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        String report = response.json().path("import").path("report").toString();
        assertThat(report).contains("overlaps feature 1 (UPD-3) of the file by 5000.0 m²")
                .contains("code UPD-NONE is not a current parcel of zone " + ZONE)
                .contains("state vacated changes through the ledger");
        assertThat(version("UPD-3")).as("nothing written").isEqualTo(version3);
        assertThat(area("UPD-3")).isEqualTo(10000.0);
        assertDetail(upload(file, Map.of("mode", "upsert")), 400, "mode must be insert or update");
    }

    private Api.Response upload(String content, Map<String, String> extra) {
        Map<String, String> fields = new HashMap<>(Map.of("zone", ZONE));
        fields.putAll(extra);
        return api.upload("/api/imports", fields, "update.geojson", content.getBytes(StandardCharsets.UTF_8));
    }

    private int version(String code) {
        return jdbc.sql("select p.version from parcel p join zone z on z.id = p.zone_id where z.code = :z and p.code = :c")
                .param("z", ZONE).param("c", code).query(Integer.class).single();
    }

    private long audited() {
        return jdbc.sql("select count(*) from audit_log where table_name = 'parcel' and action = 'update' and row_key like :k")
                .param("k", ZONE + "/UPD-%").query(Long.class).single();
    }

    /** By an independent ST_Area in EPSG:4549. */
    private double area(String code) {
        return jdbc.sql("select round(ST_Area(ST_Transform(p.geom, 4549))::numeric, 4)::float8 from parcel p join zone z on z.id = p.zone_id "
                + "where z.code = :zone and p.code = :code").param("zone", ZONE).param("code", code).query(Double.class).single();
    }

    private static String rect(double x0, double y0, double x1, double y1) {
        return SurveyGeoJson.rectangle(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1);
    }
}
