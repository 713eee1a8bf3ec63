package com.landrenew.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.landrenew.enterprise.CreditCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Generates the sample into a temporary folder once, reads the files back as any client would (Jackson
 * for properties, JTS's GeoJSON reader for geometry) and checks the invariants the brief promises.
 */
class SampleDataGeneratorTest {

    private static final double MU = 10000.0 / 15.0;
    private static final String CRS = "urn:ogc:def:crs:EPSG::4549";
    private static final List<String> FILES =
            List.of("zones.geojson", "blocks.geojson", "parcels.geojson", "buildings.geojson", "enterprises.json");
    private static final Set<String> STATES = Set.of("in_use", "low_efficiency", "vacating", "vacated", "stored",
            "prepared", "supplied", "under_construction", "completed", "in_production");
    private static final Set<String> HELD = Set.of("in_use", "low_efficiency", "vacating", "supplied",
            "under_construction", "completed", "in_production");
    private static final Set<String> BUILT = Set.of("in_use", "low_efficiency", "vacating", "under_construction",
            "completed", "in_production");
    private static final Set<String> LAND_USES =
            Set.of("100101", "100102", "100103", "110101", "110102", "0901", "1402", "0701");

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeoJsonReader GEOJSON = new GeoJsonReader(new GeometryFactory());

    private record Feature(JsonNode properties, Geometry geometry) {
        String text(String name) {
            JsonNode value = properties.get(name);
            return value == null || value.isNull() ? null : value.asString();
        }
    }

    private static List<Feature> zones;
    private static List<Feature> blocks;
    private static List<Feature> parcels;
    private static List<Feature> buildings;
    private static JsonNode enterprises;

    @BeforeAll
    static void generate() throws IOException, ParseException {
        new SampleDataGenerator().writeTo(dir);
        zones = features("zones.geojson", "MultiPolygon");
        blocks = features("blocks.geojson", "MultiPolygon");
        parcels = features("parcels.geojson", "MultiPolygon");
        buildings = features("buildings.geojson", "Polygon");
        enterprises = JSON.readTree(Files.readString(dir.resolve("enterprises.json")));
    }

    private static List<Feature> features(String file, String geometryType) throws IOException, ParseException {
        JsonNode collection = JSON.readTree(Files.readString(dir.resolve(file)));
        assertEquals("FeatureCollection", collection.get("type").asString(), file);
        assertEquals(CRS, collection.get("crs").get("properties").get("name").asString(), file);
        List<Feature> result = new ArrayList<>();
        for (JsonNode feature : collection.get("features")) {
            JsonNode geometry = feature.get("geometry");
            assertEquals(geometryType, geometry.get("type").asString(), file);
            result.add(new Feature(feature.get("properties"), GEOJSON.read(geometry.toString())));
        }
        return result;
    }

    @Test
    void hasEnoughOfEverything() {
        assertEquals(2, zones.size());
        assertEquals(13, blocks.size());
        assertTrue(parcels.size() >= 2000, parcels.size() + " parcels");
        assertTrue(buildings.size() >= 3000, buildings.size() + " buildings");
        assertTrue(enterprises.size() >= 500, enterprises.size() + " enterprises");
    }

    @Test
    void filesStaySmall() throws IOException {
        long total = 0;
        for (String file : FILES) {
            total += Files.size(dir.resolve(file));
        }
        assertTrue(total < 6_000_000, total + " bytes");
    }

    @Test
    void coordinatesAreRoundedToCentimetres() {
        for (List<Feature> layer : List.of(zones, blocks, parcels, buildings)) {
            for (Feature f : layer) {
                for (Coordinate c : f.geometry().getCoordinates()) {
                    assertEquals(Math.round(c.x * 100), c.x * 100, 1e-6);
                    assertEquals(Math.round(c.y * 100), c.y * 100, 1e-6);
                }
            }
        }
    }

    @Test
    void parcelsAreValidAndBetween5And300Mu() {
        for (Feature parcel : parcels) {
            Geometry g = parcel.geometry();
            assertTrue(g.isValid(), parcel.text("code"));
            double mu = g.getArea() / MU;
            assertTrue(mu >= 5 && mu <= 300, parcel.text("code") + " has " + mu + " mu");
        }
        long typical = parcels.stream().filter(p -> p.geometry().getArea() / MU >= 8
                && p.geometry().getArea() / MU <= 60).count();
        assertTrue(typical * 2 > parcels.size(), "most parcels are of 8-60 mu: " + typical);
    }

    @Test
    void parcelsDoNotOverlapAndAreSeparatedByStreets() {
        STRtree index = new STRtree();
        for (Feature parcel : parcels) {
            index.insert(parcel.geometry().getEnvelopeInternal(), parcel);
        }
        for (Feature parcel : parcels) {
            Envelope search = parcel.geometry().getEnvelopeInternal().copy();
            search.expandBy(12);
            for (Object o : index.query(search)) {
                Feature other = (Feature) o;
                if (other == parcel) {
                    continue;
                }
                assertFalse(parcel.geometry().relate(other.geometry(), "T********"),
                        parcel.text("code") + " overlaps " + other.text("code"));
                double gap = parcel.geometry().distance(other.geometry());
                assertTrue(gap >= 11.9, parcel.text("code") + " is " + gap + " m from " + other.text("code"));
            }
        }
    }

    @Test
    void everyParcelLiesInsideExactlyOneBlockOfItsZone() {
        for (Feature parcel : parcels) {
            List<Feature> containing = new ArrayList<>();
            for (Feature block : blocks) {
                if (block.geometry().covers(parcel.geometry())) {
                    containing.add(block);
                }
            }
            assertEquals(1, containing.size(), parcel.text("code"));
            assertEquals(parcel.text("zone"), containing.get(0).text("zone"), parcel.text("code"));
            assertEquals(parcel.text("block"), containing.get(0).text("code"), parcel.text("code"));
        }
    }

    @Test
    void blocksAreValidSeparateAndInsideTheirZone() {
        for (Feature block : blocks) {
            assertTrue(block.geometry().isValid(), block.text("code"));
            Feature zone = zones.stream().filter(z -> z.text("code").equals(block.text("zone"))).findFirst()
                    .orElseThrow();
            assertTrue(zone.geometry().covers(block.geometry()), block.text("code"));
            for (Feature other : blocks) {
                if (other != block) {
                    assertTrue(block.geometry().distance(other.geometry()) > 0,
                            block.text("code") + " touches " + other.text("code"));
                }
            }
        }
        for (Feature zone : zones) {
            assertTrue(zone.geometry().isValid(), zone.text("code"));
        }
    }

    @Test
    void everyBuildingStandsInsideItsParcelAndApartFromTheOthers() {
        Map<String, Feature> byCode = new HashMap<>();
        for (Feature parcel : parcels) {
            byCode.put(parcel.text("zone") + "/" + parcel.text("code"), parcel);
        }
        STRtree index = new STRtree();
        for (Feature building : buildings) {
            Feature parcel = byCode.get(building.text("zone") + "/" + building.text("parcel"));
            assertNotNull(parcel, "building on unknown parcel " + building.text("parcel"));
            assertTrue(building.geometry().isValid(), building.text("parcel"));
            assertTrue(parcel.geometry().covers(building.geometry()), "building outside " + building.text("parcel"));
            assertTrue(BUILT.contains(parcel.text("state")), "building on a " + parcel.text("state") + " parcel");
            int floors = building.properties().get("floors").asInt();
            double height = building.properties().get("height_m").asDouble();
            assertTrue(floors >= 1 && floors <= 15, "floors " + floors);
            assertTrue(height >= floors * 2.9 && height <= floors * 6.1, floors + " floors, " + height + " m");
            index.insert(building.geometry().getEnvelopeInternal(), building);
        }
        for (Feature building : buildings) {
            for (Object o : index.query(building.geometry().getEnvelopeInternal())) {
                Feature other = (Feature) o;
                if (other != building) {
                    assertFalse(building.geometry().relate(other.geometry(), "T********"), "buildings overlap on "
                            + building.text("parcel"));
                }
            }
        }
    }

    @Test
    void codesAreUniqueAndWellFormed() {
        Map<String, String> adminCodes = new HashMap<>();
        for (Feature zone : zones) {
            assertTrue(zone.text("admin_code").matches("\\d{6}"));
            assertNull(adminCodes.put(zone.text("code"), zone.text("admin_code")), "zone codes are unique");
        }
        Set<String> blockCodes = new HashSet<>();
        for (Feature block : blocks) {
            assertTrue(blockCodes.add(block.text("zone") + "/" + block.text("code")), block.text("code"));
        }
        Set<String> parcelCodes = new HashSet<>();
        for (Feature parcel : parcels) {
            String code = parcel.text("code");
            assertTrue(code.matches("\\d{12}GB\\d{5}"), code);
            assertTrue(code.startsWith(adminCodes.get(parcel.text("zone"))), code);
            assertTrue(parcelCodes.add(parcel.text("zone") + "/" + code), "duplicate parcel code " + code);
        }
        Set<String> creditCodes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (JsonNode enterprise : enterprises) {
            String code = enterprise.get("credit_code").asString();
            assertTrue(CreditCode.isValid(code), code + ": " + CreditCode.problemWith(code));
            assertTrue(code.startsWith("91") && adminCodes.containsValue(code.substring(2, 8)), code);
            assertTrue(creditCodes.add(code), "duplicate credit code " + code);
            assertTrue(names.add(enterprise.get("name").asString()), "duplicate name");
            assertTrue(enterprise.get("industry").asString().matches("[A-T]\\d{2} .+"), code);
        }
    }

    @Test
    void parcelAttributesAreConsistent() {
        Set<String> creditCodes = new HashSet<>();
        for (JsonNode enterprise : enterprises) {
            creditCodes.add(enterprise.get("credit_code").asString());
        }
        Set<String> holders = new HashSet<>();
        Map<String, Integer> states = new HashMap<>();
        for (Feature parcel : parcels) {
            String code = parcel.text("code");
            String state = parcel.text("state");
            assertTrue(STATES.contains(state), code + " " + state);
            assertTrue(LAND_USES.contains(parcel.text("land_use")), code + " " + parcel.text("land_use"));
            states.merge(state, 1, Integer::sum);
            String holder = parcel.text("enterprise");
            if (HELD.contains(state)) {
                assertNotNull(holder, code);
                assertTrue(creditCodes.contains(holder), code + " held by unknown " + holder);
                holders.add(holder);
                LocalDate start = LocalDate.parse(parcel.text("lease_start"));
                LocalDate end = LocalDate.parse(parcel.text("lease_end"));
                long years = Math.round((end.toEpochDay() - start.toEpochDay()) / 365.25);
                assertTrue(Set.of(20L, 40L, 50L, 70L).contains(years), code + " lease of " + years + " years");
            } else {
                assertNull(holder, code);
                assertNull(parcel.text("lease_start"), code);
                assertNull(parcel.text("lease_end"), code);
            }
            JsonNode farMin = parcel.properties().get("far_min");
            JsonNode farMax = parcel.properties().get("far_max");
            if (!farMin.isNull() && !farMax.isNull()) {
                assertTrue(farMin.asDouble() <= farMax.asDouble(), code);
            }
            JsonNode height = parcel.properties().get("height_limit_m");
            if (!height.isNull()) {
                assertTrue(height.asDouble() >= 24 && height.asDouble() <= 60, code);
            }
        }
        assertEquals(STATES, states.keySet(), "every state occurs");
        assertEquals(creditCodes, holders, "every enterprise holds a parcel");
    }

    @Test
    void renewalBlocksShowTheRenewalAndNewParksTheBuildOut() {
        Set<String> renewal = Set.of("tangpu", "kangshan", "xiaoyuan-nanhuachong", "wanmu", "jiqingqiao");
        Set<String> newParks = Set.of("shengming-jiankang", "guangdian-bandaoti");
        Map<String, Integer> renewalStates = new HashMap<>();
        for (Feature parcel : parcels) {
            String block = parcel.text("block");
            if (renewal.contains(block)) {
                renewalStates.merge(parcel.text("state"), 1, Integer::sum);
            }
            if (newParks.contains(block)) {
                assertTrue(Set.of("prepared", "supplied", "under_construction", "completed", "in_production")
                        .contains(parcel.text("state")), parcel.text("code"));
            }
        }
        for (String state : List.of("in_use", "low_efficiency", "vacating", "vacated", "stored")) {
            assertTrue(renewalStates.getOrDefault(state, 0) >= 10, state + " in renewal blocks: " + renewalStates);
        }
    }

    @Test
    void blockAreasMatchThePublishedSizes() {
        Map<String, Double> mu = new HashMap<>();
        for (Feature block : blocks) {
            mu.put(block.text("code"), block.geometry().getArea() / MU);
        }
        Map<String, Double> published = Map.of("fantan", 4000.0, "xiaoyuan-jiaju", 170.0,
                "shengming-jiankang", 4500.0, "guangdian-bandaoti", 4000.0);
        published.forEach((code, expected) -> assertEquals(expected, mu.get(code), expected * 0.15, code));
        double renewal = mu.get("tangpu") + mu.get("kangshan") + mu.get("xiaoyuan-nanhuachong") + mu.get("wanmu")
                + mu.get("jiqingqiao");
        assertTrue(renewal >= 2500 && renewal <= 3500, "renewal blocks " + renewal + " mu");
    }

    @Test
    void zonesLieWhereTheRealZonesAre() {
        CRSFactory crs = new CRSFactory();
        CoordinateTransform toLonLat = new CoordinateTransformFactory().createTransform(
                crs.createFromParameters("EPSG:4549",
                        "+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"),
                crs.createFromParameters("CGCS2000", "+proj=longlat +ellps=GRS80 +no_defs"));
        Map<String, double[]> ranges = Map.of("anji", new double[] {119.60, 119.75, 30.58, 30.70},
                "xiaoshan", new double[] {120.25, 120.45, 30.15, 30.30});
        for (Feature zone : zones) {
            double[] range = ranges.get(zone.text("code"));
            assertNotNull(range, zone.text("code"));
            Coordinate c = zone.geometry().getCentroid().getCoordinate();
            ProjCoordinate lonLat = toLonLat.transform(new ProjCoordinate(c.x, c.y), new ProjCoordinate());
            String where = zone.text("code") + " centroid " + lonLat.x + "E " + lonLat.y + "N";
            assertTrue(lonLat.x > range[0] && lonLat.x < range[1], where);
            assertTrue(lonLat.y > range[2] && lonLat.y < range[3], where);
        }
    }

    @Test
    void committedSampleIsAFreshGeneration() throws IOException {
        Path committed = Path.of("gis-data", "sample");
        for (String file : FILES) {
            Path copy = committed.resolve(file);
            if (!Files.exists(copy)) {
                fail(copy.toAbsolutePath() + " is missing: run the generator (see gis-data/README.md)");
            }
            assertTrue(Arrays.equals(Files.readAllBytes(copy), Files.readAllBytes(dir.resolve(file))),
                    copy + " differs from a fresh generation: run the generator (see gis-data/README.md)");
        }
    }
}
