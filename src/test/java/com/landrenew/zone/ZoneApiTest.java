package com.landrenew.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@LandRenewTest
class ZoneApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void listsBothSampleZonesWithOutlinesAndLonLatBoxes() {
        JsonNode zones = api.json("/api/zones");
        Map<String, JsonNode> byCode = new HashMap<>();
        zones.path("features").forEach(f -> byCode.put(f.path("id").asString(), f));
        assertThat(byCode).containsKeys("anji", "xiaoshan");

        JsonNode anji = byCode.get("anji");
        assertThat(anji.path("properties").path("name").asString()).isEqualTo("安吉经济开发区");
        assertThat(anji.path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
        JsonNode bbox = anji.path("bbox");
        assertThat(bbox.get(0).asDouble()).isBetween(119.5, 119.8);
        assertThat(bbox.get(1).asDouble()).isBetween(30.5, 30.75);
        assertThat(bbox.get(2).asDouble()).isGreaterThan(bbox.get(0).asDouble());
        assertThat(anji.path("properties").path("parcelCount").asInt())
                .isEqualTo(jdbc.sql("select count(*) from parcel p join zone z on z.id = p.zone_id where z.code = 'anji'")
                        .query(Integer.class).single());
    }

    @Test
    void blockAreasAreTheOfficialPlanarAreasOfTheirParcels() throws IOException, ParseException {
        Map<String, Double> fromFiles = parcelAreaPerBlockFromSampleFiles();
        for (String zone : new String[] {"anji", "xiaoshan"}) {
            JsonNode blocks = api.json("/api/zones/" + zone + "/blocks").path("features");
            assertThat(blocks.size()).isPositive();
            for (JsonNode block : blocks) {
                JsonNode p = block.path("properties");
                double servedM2 = p.path("parcelArea").path("m2").asDouble();
                double sqlM2 = jdbc.sql("""
                        select coalesce(sum(ST_Area(p.geom)), 0) from parcel p
                        join block b on b.id = p.block_id join zone z on z.id = b.zone_id
                        where z.code = :zone and b.code = :block""")
                        .param("zone", zone).param("block", p.path("code").asString()).query(Double.class).single();
                double jtsM2 = fromFiles.getOrDefault(zone + "/" + p.path("code").asString(), 0.0);

                assertThat(servedM2).as("block %s vs SQL", p.path("code").asString()).isCloseTo(sqlM2, within(0.01));
                assertThat(servedM2).as("block %s vs JTS on gis-data", p.path("code").asString()).isCloseTo(jtsM2, within(0.05));
                assertThat(p.path("parcelArea").path("mu").asDouble()).isCloseTo(sqlM2 * 15 / 10000, within(0.0001));
                assertThat(p.path("parcelArea").path("ha").asDouble()).isCloseTo(sqlM2 / 10000, within(0.0001));
                assertThat(p.path("labelPoint").size()).isEqualTo(2);
            }
        }
    }

    @Test
    void namedParksHaveTheirReportedSize() {
        Map<String, Double> mu = new HashMap<>();
        api.json("/api/zones/anji/blocks").path("features").forEach(f ->
                mu.put(f.path("properties").path("name").asString(), f.path("properties").path("area").path("mu").asDouble()));
        assertThat(mu.get("范潭工业园")).isBetween(3400.0, 4600.0);
        assertThat(mu.get("孝源绿色家居小微产业园")).isBetween(145.0, 195.0);
        assertThat(mu.get("生命健康产业园")).isBetween(3800.0, 5200.0);
        assertThat(mu.get("光电半导体产业园")).isBetween(3400.0, 4600.0);
    }

    @Test
    void unknownZoneIs404() {
        Api.Response response = api.get("/api/zones/atlantis/blocks");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("detail").asString()).contains("atlantis");
    }

    /** Sum of JTS planar areas per block, read straight from gis-data: independent of PostGIS and the service. */
    private static Map<String, Double> parcelAreaPerBlockFromSampleFiles() throws IOException, ParseException {
        JsonNode parcels = JsonMapper.builder().build()
                .readTree(Files.readString(Path.of("gis-data/sample/parcels.geojson")));
        GeoJsonReader reader = new GeoJsonReader();
        Map<String, Double> sums = new HashMap<>();
        for (JsonNode f : parcels.path("features")) {
            JsonNode p = f.path("properties");
            double area = reader.read(f.path("geometry").toString()).getArea();
            sums.merge(p.path("zone").asString() + "/" + p.path("block").asString(), area, Double::sum);
        }
        return sums;
    }
}
