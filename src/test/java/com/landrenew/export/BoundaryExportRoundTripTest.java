package com.landrenew.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exports of zones and blocks name their layer {@code zones} and {@code blocks} (a Shapefile's files inside
 * the zip too) and import back with target=zones and target=blocks: same codes, names and areas (ST_Area in
 * EPSG:4549). The stored zone or blocks are deleted first, as codes and outlines may not be taken twice.
 */
@LandRenewTest
class BoundaryExportRoundTripTest {

    static final String ZONE = "bert-zone";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X = AREA.x0();
    static final double Y = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void zonesExportNamesItsLayerZonesAndImportsBackAsZones() throws IOException {
        Api api = new Api(port);
        new Fixtures(jdbc).zone(ZONE, X, Y, X + 400, Y + 300);
        // an outline no rectangle arithmetic gives, in millimetres as exports write it
        jdbc.sql("update zone set boundary = ST_Multi(ST_GeomFromText(:wkt, 4549)), name = '往返开发区' where code = :zone")
                .param("wkt", String.format(java.util.Locale.ROOT, "POLYGON((%.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f))",
                        X + 0.123, Y + 0.456, X + 400.789, Y + 10.001, X + 250.5, Y + 300.997, X + 0.123, Y + 0.456))
                .param("zone", ZONE).update();
        String before = zones();

        byte[] shp = api.getBinary("/api/exports/zones?zone=" + ZONE + "&format=shp").body();
        byte[] gpkg = api.getBinary("/api/exports/zones?zone=" + ZONE + "&format=gpkg").body();
        assertThat(entries(shp)).containsExactlyInAnyOrder("zones.shp", "zones.shx", "zones.dbf", "zones.prj", "zones.cpg");

        for (Map.Entry<String, byte[]> file : List.of(Map.entry("zones.shp.zip", shp), Map.entry("zones.gpkg", gpkg))) {
            jdbc.sql("delete from zone where code = :zone").param("zone", ZONE).update();
            // layer=zones: the import finds the layer by that name or answers 400
            Api.Response imported = api.upload("/api/imports", Map.of("target", "zones", "layer", "zones"), file.getKey(),
                    file.getValue());
            assertThat(imported.status()).as(file.getKey() + ": " + imported.body()).isEqualTo(200);
            assertThat(zones()).as(file.getKey()).isEqualTo(before);
        }
    }

    @Test
    void blocksExportNamesItsLayerBlocksAndImportsBackAsBlocks() throws IOException {
        Api api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        String zone = "bert-blocks";
        fixtures.zone(zone, X + 500, Y, X + 900, Y + 300);
        fixtures.block(zone, "b1", X + 510, Y + 10, X + 690, Y + 290);
        fixtures.block(zone, "b2", X + 700, Y + 10, X + 890, Y + 290);
        jdbc.sql("update block set name = '东区' where code = 'b1' and zone_id = (select id from zone where code = :zone)")
                .param("zone", zone).update();
        String before = blocks(zone);

        byte[] shp = api.getBinary("/api/exports/blocks?zone=" + zone + "&format=shp").body();
        byte[] gpkg = api.getBinary("/api/exports/blocks?zone=" + zone + "&format=gpkg").body();
        assertThat(entries(shp)).containsExactlyInAnyOrder("blocks.shp", "blocks.shx", "blocks.dbf", "blocks.prj", "blocks.cpg");

        for (Map.Entry<String, byte[]> file : List.of(Map.entry("blocks.shp.zip", shp), Map.entry("blocks.gpkg", gpkg))) {
            jdbc.sql("delete from block where zone_id = (select id from zone where code = :zone)").param("zone", zone).update();
            Api.Response imported = api.upload("/api/imports", Map.of("target", "blocks", "zone", zone, "layer", "blocks"),
                    file.getKey(), file.getValue());
            assertThat(imported.status()).as(file.getKey() + ": " + imported.body()).isEqualTo(200);
            assertThat(blocks(zone)).as(file.getKey()).isEqualTo(before);
        }
    }

    /** The zone as "code name admin_code area", the area to the square centimetre in EPSG:4549. */
    private String zones() {
        return jdbc.sql("""
                select concat_ws(' ', code, name, admin_code, round(ST_Area(ST_Transform(boundary, 4549))::numeric, 2))
                from zone where code = :zone""").param("zone", ZONE).query(String.class).single();
    }

    private String blocks(String zone) {
        return String.join("; ", jdbc.sql("""
                select concat_ws(' ', b.code, b.name, round(ST_Area(ST_Transform(b.boundary, 4549))::numeric, 2))
                from block b join zone z on z.id = b.zone_id where z.code = :zone order by b.code""")
                .param("zone", zone).query(String.class).list());
    }

    private static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
