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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    private static final List<String> FILES = List.of("zones.geojson", "blocks.geojson", "parcels.geojson",
            "buildings.geojson", "enterprises.json", "ledger.json", "renewal-projects.json", "readiness.json",
            "standard-land.json", "places.geojson");
    /** Generated and committed too, but not counted in the size limit above (it came later, ~0.5 MB). */
    private static final List<String> LATER_FILES = List.of("enterprise-evaluations.json");
    private static final Set<String> STATES = Set.of("in_use", "low_efficiency", "vacating", "vacated", "stored",
            "prepared", "supplied", "under_construction", "completed", "in_production");
    private static final Set<String> HELD = Set.of("in_use", "low_efficiency", "vacating", "supplied",
            "under_construction", "completed", "in_production");
    private static final Set<String> BUILT = Set.of("in_use", "low_efficiency", "vacating", "under_construction",
            "completed", "in_production");
    private static final Set<String> LAND_USES =
            Set.of("100101", "100102", "100103", "110101", "110102", "0901", "1402", "0701");
    /** The transitions the database accepts, written out here independently of the generator. */
    private static final Set<String> LEGAL_TRANSITIONS = Set.of(
            "in_use->low_efficiency", "in_use->vacating", "low_efficiency->vacating", "low_efficiency->in_use",
            "vacating->vacated", "vacating->in_use", "vacated->stored", "stored->prepared", "prepared->supplied",
            "supplied->under_construction", "supplied->stored", "under_construction->completed",
            "completed->in_production", "in_production->low_efficiency", "in_production->vacating");
    /** "Today" of the sample data, and the latest moment anything may be recorded. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 1);
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final OffsetDateTime RECORDED_BY = OffsetDateTime.of(2026, 11, 1, 18, 0, 0, 0, CHINA);
    private static final Set<String> RENEWAL_BLOCKS =
            Set.of("tangpu", "kangshan", "xiaoyuan-nanhuachong", "wanmu", "jiqingqiao");
    private static final Set<String> NEW_PARKS = Set.of("shengming-jiankang", "guangdian-bandaoti");

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
    private static JsonNode ledger;
    private static JsonNode projects;
    private static JsonNode readiness;
    /** Each parcel's events in file order, by "zone/code". */
    private static Map<String, List<JsonNode>> histories;
    private static Map<String, Feature> parcelsByKey;

    @BeforeAll
    static void generate() throws IOException, ParseException {
        new SampleDataGenerator().writeTo(dir);
        zones = features("zones.geojson", "MultiPolygon");
        blocks = features("blocks.geojson", "MultiPolygon");
        parcels = features("parcels.geojson", "MultiPolygon");
        buildings = features("buildings.geojson", "Polygon");
        enterprises = JSON.readTree(Files.readString(dir.resolve("enterprises.json")));
        ledger = JSON.readTree(Files.readString(dir.resolve("ledger.json")));
        projects = JSON.readTree(Files.readString(dir.resolve("renewal-projects.json")));
        readiness = JSON.readTree(Files.readString(dir.resolve("readiness.json")));
        histories = new LinkedHashMap<>();
        for (JsonNode event : ledger) {
            histories.computeIfAbsent(key(event.get("zone").asString(), event.get("parcel").asString()),
                    k -> new ArrayList<>()).add(event);
        }
        parcelsByKey = new HashMap<>();
        for (Feature parcel : parcels) {
            parcelsByKey.put(key(parcel.text("zone"), parcel.text("code")), parcel);
        }
    }

    private static String key(String zone, String parcelCode) {
        return zone + "/" + parcelCode;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asString();
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
        assertTrue(total < 5_000_000, total + " bytes");
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
        for (JsonNode event : ledger) {
            if (!event.get("enterprise").isNull()) {
                holders.add(event.get("enterprise").asString());
            }
        }
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
        assertEquals(creditCodes, holders, "every enterprise holds a parcel or left one");
    }

    @Test
    void renewalBlocksShowTheRenewalAndNewParksTheBuildOut() {
        Map<String, Integer> renewalStates = new HashMap<>();
        for (Feature parcel : parcels) {
            String block = parcel.text("block");
            if (RENEWAL_BLOCKS.contains(block)) {
                renewalStates.merge(parcel.text("state"), 1, Integer::sum);
            }
            if (NEW_PARKS.contains(block)) {
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
    void ledgerIsOrderedByZoneParcelAndDate() {
        String previous = null;
        Set<String> seen = new HashSet<>();
        for (JsonNode event : ledger) {
            String parcel = key(event.get("zone").asString(), event.get("parcel").asString());
            String sortKey = parcel + " " + event.get("effective_date").asString();
            if (previous != null) {
                assertTrue(sortKey.compareTo(previous) >= 0, "ledger out of order at " + sortKey);
            }
            if (!parcel.equals(previous == null ? null : previous.substring(0, previous.indexOf(' ')))) {
                assertTrue(seen.add(parcel), "events of " + parcel + " are not together");
            }
            previous = sortKey;
        }
    }

    @Test
    void everyParcelHasALegalHistoryEndingInItsState() {
        assertEquals(parcelsByKey.keySet(), histories.keySet(), "every parcel has a history, and only parcels do");
        for (Map.Entry<String, List<JsonNode>> entry : histories.entrySet()) {
            String parcel = entry.getKey();
            String state = null;
            LocalDate lastEffective = null;
            OffsetDateTime lastRecorded = null;
            for (JsonNode event : entry.getValue()) {
                String from = text(event, "from");
                String to = text(event, "to");
                assertTrue(STATES.contains(to), parcel + " goes to " + to);
                if (state == null) {
                    assertNull(from, parcel + ": the first event starts from null");
                } else {
                    assertEquals(state, from, parcel + ": an event starts where the one before ended");
                    assertTrue(LEGAL_TRANSITIONS.contains(from + "->" + to), parcel + ": illegal " + from + "->" + to);
                }
                LocalDate effective = LocalDate.parse(text(event, "effective_date"));
                OffsetDateTime recorded = OffsetDateTime.parse(text(event, "recorded_at"));
                assertFalse(effective.isAfter(TODAY), parcel + " has an event on " + effective);
                assertTrue(lastEffective == null || !effective.isBefore(lastEffective), parcel + ": dates go back");
                assertEquals(CHINA, recorded.getOffset(), parcel + " recorded_at offset");
                long lag = ChronoUnit.DAYS.between(effective, recorded.toLocalDate());
                assertTrue(lag >= 0 && lag <= 20, parcel + " recorded " + lag + " days after it took effect");
                assertFalse(recorded.isAfter(RECORDED_BY), parcel + " recorded at " + recorded);
                // Recorded in order, so a report "as of" any day replays a legal history.
                assertTrue(lastRecorded == null || recorded.isAfter(lastRecorded), parcel + " recorded out of order");
                assertFalse(text(event, "actor").isBlank(), parcel + " actor");
                assertFalse(text(event, "reason").isBlank(), parcel + " reason");
                state = to;
                lastEffective = effective;
                lastRecorded = recorded;
            }
            assertEquals(parcelsByKey.get(parcel).text("state"), state, parcel + ": the last event is its state");
        }
    }

    /**
     * The auditors count "enterprises moved out" as the distinct enterprises on moves into vacated. Only a
     * firm that moved out is named there: on housing it is the households that moved (the village company
     * that held the plot for them is not counted), and a green strip has no one to name.
     */
    @Test
    void freeingEventsNameTheFirmThatLeftAndNoneOnHousing() {
        Map<String, String> industries = new HashMap<>();
        for (JsonNode enterprise : enterprises) {
            industries.put(enterprise.get("credit_code").asString(), enterprise.get("industry").asString());
        }
        for (Map.Entry<String, List<JsonNode>> entry : histories.entrySet()) {
            Feature parcel = parcelsByKey.get(entry.getKey());
            boolean green = parcel.text("land_use").equals("1402");
            boolean housing = parcel.text("land_use").equals("0701");
            boolean freed = false;
            for (JsonNode event : entry.getValue()) {
                boolean freeing = "vacated".equals(text(event, "to"));
                String enterprise = text(event, "enterprise");
                int households = event.get("households").asInt();
                if (freeing) {
                    freed = true;
                    assertEquals("vacating", text(event, "from"), entry.getKey());
                    if (housing || green) {
                        assertNull(enterprise, entry.getKey() + ": households moved, not an enterprise");
                    } else {
                        assertNotNull(enterprise, entry.getKey() + ": which firm left?");
                        String industry = industries.get(enterprise);
                        assertNotNull(industry, entry.getKey() + ": unknown " + enterprise);
                        // A firm: not a village company (L72) nor a park company (N78).
                        assertFalse(industry.startsWith("L72") || industry.startsWith("N78"),
                                entry.getKey() + ": " + enterprise + " (" + industry + ") is not a firm");
                    }
                    assertTrue(housing ? households > 0 : households == 0,
                            entry.getKey() + " households " + households);
                } else {
                    assertNull(enterprise, entry.getKey() + ": enterprise only on the move to vacated");
                    assertEquals(0, households, entry.getKey() + ": households only on the move to vacated");
                }
            }
            String state = parcel.text("state");
            boolean cleared = Set.of("vacated", "stored", "prepared").contains(state);
            String block = parcel.text("block");
            if (cleared && !green && !NEW_PARKS.contains(block)) {
                assertTrue(freed, entry.getKey() + " is " + state + " but nobody left it");
            }
            if (green && RENEWAL_BLOCKS.contains(block)) {
                for (JsonNode event : entry.getValue()) {
                    assertFalse(HELD.contains(text(event, "to")),
                            entry.getKey() + ": a green strip never had a holder");
                }
            }
        }
    }

    @Test
    void constructionIsDueThreeToSixMonthsAfterSupplyAndAFewPlotsAreIdle() {
        List<String> idle = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> entry : histories.entrySet()) {
            Feature parcel = parcelsByKey.get(entry.getKey());
            String due = parcel.text("construction_due");
            LocalDate supplied = null;
            boolean started = false;
            for (JsonNode event : entry.getValue()) {
                if ("supplied".equals(text(event, "to"))) {
                    supplied = LocalDate.parse(text(event, "effective_date"));
                }
                started |= "under_construction".equals(text(event, "to"));
            }
            if (supplied == null) {
                assertNull(due, entry.getKey() + " was never supplied");
                continue;
            }
            assertNotNull(due, entry.getKey() + " was supplied: when is construction due?");
            long days = ChronoUnit.DAYS.between(supplied, LocalDate.parse(due));
            assertTrue(days >= 89 && days <= 185, entry.getKey() + ": due " + days + " days after supply");
            if (parcel.text("state").equals("supplied")) {
                assertFalse(started, entry.getKey());
                if (LocalDate.parse(due).isBefore(TODAY.minusYears(1))) {
                    idle.add(entry.getKey());
                }
            }
        }
        assertTrue(idle.size() >= 3 && idle.size() <= 5, "idle land: " + idle);
    }

    @Test
    void projectsAreWellFormed() {
        Set<String> blockKeys = new HashSet<>();
        for (Feature block : blocks) {
            blockKeys.add(key(block.text("zone"), block.text("code")));
        }
        assertTrue(projects.size() >= 2, "projects");
        Set<String> codes = new HashSet<>();
        for (JsonNode project : projects) {
            String code = text(project, "code");
            assertTrue(code.matches("[a-z0-9-]+"), code);
            assertTrue(codes.add(text(project, "zone") + "/" + code), code);
            assertFalse(LocalDate.parse(text(project, "deadline")).isBefore(LocalDate.parse(text(project, "started"))));
            assertFalse(project.get("blocks").isEmpty(), code);
            for (JsonNode block : project.get("blocks")) {
                assertTrue(blockKeys.contains(key(text(project, "zone"), block.asString())), code + ": " + block);
            }
        }
        JsonNode anji = project("anji-2023-renewal");
        assertEquals("anji", text(anji, "zone"));
        assertEquals("安吉经济开发区2023年有机更新项目", text(anji, "name"));
        assertEquals("2023-01-01", text(anji, "started"));
        assertEquals("2025-12-31", text(anji, "deadline"));
        assertEquals(36, anji.get("target_enterprises").asInt());
        assertEquals(136, anji.get("target_households").asInt());
        assertEquals(1600, anji.get("target_mu").asDouble());
        Set<String> anjiBlocks = new HashSet<>();
        anji.get("blocks").forEach(b -> anjiBlocks.add(b.asString()));
        assertEquals(RENEWAL_BLOCKS, anjiBlocks);
    }

    @Test
    void theAnjiProjectHasMadeRealisticProgress() {
        JsonNode anji = project("anji-2023-renewal");
        Progress now = progress(anji, TODAY);
        // Of the targets (36 enterprises, 136 households, 1,600 mu) most, not all, are done by 2026-11-01.
        assertTrue(now.enterprises() >= 27 && now.enterprises() <= 33, "firms moved out: " + now);
        assertTrue(now.households() >= 110 && now.households() <= 130, "households relocated: " + now);
        assertTrue(now.mu() >= 1300 && now.mu() <= 1500, "mu freed: " + now);
        Progress mid2024 = progress(anji, LocalDate.of(2024, 6, 30));
        assertTrue(mid2024.mu() < 0.6 * now.mu() && mid2024.enterprises() < 0.6 * now.enterprises()
                && mid2024.households() < 0.6 * now.households(), "as of 2024-06-30: " + mid2024 + ", now " + now);
        Progress deadline = progress(anji, LocalDate.parse(text(anji, "deadline")));
        assertTrue(deadline.mu() > mid2024.mu() && deadline.mu() < now.mu()
                && deadline.enterprises() > mid2024.enterprises() && deadline.enterprises() < now.enterprises(),
                "as of the deadline: " + deadline + ", mid-2024 " + mid2024 + ", now " + now);
        // An auditor's monthly chart rises through most months of 2023-2026, without long pauses.
        int rising = 0;
        int flat = 0;
        double before = 0;
        for (LocalDate month = LocalDate.of(2023, 1, 1); month.isBefore(TODAY); month = month.plusMonths(1)) {
            LocalDate end = month.plusMonths(1).minusDays(1);
            double mu = progress(anji, end.isAfter(TODAY) ? TODAY : end).mu();
            assertTrue(mu >= before, "freed land shrank in " + month);
            flat = mu > before ? 0 : flat + 1;
            rising += mu > before ? 1 : 0;
            assertTrue(flat <= 3, "no progress for " + flat + " months up to " + month);
            before = mu;
        }
        assertTrue(rising >= 25, "progress in only " + rising + " months");
    }

    @Test
    void theXiaoshanProjectIsUnderWay() {
        JsonNode shibei = project("xiaoshan-shibei-2024");
        Progress now = progress(shibei, TODAY);
        assertTrue(now.enterprises() > 0 && now.enterprises() < shibei.get("target_enterprises").asInt(),
                now.toString());
        assertTrue(now.mu() > 0 && now.mu() < shibei.get("target_mu").asDouble(), now.toString());
    }

    private static JsonNode project(String code) {
        for (JsonNode project : projects) {
            if (code.equals(text(project, "code"))) {
                return project;
            }
        }
        throw new AssertionError("no project " + code);
    }

    private record Progress(int enterprises, int households, double mu) {
    }

    /**
     * A project's figures as an auditor reads the ledger as of the end of {@code asOf}: moves into
     * vacated in its blocks since it started, that had taken effect and been recorded by then.
     */
    private static Progress progress(JsonNode project, LocalDate asOf) {
        Set<String> blockCodes = new HashSet<>();
        project.get("blocks").forEach(b -> blockCodes.add(b.asString()));
        LocalDate started = LocalDate.parse(text(project, "started"));
        OffsetDateTime endOfDay = asOf.plusDays(1).atStartOfDay().atOffset(CHINA);
        Set<String> leavers = new HashSet<>();
        Set<String> freedParcels = new HashSet<>();
        int households = 0;
        double mu = 0;
        for (JsonNode event : ledger) {
            Feature parcel = parcelsByKey.get(key(text(event, "zone"), text(event, "parcel")));
            LocalDate effective = LocalDate.parse(text(event, "effective_date"));
            if (!text(event, "zone").equals(text(project, "zone")) || !blockCodes.contains(parcel.text("block"))
                    || !"vacated".equals(text(event, "to")) || effective.isBefore(started) || effective.isAfter(asOf)
                    || !OffsetDateTime.parse(text(event, "recorded_at")).isBefore(endOfDay)) {
                continue;
            }
            if (text(event, "enterprise") != null) {
                leavers.add(text(event, "enterprise"));
            }
            households += event.get("households").asInt();
            if (freedParcels.add(parcel.text("code"))) {
                mu += parcel.geometry().getArea() / MU;
            }
        }
        return new Progress(leavers.size(), households, mu);
    }

    /**
     * Readiness facts: every plot a supply plan could take (vacating to prepared, green strips aside) has
     * them; each fact is done by the reference date or expected after it; storage matches the ledger;
     * prepared plots are ready; and the stored land offers both plots ready now and plots ready in 2027.
     */
    @Test
    void readinessFactsFitTheLedgerAndSpreadOver2027() {
        Set<String> kinds = Set.of("stored", "cleared", "households_relocated", "water", "power", "gas", "road",
                "planning_conditions", "conversion_approved", "regional_assessment");
        Set<String> expectedParcels = new HashSet<>();
        for (Map.Entry<String, Feature> entry : parcelsByKey.entrySet()) {
            Feature p = entry.getValue();
            if (Set.of("vacating", "vacated", "stored", "prepared").contains(p.text("state"))
                    && !p.text("land_use").equals("1402")) {
                expectedParcels.add(entry.getKey());
            }
        }
        Set<String> listed = new HashSet<>();
        int storedReadyNow = 0;
        int readyIn2027 = 0;
        for (JsonNode entry : readiness) {
            String key = key(text(entry, "zone"), text(entry, "parcel"));
            assertTrue(listed.add(key), key + " listed twice");
            Feature parcel = parcelsByKey.get(key);
            String state = parcel.text("state");
            LocalDate storedOn = null;
            LocalDate preparedOn = null;
            for (JsonNode event : histories.get(key)) {
                LocalDate effective = LocalDate.parse(text(event, "effective_date"));
                storedOn = "stored".equals(text(event, "to")) ? effective : storedOn;
                preparedOn = "prepared".equals(text(event, "to")) ? effective : preparedOn;
            }
            Map<String, JsonNode> facts = new HashMap<>();
            LocalDate lastDone = null;
            LocalDate lastExpected = null;
            for (JsonNode fact : entry.get("facts")) {
                String kind = text(fact, "fact");
                assertTrue(kinds.contains(kind), key + ": " + kind);
                assertNull(facts.put(kind, fact), key + ": " + kind + " twice");
                String done = text(fact, "done_on");
                String expected = text(fact, "expected_on");
                assertTrue(done == null ^ expected == null, key + " " + kind + ": done or expected, not both");
                if (done != null) {
                    assertFalse(LocalDate.parse(done).isAfter(TODAY), key + " " + kind + " done on " + done);
                    lastDone = lastDone == null || LocalDate.parse(done).isAfter(lastDone) ? LocalDate.parse(done) : lastDone;
                } else {
                    assertTrue(LocalDate.parse(expected).isAfter(TODAY), key + " " + kind + " expected " + expected);
                    lastExpected = lastExpected == null || LocalDate.parse(expected).isAfter(lastExpected)
                            ? LocalDate.parse(expected) : lastExpected;
                }
            }
            for (String always : List.of("stored", "cleared", "water", "power", "road", "planning_conditions")) {
                assertTrue(facts.containsKey(always), key + " lacks " + always);
            }
            assertEquals(parcel.text("land_use").equals("0701"), facts.containsKey("households_relocated"),
                    key + ": households are relocated from housing land");
            assertEquals(storedOn == null ? null : storedOn.toString(), text(facts.get("stored"), "done_on"),
                    key + ": storage is done on the day the ledger stored it");
            if (state.equals("prepared")) {
                assertNull(lastExpected, key + " is prepared (净地) but not ready");
                assertFalse(lastDone.isAfter(preparedOn), key + ": a fact done after the plot was prepared");
            }
            if (state.equals("stored") && lastExpected == null) {
                storedReadyNow++;
            }
            if (lastExpected != null && lastExpected.getYear() == 2027) {
                readyIn2027++;
            }
        }
        assertEquals(expectedParcels, listed, "the plots a plan could take have readiness facts, and only they");
        assertTrue(storedReadyNow >= 5, "stored plots ready now: " + storedReadyNow);
        assertTrue(readyIn2027 >= 80, "plots expected to be ready in 2027: " + readyIn2027);
    }

    /**
     * Standard land (标准地): every industrial or logistics plot that is stored, prepared or supplied has the
     * zone's conditions, and no other plot has; the values are plausible, stricter for cleaner classes.
     * Each zone names at least two places to search near, within 10 km of it.
     */
    @Test
    void standardLandCoversTheLandToBeGrantedAndEachZoneNamesPlaces() throws IOException, ParseException {
        JsonNode conditions = JSON.readTree(Files.readString(dir.resolve("standard-land.json")));
        Set<String> expected = new HashSet<>();
        for (Map.Entry<String, Feature> entry : parcelsByKey.entrySet()) {
            Feature p = entry.getValue();
            String use = p.text("land_use");
            if ((use.startsWith("1001") || use.startsWith("1101"))
                    && Set.of("stored", "prepared", "supplied").contains(p.text("state"))) {
                expected.add(entry.getKey());
            }
        }
        Set<String> listed = new HashSet<>();
        Set<String> emissions = new HashSet<>();
        for (JsonNode c : conditions) {
            String key = key(text(c, "zone"), text(c, "parcel"));
            assertTrue(listed.add(key), key + " listed twice");
            double investment = c.get("investment_min_wan_mu").asDouble();
            double tax = c.get("tax_min_wan_mu").asDouble();
            double energy = c.get("energy_max_tce_wan").asDouble();
            assertTrue(investment >= 200 && investment <= 600, key + " investment " + investment);
            assertTrue(tax >= 20 && tax <= 50, key + " tax " + tax);
            assertTrue(energy > 0 && energy <= 0.3, key + " energy " + energy);
            String emission = text(c, "emission_standard");
            emissions.add(emission);
            if (parcelsByKey.get(key).text("land_use").equals("100101")) {
                assertTrue(Set.of("ultra_low", "special").contains(emission), key + ": class 1 land, " + emission);
                assertTrue(energy <= 0.08, key + ": class 1 land, energy " + energy);
            }
        }
        assertEquals(expected, listed, "the land to be granted, and only it, has standard-land conditions");
        assertEquals(Set.of("ultra_low", "special", "national"), emissions);

        List<Feature> places = features("places.geojson", "Point");
        for (Feature zone : zones) {
            List<String> names = new ArrayList<>();
            for (Feature place : places) {
                if (place.text("zone").equals(zone.text("code"))) {
                    assertTrue(place.geometry().distance(zone.geometry()) < 10_000, place.text("name"));
                    assertTrue(place.text("code").matches("[a-z0-9-]+"), place.text("code"));
                    names.add(place.text("name"));
                }
            }
            assertTrue(names.size() >= 2, zone.text("code") + " places: " + names);
        }
    }

    @Test
    void committedSampleIsAFreshGeneration() throws IOException {
        Path committed = Path.of("gis-data", "sample");
        for (String file : java.util.stream.Stream.concat(FILES.stream(), LATER_FILES.stream()).toList()) {
            Path copy = committed.resolve(file);
            if (!Files.exists(copy)) {
                fail(copy.toAbsolutePath() + " is missing: run the generator (see gis-data/README.md)");
            }
            assertTrue(Arrays.equals(Files.readAllBytes(copy), Files.readAllBytes(dir.resolve(file))),
                    copy + " differs from a fresh generation: run the generator (see gis-data/README.md)");
        }
    }
}
