package com.landrenew.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

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
    /** Generated and committed too, but not counted in the size limit above (they came later, ~0.5 MB). */
    private static final List<String> LATER_FILES = List.of("enterprise-evaluations.json", "evaluation-schemes.json",
            "enterprise-plans.json");
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
        assertThat(collection.get("type").asString()).as(file).isEqualTo("FeatureCollection");
        assertThat(collection.get("crs").get("properties").get("name").asString()).as(file).isEqualTo(CRS);
        List<Feature> result = new ArrayList<>();
        for (JsonNode feature : collection.get("features")) {
            JsonNode geometry = feature.get("geometry");
            assertThat(geometry.get("type").asString()).as(file).isEqualTo(geometryType);
            result.add(new Feature(feature.get("properties"), GEOJSON.read(geometry.toString())));
        }
        return result;
    }

    @Test
    void hasEnoughOfEverything() {
        assertThat(zones.size()).isEqualTo(2);
        assertThat(blocks.size()).isEqualTo(13);
        assertThat(parcels.size() >= 2000).as(parcels.size() + " parcels").isTrue();
        assertThat(buildings.size() >= 3000).as(buildings.size() + " buildings").isTrue();
        assertThat(enterprises.size() >= 500).as(enterprises.size() + " enterprises").isTrue();
    }

    @Test
    void filesStaySmall() throws IOException {
        long total = 0;
        for (String file : FILES) {
            total += Files.size(dir.resolve(file));
        }
        assertThat(total < 5_000_000).as(total + " bytes").isTrue();
    }

    @Test
    void coordinatesAreRoundedToCentimetres() {
        for (List<Feature> layer : List.of(zones, blocks, parcels, buildings)) {
            for (Feature f : layer) {
                for (Coordinate c : f.geometry().getCoordinates()) {
                    assertThat(c.x * 100).isCloseTo(Math.round(c.x * 100), within(1e-6));
                    assertThat(c.y * 100).isCloseTo(Math.round(c.y * 100), within(1e-6));
                }
            }
        }
    }

    @Test
    void parcelsAreValidAndBetween5And300Mu() {
        for (Feature parcel : parcels) {
            Geometry g = parcel.geometry();
            assertThat(g.isValid()).as(parcel.text("code")).isTrue();
            double mu = g.getArea() / MU;
            assertThat(mu >= 5 && mu <= 300).as(parcel.text("code") + " has " + mu + " mu").isTrue();
        }
        long typical = parcels.stream().filter(p -> p.geometry().getArea() / MU >= 8
                && p.geometry().getArea() / MU <= 60).count();
        assertThat(typical * 2 > parcels.size()).as("most parcels are of 8-60 mu: " + typical).isTrue();
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
                assertThat(parcel.geometry().relate(other.geometry(), "T********"))
                        .as(parcel.text("code") + " overlaps " + other.text("code")).isFalse();
                double gap = parcel.geometry().distance(other.geometry());
                assertThat(gap >= 11.9).as(parcel.text("code") + " is " + gap + " m from " + other.text("code"))
                        .isTrue();
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
            assertThat(containing.size()).as(parcel.text("code")).isEqualTo(1);
            assertThat(containing.get(0).text("zone")).as(parcel.text("code")).isEqualTo(parcel.text("zone"));
            assertThat(containing.get(0).text("code")).as(parcel.text("code")).isEqualTo(parcel.text("block"));
        }
    }

    @Test
    void blocksAreValidSeparateAndInsideTheirZone() {
        for (Feature block : blocks) {
            assertThat(block.geometry().isValid()).as(block.text("code")).isTrue();
            Feature zone = zones.stream().filter(z -> z.text("code").equals(block.text("zone"))).findFirst()
                    .orElseThrow();
            assertThat(zone.geometry().covers(block.geometry())).as(block.text("code")).isTrue();
            for (Feature other : blocks) {
                if (other != block) {
                    assertThat(block.geometry().distance(other.geometry()) > 0)
                            .as(block.text("code") + " touches " + other.text("code")).isTrue();
                }
            }
        }
        for (Feature zone : zones) {
            assertThat(zone.geometry().isValid()).as(zone.text("code")).isTrue();
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
            assertThat(parcel).as("building on unknown parcel " + building.text("parcel")).isNotNull();
            assertThat(building.geometry().isValid()).as(building.text("parcel")).isTrue();
            assertThat(parcel.geometry().covers(building.geometry())).as("building outside " + building.text("parcel"))
                    .isTrue();
            assertThat(BUILT).as("building on a " + parcel.text("state") + " parcel").contains(parcel.text("state"));
            int floors = building.properties().get("floors").asInt();
            double height = building.properties().get("height_m").asDouble();
            assertThat(floors >= 1 && floors <= 15).as("floors " + floors).isTrue();
            assertThat(height >= floors * 2.9 && height <= floors * 6.1).as(floors + " floors, " + height + " m")
                    .isTrue();
            index.insert(building.geometry().getEnvelopeInternal(), building);
        }
        for (Feature building : buildings) {
            for (Object o : index.query(building.geometry().getEnvelopeInternal())) {
                Feature other = (Feature) o;
                if (other != building) {
                    assertThat(building.geometry().relate(other.geometry(), "T********")).as("buildings overlap on "
                            + building.text("parcel")).isFalse();
                }
            }
        }
    }

    @Test
    void codesAreUniqueAndWellFormed() {
        Map<String, String> adminCodes = new HashMap<>();
        for (Feature zone : zones) {
            assertThat(zone.text("admin_code")).matches("\\d{6}");
            assertThat(adminCodes.put(zone.text("code"), zone.text("admin_code"))).as("zone codes are unique").isNull();
        }
        Set<String> blockCodes = new HashSet<>();
        for (Feature block : blocks) {
            assertThat(blockCodes.add(block.text("zone") + "/" + block.text("code"))).as(block.text("code")).isTrue();
        }
        Set<String> parcelCodes = new HashSet<>();
        for (Feature parcel : parcels) {
            String code = parcel.text("code");
            assertThat(code).matches("\\d{12}GB\\d{5}");
            assertThat(code).startsWith(adminCodes.get(parcel.text("zone")));
            assertThat(parcelCodes.add(parcel.text("zone") + "/" + code)).as("duplicate parcel code " + code).isTrue();
        }
        Set<String> creditCodes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (JsonNode enterprise : enterprises) {
            String code = enterprise.get("credit_code").asString();
            assertThat(CreditCode.isValid(code)).as(code + ": " + CreditCode.problemWith(code)).isTrue();
            assertThat(code.startsWith("91") && adminCodes.containsValue(code.substring(2, 8))).as(code).isTrue();
            assertThat(creditCodes.add(code)).as("duplicate credit code " + code).isTrue();
            assertThat(names.add(enterprise.get("name").asString())).as("duplicate name").isTrue();
            assertThat(enterprise.get("industry").asString()).as(code).matches("[A-T]\\d{2} .+");
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
            assertThat(STATES).as(code + " " + state).contains(state);
            assertThat(LAND_USES).as(code + " " + parcel.text("land_use")).contains(parcel.text("land_use"));
            states.merge(state, 1, Integer::sum);
            String holder = parcel.text("enterprise");
            if (HELD.contains(state)) {
                assertThat(holder).as(code).isNotNull();
                assertThat(creditCodes).as(code + " held by unknown " + holder).contains(holder);
                holders.add(holder);
                LocalDate start = LocalDate.parse(parcel.text("lease_start"));
                LocalDate end = LocalDate.parse(parcel.text("lease_end"));
                long years = Math.round((end.toEpochDay() - start.toEpochDay()) / 365.25);
                assertThat(Set.of(20L, 40L, 50L, 70L)).as(code + " lease of " + years + " years").contains(years);
            } else {
                assertThat(holder).as(code).isNull();
                assertThat(parcel.text("lease_start")).as(code).isNull();
                assertThat(parcel.text("lease_end")).as(code).isNull();
            }
            JsonNode farMin = parcel.properties().get("far_min");
            JsonNode farMax = parcel.properties().get("far_max");
            if (!farMin.isNull() && !farMax.isNull()) {
                assertThat(farMin.asDouble() <= farMax.asDouble()).as(code).isTrue();
            }
            JsonNode height = parcel.properties().get("height_limit_m");
            if (!height.isNull()) {
                assertThat(height.asDouble() >= 24 && height.asDouble() <= 60).as(code).isTrue();
            }
        }
        assertThat(states.keySet()).as("every state occurs").isEqualTo(STATES);
        assertThat(holders).as("every enterprise holds a parcel or left one").isEqualTo(creditCodes);
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
                assertThat(Set.of("prepared", "supplied", "under_construction", "completed", "in_production")
                        .contains(parcel.text("state"))).as(parcel.text("code")).isTrue();
            }
        }
        for (String state : List.of("in_use", "low_efficiency", "vacating", "vacated", "stored")) {
            assertThat(renewalStates.getOrDefault(state, 0) >= 10).as(state + " in renewal blocks: " + renewalStates)
                    .isTrue();
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
        published.forEach((code, expected) -> assertThat(mu.get(code)).as(code)
                .isCloseTo(expected, within(expected * 0.15)));
        double renewal = mu.get("tangpu") + mu.get("kangshan") + mu.get("xiaoyuan-nanhuachong") + mu.get("wanmu")
                + mu.get("jiqingqiao");
        assertThat(renewal >= 2500 && renewal <= 3500).as("renewal blocks " + renewal + " mu").isTrue();
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
            assertThat(range).as(zone.text("code")).isNotNull();
            Coordinate c = zone.geometry().getCentroid().getCoordinate();
            ProjCoordinate lonLat = toLonLat.transform(new ProjCoordinate(c.x, c.y), new ProjCoordinate());
            String where = zone.text("code") + " centroid " + lonLat.x + "E " + lonLat.y + "N";
            assertThat(lonLat.x > range[0] && lonLat.x < range[1]).as(where).isTrue();
            assertThat(lonLat.y > range[2] && lonLat.y < range[3]).as(where).isTrue();
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
                assertThat(sortKey.compareTo(previous) >= 0).as("ledger out of order at " + sortKey).isTrue();
            }
            if (!parcel.equals(previous == null ? null : previous.substring(0, previous.indexOf(' ')))) {
                assertThat(seen.add(parcel)).as("events of " + parcel + " are not together").isTrue();
            }
            previous = sortKey;
        }
    }

    @Test
    void everyParcelHasALegalHistoryEndingInItsState() {
        assertThat(histories.keySet()).as("every parcel has a history, and only parcels do")
                .isEqualTo(parcelsByKey.keySet());
        for (Map.Entry<String, List<JsonNode>> entry : histories.entrySet()) {
            String parcel = entry.getKey();
            String state = null;
            LocalDate lastEffective = null;
            OffsetDateTime lastRecorded = null;
            for (JsonNode event : entry.getValue()) {
                String from = text(event, "from");
                String to = text(event, "to");
                assertThat(STATES).as(parcel + " goes to " + to).contains(to);
                if (state == null) {
                    assertThat(from).as(parcel + ": the first event starts from null").isNull();
                } else {
                    assertThat(from).as(parcel + ": an event starts where the one before ended").isEqualTo(state);
                    assertThat(LEGAL_TRANSITIONS).as(parcel + ": illegal " + from + "->" + to)
                            .contains(from + "->" + to);
                }
                LocalDate effective = LocalDate.parse(text(event, "effective_date"));
                OffsetDateTime recorded = OffsetDateTime.parse(text(event, "recorded_at"));
                assertThat(effective.isAfter(TODAY)).as(parcel + " has an event on " + effective).isFalse();
                assertThat(lastEffective == null || !effective.isBefore(lastEffective)).as(parcel + ": dates go back")
                        .isTrue();
                assertThat(recorded.getOffset()).as(parcel + " recorded_at offset").isEqualTo(CHINA);
                long lag = ChronoUnit.DAYS.between(effective, recorded.toLocalDate());
                assertThat(lag >= 0 && lag <= 20).as(parcel + " recorded " + lag + " days after it took effect")
                        .isTrue();
                assertThat(recorded.isAfter(RECORDED_BY)).as(parcel + " recorded at " + recorded).isFalse();
                // Recorded in order, so a report "as of" any day replays a legal history.
                assertThat(lastRecorded == null || recorded.isAfter(lastRecorded)).as(parcel + " recorded out of order")
                        .isTrue();
                assertThat(text(event, "actor").isBlank()).as(parcel + " actor").isFalse();
                assertThat(text(event, "reason").isBlank()).as(parcel + " reason").isFalse();
                state = to;
                lastEffective = effective;
                lastRecorded = recorded;
            }
            assertThat(state).as(parcel + ": the last event is its state")
                    .isEqualTo(parcelsByKey.get(parcel).text("state"));
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
                    assertThat(text(event, "from")).as(entry.getKey()).isEqualTo("vacating");
                    if (housing || green) {
                        assertThat(enterprise).as(entry.getKey() + ": households moved, not an enterprise").isNull();
                    } else {
                        assertThat(enterprise).as(entry.getKey() + ": which firm left?").isNotNull();
                        String industry = industries.get(enterprise);
                        assertThat(industry).as(entry.getKey() + ": unknown " + enterprise).isNotNull();
                        // A firm: not a village company (L72) nor a park company (N78).
                        assertThat(industry.startsWith("L72") || industry.startsWith("N78"))
                                .as(entry.getKey() + ": " + enterprise + " (" + industry + ") is not a firm").isFalse();
                    }
                    assertThat(housing ? households > 0 : households == 0)
                            .as(entry.getKey() + " households " + households).isTrue();
                } else {
                    assertThat(enterprise).as(entry.getKey() + ": enterprise only on the move to vacated").isNull();
                    assertThat(households).as(entry.getKey() + ": households only on the move to vacated").isEqualTo(0);
                }
            }
            String state = parcel.text("state");
            boolean cleared = Set.of("vacated", "stored", "prepared").contains(state);
            String block = parcel.text("block");
            if (cleared && !green && !NEW_PARKS.contains(block)) {
                assertThat(freed).as(entry.getKey() + " is " + state + " but nobody left it").isTrue();
            }
            if (green && RENEWAL_BLOCKS.contains(block)) {
                for (JsonNode event : entry.getValue()) {
                    assertThat(HELD).as(entry.getKey() + ": a green strip never had a holder")
                            .doesNotContain(text(event, "to"));
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
                assertThat(due).as(entry.getKey() + " was never supplied").isNull();
                continue;
            }
            assertThat(due).as(entry.getKey() + " was supplied: when is construction due?").isNotNull();
            long days = ChronoUnit.DAYS.between(supplied, LocalDate.parse(due));
            assertThat(days >= 89 && days <= 185).as(entry.getKey() + ": due " + days + " days after supply").isTrue();
            if (parcel.text("state").equals("supplied")) {
                assertThat(started).as(entry.getKey()).isFalse();
                if (LocalDate.parse(due).isBefore(TODAY.minusYears(1))) {
                    idle.add(entry.getKey());
                }
            }
        }
        assertThat(idle.size() >= 3 && idle.size() <= 5).as("idle land: " + idle).isTrue();
    }

    @Test
    void projectsAreWellFormed() {
        Set<String> blockKeys = new HashSet<>();
        for (Feature block : blocks) {
            blockKeys.add(key(block.text("zone"), block.text("code")));
        }
        assertThat(projects.size() >= 2).as("projects").isTrue();
        Set<String> codes = new HashSet<>();
        for (JsonNode project : projects) {
            String code = text(project, "code");
            assertThat(code).matches("[a-z0-9-]+");
            assertThat(codes.add(text(project, "zone") + "/" + code)).as(code).isTrue();
            assertThat(LocalDate.parse(text(project, "deadline")).isBefore(LocalDate.parse(text(project, "started"))))
                    .isFalse();
            assertThat(project.get("blocks").isEmpty()).as(code).isFalse();
            for (JsonNode block : project.get("blocks")) {
                assertThat(blockKeys).as(code + ": " + block).contains(key(text(project, "zone"), block.asString()));
            }
        }
        JsonNode anji = project("anji-2023-renewal");
        assertThat(text(anji, "zone")).isEqualTo("anji");
        assertThat(text(anji, "name")).isEqualTo("安吉经济开发区2023年有机更新项目");
        assertThat(text(anji, "started")).isEqualTo("2023-01-01");
        assertThat(text(anji, "deadline")).isEqualTo("2025-12-31");
        assertThat(anji.get("target_enterprises").asInt()).isEqualTo(36);
        assertThat(anji.get("target_households").asInt()).isEqualTo(136);
        assertThat(anji.get("target_mu").asDouble()).isEqualTo(1600);
        Set<String> anjiBlocks = new HashSet<>();
        anji.get("blocks").forEach(b -> anjiBlocks.add(b.asString()));
        assertThat(anjiBlocks).isEqualTo(RENEWAL_BLOCKS);
    }

    @Test
    void theAnjiProjectHasMadeRealisticProgress() {
        JsonNode anji = project("anji-2023-renewal");
        Progress now = progress(anji, TODAY);
        // Of the targets (36 enterprises, 136 households, 1,600 mu) most, not all, are done by 2026-11-01.
        assertThat(now.enterprises() >= 27 && now.enterprises() <= 33).as("firms moved out: " + now).isTrue();
        assertThat(now.households() >= 110 && now.households() <= 130).as("households relocated: " + now).isTrue();
        assertThat(now.mu() >= 1300 && now.mu() <= 1500).as("mu freed: " + now).isTrue();
        Progress mid2024 = progress(anji, LocalDate.of(2024, 6, 30));
        assertThat(mid2024.mu() < 0.6 * now.mu() && mid2024.enterprises() < 0.6 * now.enterprises()
                && mid2024.households() < 0.6 * now.households()).as("as of 2024-06-30: " + mid2024 + ", now " + now)
                .isTrue();
        Progress deadline = progress(anji, LocalDate.parse(text(anji, "deadline")));
        assertThat(deadline.mu() > mid2024.mu() && deadline.mu() < now.mu()
                && deadline.enterprises() > mid2024.enterprises() && deadline.enterprises() < now.enterprises())
                .as("as of the deadline: " + deadline + ", mid-2024 " + mid2024 + ", now " + now).isTrue();
        // An auditor's monthly chart rises through most months of 2023-2026, without long pauses.
        int rising = 0;
        int flat = 0;
        double before = 0;
        for (LocalDate month = LocalDate.of(2023, 1, 1); month.isBefore(TODAY); month = month.plusMonths(1)) {
            LocalDate end = month.plusMonths(1).minusDays(1);
            double mu = progress(anji, end.isAfter(TODAY) ? TODAY : end).mu();
            assertThat(mu >= before).as("freed land shrank in " + month).isTrue();
            flat = mu > before ? 0 : flat + 1;
            rising += mu > before ? 1 : 0;
            assertThat(flat <= 3).as("no progress for " + flat + " months up to " + month).isTrue();
            before = mu;
        }
        assertThat(rising >= 25).as("progress in only " + rising + " months").isTrue();
    }

    @Test
    void theXiaoshanProjectIsUnderWay() {
        JsonNode shibei = project("xiaoshan-shibei-2024");
        Progress now = progress(shibei, TODAY);
        assertThat(now.enterprises() > 0 && now.enterprises() < shibei.get("target_enterprises").asInt())
                .as(now.toString()).isTrue();
        assertThat(now.mu() > 0 && now.mu() < shibei.get("target_mu").asDouble()).as(now.toString()).isTrue();
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
            assertThat(listed.add(key)).as(key + " listed twice").isTrue();
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
                assertThat(kinds).as(key + ": " + kind).contains(kind);
                assertThat(facts.put(kind, fact)).as(key + ": " + kind + " twice").isNull();
                String done = text(fact, "done_on");
                String expected = text(fact, "expected_on");
                assertThat(done == null ^ expected == null).as(key + " " + kind + ": done or expected, not both")
                        .isTrue();
                if (done != null) {
                    assertThat(LocalDate.parse(done).isAfter(TODAY)).as(key + " " + kind + " done on " + done)
                            .isFalse();
                    lastDone = lastDone == null || LocalDate.parse(done).isAfter(lastDone) ? LocalDate.parse(done) : lastDone;
                } else {
                    assertThat(LocalDate.parse(expected).isAfter(TODAY)).as(key + " " + kind + " expected " + expected)
                            .isTrue();
                    lastExpected = lastExpected == null || LocalDate.parse(expected).isAfter(lastExpected)
                            ? LocalDate.parse(expected) : lastExpected;
                }
            }
            for (String always : List.of("stored", "cleared", "water", "power", "road", "planning_conditions")) {
                assertThat(facts).as(key + " lacks " + always).containsKey(always);
            }
            assertThat(facts.containsKey("households_relocated"))
                    .as(key + ": households are relocated from housing land")
                    .isEqualTo(parcel.text("land_use").equals("0701"));
            assertThat(text(facts.get("stored"), "done_on"))
                    .as(key + ": storage is done on the day the ledger stored it")
                    .isEqualTo(storedOn == null ? null : storedOn.toString());
            if (state.equals("prepared")) {
                assertThat(lastExpected).as(key + " is prepared (净地) but not ready").isNull();
                assertThat(lastDone.isAfter(preparedOn)).as(key + ": a fact done after the plot was prepared")
                        .isFalse();
            }
            if (state.equals("stored") && lastExpected == null) {
                storedReadyNow++;
            }
            if (lastExpected != null && lastExpected.getYear() == 2027) {
                readyIn2027++;
            }
        }
        assertThat(listed).as("the plots a plan could take have readiness facts, and only they")
                .isEqualTo(expectedParcels);
        assertThat(storedReadyNow >= 5).as("stored plots ready now: " + storedReadyNow).isTrue();
        assertThat(readyIn2027 >= 80).as("plots expected to be ready in 2027: " + readyIn2027).isTrue();
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
            assertThat(listed.add(key)).as(key + " listed twice").isTrue();
            double investment = c.get("investment_min_wan_mu").asDouble();
            double tax = c.get("tax_min_wan_mu").asDouble();
            double energy = c.get("energy_max_tce_wan").asDouble();
            assertThat(investment >= 200 && investment <= 600).as(key + " investment " + investment).isTrue();
            assertThat(tax >= 20 && tax <= 50).as(key + " tax " + tax).isTrue();
            assertThat(energy > 0 && energy <= 0.3).as(key + " energy " + energy).isTrue();
            String emission = text(c, "emission_standard");
            emissions.add(emission);
            if (parcelsByKey.get(key).text("land_use").equals("100101")) {
                assertThat(Set.of("ultra_low", "special")).as(key + ": class 1 land, " + emission).contains(emission);
                assertThat(energy <= 0.08).as(key + ": class 1 land, energy " + energy).isTrue();
            }
        }
        assertThat(listed).as("the land to be granted, and only it, has standard-land conditions").isEqualTo(expected);
        assertThat(emissions).isEqualTo(Set.of("ultra_low", "special", "national"));

        List<Feature> places = features("places.geojson", "Point");
        for (Feature zone : zones) {
            List<String> names = new ArrayList<>();
            for (Feature place : places) {
                if (place.text("zone").equals(zone.text("code"))) {
                    assertThat(place.geometry().distance(zone.geometry()) < 10_000).as(place.text("name")).isTrue();
                    assertThat(place.text("code")).matches("[a-z0-9-]+");
                    names.add(place.text("name"));
                }
            }
            assertThat(names.size() >= 2).as(zone.text("code") + " places: " + names).isTrue();
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
            assertThat(Arrays.equals(Files.readAllBytes(copy), Files.readAllBytes(dir.resolve(file))))
                    .as(copy + " differs from a fresh generation: run the generator (see gis-data/README.md)").isTrue();
        }
    }
}
