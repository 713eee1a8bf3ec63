package com.landrenew.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An export of a zone's parcels (GeoJSON, GeoPackage, Shapefile, CSV with WKT, with or without a byte-order
 * mark) imports back into an empty zone of the same outline with the same codes, land use, holders (by credit
 * code), leases, limits and areas; a dry run of it into its own zone finds only that the codes exist. The zones
 * share their land, so the parcels a file came from are retired before it is imported (imports refuse
 * overlaps with any current parcel).
 */
@LandRenewTest
class ExportRoundTripTest {

    static final String ZONE = "roundtrip-src";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X = AREA.x0();
    static final double Y = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void geoJsonGeoPackageShapefileAndCsvExportsImportBackUnchanged() {
        Api api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.zone(ZONE, X, Y, X + 500, Y + 500);
        int holder = fixtures.enterprise("往返测试有限公司");
        long held = fixtures.parcel(ZONE, null, "RT-1", X + 10, Y + 10, X + 110, Y + 110, "100102", holder);
        jdbc.sql("""
                update parcel set lease_start = '2020-03-01', lease_end = '2070-02-28', far_min = 1.2, far_max = 2.5,
                                  height_limit_m = 24 where id = :id""").param("id", held).update();
        long odd = fixtures.parcel(ZONE, null, "RT-2", X + 200, Y + 10, X + 300, Y + 110, "100101", null);
        // an outline of millimetre coordinates (what the export writes) that no rectangle arithmetic gives
        jdbc.sql("update parcel set geom = ST_Multi(ST_GeomFromText(:wkt, 4549)) where id = :id")
                .param("wkt", String.format(java.util.Locale.ROOT, "POLYGON((%.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f))",
                        X + 200.123, Y + 10.456, X + 312.789, Y + 20.001, X + 250.5, Y + 140.997, X + 200.123, Y + 10.456))
                .param("id", odd).update();
        List<String> before = parcels(ZONE);

        byte[] geoJson = api.getBinary("/api/exports/parcels?zone=" + ZONE + "&crs=EPSG:4549").body();
        byte[] gpkg = api.getBinary("/api/exports/parcels?zone=" + ZONE + "&format=gpkg").body();
        byte[] shp = api.getBinary("/api/exports/parcels?zone=" + ZONE + "&format=shp").body();
        byte[] csv = api.getBinary("/api/exports/parcels?zone=" + ZONE + "&format=csv").body();
        byte[] csvWithBom = withByteOrderMark(csv);
        assertThat(new String(csv, StandardCharsets.UTF_8)).as("the CSV's dates are ISO 8601")
                .contains(",2020-03-01,2070-02-28,").doesNotContain("2020/03/01");
        assertThat(new String(geoJson, StandardCharsets.UTF_8)).as("the GeoJSON's dates are ISO 8601")
                .contains("\"lease_start\": \"2020-03-01\"").doesNotContain("2020/03/01");
        // GeoPackage and Shapefile keep a date type (a DBF stores yyyymmdd): the imports below read 2020-03-01 back

        for (String[] file : List.of(new String[] {"parcels.geojson", "geojson"}, new String[] {"parcels.csv", "csv"})) {
            byte[] bytes = file[1].equals("csv") ? csv : geoJson;
            Api.Response own = api.upload("/api/imports", Map.of("zone", ZONE, "dryRun", "true"), file[0], bytes);
            assertThat(own.status()).as(file[0] + " into its own zone: " + own.body()).isEqualTo(422);
            assertThat(own.json().path("import").path("summary").findValuesAsString("kind")).as(file[0] + ": " + own.body()).containsExactly("code");
            own.json().path("import").path("report").forEach(feature -> assertThat(feature.path("problems").toString())
                    .as(file[0] + ": each feature's only finding").isEqualTo("[\"代码 " + feature.path("code").asString() + " 在开发区 " + ZONE + " 已存在。code "
                            + feature.path("code").asString() + " already exists in zone " + ZONE + "\"]"));
            own.json().path("import").path("report").forEach(feature -> assertThat(feature.path("warnings").size()).as(file[0] + ": warnings").isZero());
        }
        retire(ZONE);

        importInto(api, fixtures, "roundtrip-geojson", "parcels.geojson", geoJson, before);
        retire("roundtrip-geojson");
        importInto(api, fixtures, "roundtrip-gpkg", "parcels.gpkg", gpkg, before);
        retire("roundtrip-gpkg");
        importInto(api, fixtures, "roundtrip-shp", "parcels.shp.zip", shp, before);
        retire("roundtrip-shp");
        importInto(api, fixtures, "roundtrip-csv", "parcels.csv", csv, before);
        retire("roundtrip-csv");
        importInto(api, fixtures, "roundtrip-csv-bom", "parcels.csv", csvWithBom, before);
    }

    private static byte[] withByteOrderMark(byte[] utf8) {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] all = java.util.Arrays.copyOf(bom, bom.length + utf8.length);
        System.arraycopy(utf8, 0, all, bom.length, utf8.length);
        return all;
    }

    private void importInto(Api api, Fixtures fixtures, String zone, String name, byte[] file, List<String> expected) {
        fixtures.zone(zone, X, Y, X + 500, Y + 500);
        Api.Response dryRun = api.upload("/api/imports", Map.of("zone", zone, "dryRun", "true"), name, file);
        assertThat(dryRun.status()).as(name + " dry run: " + dryRun.body()).isEqualTo(200);
        assertThat(parcels(zone)).as("a dry run writes nothing").isEmpty();
        Api.Response imported = api.upload("/api/imports", Map.of("zone", zone), name, file);
        assertThat(imported.status()).as(name + ": " + imported.body()).isEqualTo(200);
        assertThat(imported.json().path("imported").asInt()).isEqualTo(2);
        assertThat(parcels(zone)).as(name).isEqualTo(expected);
        assertThat(jdbc.sql("""
                select max(abs(ST_Area(a.geom) - ST_Area(b.geom))) from parcel_all a join zone za on za.id = a.zone_id
                join parcel b on b.code = a.code join zone zb on zb.id = b.zone_id
                where za.code = :from and zb.code = :to""").param("from", ZONE).param("to", zone).query(Double.class).single())
                .as(name + ": largest area change in m² (EPSG:4549)").isLessThan(0.01);
    }

    /** Each parcel of the zone (retired ones too) as "code land-use holder's credit code lease far height". */
    private List<String> parcels(String zone) {
        return jdbc.sql("""
                select concat_ws(' ', p.code, p.land_use_code, coalesce(e.credit_code, '-'), p.lease_start, p.lease_end,
                                 p.far_min, p.far_max, p.height_limit_m)
                from parcel_all p join zone z on z.id = p.zone_id left join enterprise e on e.id = p.enterprise_id
                where z.code = :zone order by p.code""").param("zone", zone).query(String.class).list();
    }

    private void retire(String zone) {
        jdbc.sql("""
                update parcel_all set retired_on = current_date, retired_at = now()
                where zone_id = (select id from zone where code = :zone)""").param("zone", zone).update();
    }
}
