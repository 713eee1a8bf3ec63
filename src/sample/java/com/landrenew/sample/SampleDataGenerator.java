package com.landrenew.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.landrenew.sample.BuildingLayout.Footprint;
import com.landrenew.sample.BuildingLayout.Program;
import com.landrenew.sample.BuildingLayout.Stage;
import com.landrenew.sample.Enterprises.Enterprise;
import com.landrenew.sample.LedgerGenerator.Event;
import com.landrenew.sample.LedgerGenerator.History;
import com.landrenew.sample.RenewalPlan.Relocation;
import com.landrenew.sample.SampleSpecs.BlockSpec;
import com.landrenew.sample.SampleSpecs.Industry;
import com.landrenew.sample.SampleSpecs.Kind;
import com.landrenew.sample.SampleSpecs.ProjectSpec;
import com.landrenew.sample.SampleSpecs.Weighted;
import com.landrenew.sample.SampleSpecs.ZoneSpec;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.precision.GeometryPrecisionReducer;

/**
 * Writes LandRenew's SYNTHETIC sample data set: two development zones modelled on public reports of
 * Anji EDZ and Xiaoshan EDZ, with blocks, ~2,300 parcels (宗地), buildings, enterprises, every parcel's
 * life-cycle history (the renewal ledger) and two renewal projects. No real parcel is depicted. The
 * output depends only on {@link #SEED}: the same code writes the same bytes.
 *
 * <p>Geometry is laid out in planar metres of EPSG:4549 and rounded to 0.01 m; every check (validity,
 * containment) is made after rounding, on the very coordinates that are written.
 *
 * <p>A build-time tool, compiled with the tests and kept out of the server's jar (see gis-data/README.md):
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=com.landrenew.sample.SampleDataGenerator [-Dexec.args=DIR]</pre>
 */
public final class SampleDataGenerator {

    public static final long SEED = 20240611L;
    public static final Path DEFAULT_OUTPUT = Path.of("gis-data", "sample");

    /** Held states: a parcel in one of these has a land user (enterprise); the others have none. */
    static final List<String> HELD_STATES = List.of("in_use", "low_efficiency", "vacating", "supplied",
            "under_construction", "completed", "in_production");

    private static final double MU = BlockLayout.MU;
    private static final double ZONE_MARGIN = 200;
    private static final double MIN_BLOCK_SEPARATION = 300;
    private static final double MIN_STREET = 11.99;

    private final GeometryFactory geometry = new GeometryFactory();
    private final PrecisionModel centimetres = new PrecisionModel(100);

    private record Zone(ZoneSpec spec, List<Polygon> boundary) {
    }

    private record Block(ZoneSpec zone, BlockSpec spec, Polygon outline) {
    }

    private record Building(ZoneSpec zone, String parcel, Polygon footprint, int floors, double heightM) {
    }

    /** What a lot is used for before the land-use code is chosen. */
    private enum Use { INDUSTRY, COMMERCIAL, HOUSING, GREEN }

    private final List<Zone> zones = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private final List<Parcel> parcels = new ArrayList<>();
    private final List<Building> buildings = new ArrayList<>();
    private final Enterprises enterprises = new Enterprises();
    /** What the renewal projects did, by parcel code. */
    private final Map<String, Relocation> relocations = new LinkedHashMap<>();
    /** Every parcel's ledger, by parcel code (codes are unique across the zones). */
    private final Map<String, History> histories = new LinkedHashMap<>();
    private boolean generated;

    public static void main(String[] args) {
        Path dir = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
        long start = System.nanoTime();
        SampleDataGenerator generator = new SampleDataGenerator();
        generator.writeTo(dir);
        System.out.print(generator.summary());
        System.out.printf("wrote %s in %.1f s%n", dir.toAbsolutePath(), (System.nanoTime() - start) / 1e9);
    }

    /** Generates the sample (once per instance) and writes its files into {@code dir}. */
    public void writeTo(Path dir) {
        generate();
        try {
            Files.createDirectories(dir);
            write(dir.resolve("zones.geojson"), zonesJson());
            write(dir.resolve("blocks.geojson"), blocksJson());
            write(dir.resolve("parcels.geojson"), parcelsJson());
            write(dir.resolve("buildings.geojson"), buildingsJson());
            write(dir.resolve("enterprises.json"), enterprisesJson());
            write(dir.resolve("ledger.json"), ledgerJson());
            write(dir.resolve("renewal-projects.json"), projectsJson());
            write(dir.resolve("readiness.json"), new Readiness(new Random(SEED * 1_000_049L)).json(parcels, histories));
            new StandardLand(parcels).writeTo(dir);
            write(dir.resolve("basemap.geojson"), new Basemap().json(blockOutlinesByZone()));
            EnterpriseEvaluations evaluations =
                    new EnterpriseEvaluations(new Random(SEED * 1_000_061L), new Random(SEED * 1_000_073L));
            write(dir.resolve("enterprise-evaluations.json"), evaluations.json(parcels, listedEnterprises()));
            write(dir.resolve("evaluation-schemes.json"), EvaluationSchemes.json());
            write(dir.resolve("enterprise-plans.json"), new EnterprisePlans(parcels, evaluations.written).json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------
    // Generation

    private void generate() {
        if (generated) {
            return;
        }
        generated = true;
        Projection projection = new Projection();
        int blockNumber = 0;
        for (ZoneSpec zone : SampleSpecs.ZONES) {
            List<Geometry> margins = new ArrayList<>();
            ZoneContext context = new ZoneContext(zone);
            for (BlockSpec spec : zone.blocks()) {
                // Each block has its own random stream, so tuning one block leaves the others alone.
                Random random = new Random(SEED * 1_000_003L + blockNumber++);
                Coordinate centre = projection.toPlane(spec.lon(), spec.lat());
                BlockLayout layout = new BlockLayout(spec, centre, geometry, random);
                Polygon outline = rounded(layout.toWorld.transform(layout.localOutline));
                for (Block other : blocks) {
                    if (outline.distance(other.outline()) < MIN_BLOCK_SEPARATION) {
                        throw new IllegalStateException(spec.code() + " is too close to " + other.spec().code());
                    }
                }
                Block block = new Block(zone, spec, outline);
                blocks.add(block);
                margins.add(outline.buffer(ZONE_MARGIN, 4));
                new BlockFiller(context, block, layout, random).fill();
            }
            Geometry boundary = GeometryPrecisionReducer.reduce(UnaryUnionOp.union(margins), centimetres);
            List<Polygon> parts = new ArrayList<>();
            for (int i = 0; i < boundary.getNumGeometries(); i++) {
                parts.add((Polygon) boundary.getGeometryN(i));
            }
            zones.add(new Zone(zone, parts));
        }
        checkStreets();
        // The history has random streams of its own, so the geometry drawn above stays as it is.
        runRenewalProjects();
        Random ledger = new Random(SEED * 1_000_037L);
        new SupplyDates(ledger).redate(parcels);
        recordHistories(improvedInPlace(ledger));
    }

    /**
     * Lets each renewal project plan its relocations over the parcels as drawn. Plots it has vacated lose
     * holder, lease and buildings; plots still being vacated are held by the firm that is leaving.
     */
    private void runRenewalProjects() {
        int number = 0;
        for (ProjectSpec project : SampleSpecs.PROJECTS) {
            ZoneSpec zone = SampleSpecs.ZONES.stream().filter(z -> z.code().equals(project.zone())).findFirst()
                    .orElseThrow();
            Random random = new Random(SEED * 1_000_033L + number++);
            relocations.putAll(new RenewalPlan(project, zone, enterprises, random).plan(parcels));
        }
        Set<String> cleared = new HashSet<>();
        parcels.replaceAll(p -> {
            Relocation r = relocations.get(p.code());
            if (r == null) {
                return p;
            }
            if (r.vacated() == null) {
                return p.with("vacating", r.leaver(), p.leaseStart(), p.leaseEnd());
            }
            cleared.add(p.code());
            return p.with(r.state(), null, null, null);
        });
        buildings.removeIf(b -> cleared.contains(b.parcel()));
    }

    /** Two plots of the renewal blocks that were rated low-efficiency, upgraded in place and kept. */
    private Set<String> improvedInPlace(Random random) {
        List<String> candidates = new ArrayList<>();
        for (Parcel p : parcels) {
            if (p.block().kind() == Kind.RENEWAL && p.state().equals("in_use") && p.isIndustrial()
                    && !relocations.containsKey(p.code())) {
                candidates.add(p.code());
            }
        }
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < 2) {
            chosen.add(candidates.get(random.nextInt(candidates.size())));
        }
        return chosen;
    }

    /** Every parcel's history, with one random stream per block. */
    private void recordHistories(Set<String> improvedInPlace) {
        Map<BlockSpec, LedgerGenerator> byBlock = new LinkedHashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            byBlock.put(blocks.get(i).spec(), new LedgerGenerator(new Random(SEED * 1_000_039L + i)));
        }
        for (Parcel p : parcels) {
            histories.put(p.code(), byBlock.get(p.block()).of(p, relocations.get(p.code()),
                    improvedInPlace.contains(p.code())));
        }
    }

    /**
     * Lots are laid out with streets between them, but the rounding could in principle close a gap: check
     * on the rounded parcels that no two come closer than the narrowest street.
     */
    private void checkStreets() {
        STRtree index = new STRtree();
        for (Parcel parcel : parcels) {
            index.insert(parcel.geometry().getEnvelopeInternal(), parcel);
        }
        for (Parcel parcel : parcels) {
            Envelope near = parcel.geometry().getEnvelopeInternal().copy();
            near.expandBy(MIN_STREET);
            for (Object o : index.query(near)) {
                Parcel other = (Parcel) o;
                if (other != parcel && parcel.geometry().distance(other.geometry()) < MIN_STREET) {
                    throw new IllegalStateException(parcel.code() + " is too close to " + other.code());
                }
            }
        }
    }

    /** A geometry rounded to 0.01 m, kept only if it is still one valid polygon. */
    private Polygon rounded(Geometry g) {
        Geometry reduced = GeometryPrecisionReducer.reduce(g, centimetres);
        if (reduced.getNumGeometries() != 1 || !(reduced.getGeometryN(0) instanceof Polygon p)
                || !p.isValid() || p.isEmpty()) {
            return null;
        }
        return p;
    }

    /** Firms of a zone that are shared between its blocks. */
    private final class ZoneContext {
        final ZoneSpec zone;
        final List<Enterprise> industrial = new ArrayList<>();
        Enterprise platform;

        ZoneContext(ZoneSpec zone) {
            this.zone = zone;
        }

        Enterprise platform(Random random) {
            if (platform == null) {
                platform = enterprises.named(zone, zone.platformCompany(), SampleSpecs.PUBLIC_FACILITIES, false,
                        random);
            }
            return platform;
        }
    }

    /** Gives each lot of a block its use, state, holder, lease, planning conditions and buildings. */
    private final class BlockFiller {
        private final ZoneContext context;
        private final Block block;
        private final BlockSpec spec;
        private final BlockLayout layout;
        private final Random random;
        private final BuildingLayout buildingLayout;
        /** Renewal blocks: the stage each street block has reached (0 cleared, 1 vacating, 2 not yet). */
        private final int[] phase;
        private final int housingStreetBlock;
        private final boolean frontFromEast;
        private Enterprise village;
        private int serial;

        BlockFiller(ZoneContext context, Block block, BlockLayout layout, Random random) {
            this.context = context;
            this.block = block;
            this.spec = block.spec();
            this.layout = layout;
            this.random = random;
            this.buildingLayout = new BuildingLayout(geometry, random);
            this.phase = new int[layout.streetBlocks];
            for (int i = 0; i < phase.length; i++) {
                double p = random.nextDouble();
                phase[i] = p < 0.2 ? 0 : p < 0.45 ? 1 : 2;
            }
            this.housingStreetBlock = spec.kind() == Kind.RENEWAL ? random.nextInt(layout.streetBlocks) : -1;
            this.frontFromEast = random.nextBoolean();
        }

        void fill() {
            Enterprise previous = null;
            int previousStreetBlock = -1;
            for (BlockLayout.Lot lot : layout.lots) {
                Polygon shape = rounded(layout.toWorld.transform(lot.local()));
                if (shape == null || shape.getArea() < 5 * MU || shape.getArea() > 300 * MU
                        || !block.outline().contains(shape)) {
                    continue;
                }
                Use use = use(lot);
                String state = state(lot, use);
                boolean held = HELD_STATES.contains(state);
                LocalDate leaseStart = held ? leaseStart(state, use) : null;
                Enterprise holder = null;
                if (held) {
                    boolean sameStreet = lot.streetBlock() == previousStreetBlock;
                    holder = holder(use, leaseStart, sameStreet ? previous : null);
                }
                String landUse = landUse(use, holder);
                LocalDate leaseEnd = held ? leaseStart.plusYears(leaseYears(use, leaseStart)).minusDays(1) : null;
                Double farMin = null;
                Double farMax = null;
                Double heightLimit = null;
                if (use != Use.GREEN) {
                    double[] conditions = planning(use, landUse);
                    farMin = use == Use.HOUSING ? null : conditions[0];
                    farMax = conditions[1];
                    heightLimit = conditions[2];
                }
                String code = context.zone.adminCode() + spec.cadastre() + "GB" + String.format("%05d", ++serial);
                Parcel parcel = new Parcel(context.zone, spec, lot.streetBlock(), code, shape, landUse, state, holder,
                        leaseStart, leaseEnd, farMin, farMax, heightLimit);
                parcels.add(parcel);
                build(parcel, lot, use);
                if (holder != null && use == Use.INDUSTRY) {
                    previous = holder;
                    previousStreetBlock = lot.streetBlock();
                }
            }
        }

        private Use use(BlockLayout.Lot lot) {
            double mu = lot.local().getArea() / MU;
            double p = random.nextDouble();
            if (lot.clipped() && mu <= 40 && p < 0.12 && spec.kind() != Kind.MICRO) {
                return Use.GREEN;
            }
            if (lot.streetBlock() == housingStreetBlock && p < 0.8) {
                return Use.HOUSING;
            }
            if (!lot.clipped() && (spec.kind() == Kind.ESTABLISHED || spec.kind() == Kind.NEW_PARK) && p > 0.985) {
                return Use.COMMERCIAL;
            }
            return Use.INDUSTRY;
        }

        private String state(BlockLayout.Lot lot, Use use) {
            String drawn = switch (spec.kind()) {
                case RENEWAL -> renewalState(phase[lot.streetBlock()]);
                case NEW_PARK -> newParkState(lot);
                case MICRO -> pick(List.of(w("in_production", 78), w("completed", 12), w("low_efficiency", 10)));
                case ESTABLISHED -> pick(List.of(w("in_use", 54), w("in_production", 24), w("low_efficiency", 13),
                        w("vacating", 2), w("supplied", 2), w("under_construction", 3), w("completed", 2)));
            };
            return switch (use) {
                // Green strips are public land: held by the park company, or stored / prepared land.
                case GREEN -> switch (spec.kind()) {
                    case RENEWAL -> "stored";
                    case NEW_PARK -> "prepared";
                    default -> "in_use";
                };
                // Homes are not rated for efficiency; households either live there or are being rehoused.
                case HOUSING -> drawn.equals("low_efficiency") ? "in_use" : drawn.equals("prepared") ? "stored" : drawn;
                // A new park's hotel or shop follows the build-out; elsewhere it is simply in use.
                case COMMERCIAL -> spec.kind() == Kind.NEW_PARK ? drawn
                        : drawn.equals("in_production") || drawn.equals("low_efficiency") ? "in_use" : drawn;
                case INDUSTRY -> drawn;
            };
        }

        /** Renewal goes street block by street block: cleared, being vacated, or still to come. */
        private String renewalState(int phase) {
            return switch (phase) {
                case 0 -> pick(List.of(w("stored", 55), w("vacated", 35), w("prepared", 10)));
                case 1 -> pick(List.of(w("vacating", 50), w("vacated", 25), w("low_efficiency", 25)));
                default -> pick(List.of(w("low_efficiency", 50), w("in_use", 45), w("vacating", 5)));
            };
        }

        /** A new park is built out from one end: producing near it, prepared land far from it. */
        private String newParkState(BlockLayout.Lot lot) {
            double u = (lot.local().getCentroid().getX() - layout.minU) / (layout.maxU - layout.minU);
            double front = (frontFromEast ? 1 - u : u) + 0.08 * random.nextGaussian();
            return front < 0.30 ? "in_production"
                    : front < 0.45 ? "completed"
                    : front < 0.62 ? "under_construction"
                    : front < 0.78 ? "supplied"
                    : "prepared";
        }

        private LocalDate leaseStart(String state, Use use) {
            int year = switch (state) {
                case "low_efficiency", "vacating" -> 1993 + random.nextInt(18);
                case "in_use" -> use == Use.GREEN ? 2008 + random.nextInt(8) : 1996 + random.nextInt(19);
                case "in_production" -> spec.kind() == Kind.MICRO ? 2021 + random.nextInt(3) : 2016 + random.nextInt(7);
                case "completed" -> 2020 + random.nextInt(5);
                case "under_construction" -> 2022 + random.nextInt(4);
                case "supplied" -> 2024 + random.nextInt(2);
                default -> throw new IllegalArgumentException(state);
            };
            return LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
        }

        /** 50 years for industrial land granted before flexible terms (弹性年期), 20 years after. */
        private int leaseYears(Use use, LocalDate start) {
            return switch (use) {
                case INDUSTRY -> start.getYear() >= 2017 ? 20 : 50;
                case COMMERCIAL -> 40;
                case HOUSING -> 70;
                case GREEN -> 50;
            };
        }

        private Enterprise holder(Use use, LocalDate leaseStart, Enterprise neighbour) {
            boolean recent = leaseStart.getYear() >= 2015;
            switch (use) {
                case GREEN:
                    return context.platform(random);
                case HOUSING:
                    if (village == null) {
                        village = enterprises.named(context.zone, context.zone.villageCompany(spec), SampleSpecs.VILLAGE,
                                true, random);
                    }
                    return village;
                case COMMERCIAL:
                    Industry trade = random.nextBoolean() ? SampleSpecs.HOTEL : SampleSpecs.RETAIL;
                    return enterprises.create(context.zone, trade, recent, random);
                default:
                    break;
            }
            // Firms often hold neighbouring plots, and a few hold plots in several blocks.
            double p = random.nextDouble();
            if (neighbour != null && p < 0.12) {
                return neighbour;
            }
            if (!context.industrial.isEmpty() && p > 0.97) {
                return context.industrial.get(random.nextInt(context.industrial.size()));
            }
            Enterprise firm = enterprises.create(context.zone, pick(spec.industries()), recent, random);
            context.industrial.add(firm);
            return firm;
        }

        private String landUse(Use use, Enterprise holder) {
            return switch (use) {
                case GREEN -> "1402";
                case HOUSING -> "0701";
                case COMMERCIAL -> "0901";
                case INDUSTRY -> industrialLandUse(holder != null ? holder.industry() : pick(spec.industries()));
            };
        }

        private String industrialLandUse(Industry industry) {
            double p = random.nextDouble();
            if (industry.isLogistics()) {
                return p < industry.class1() ? "110101" : "110102";
            }
            return p < industry.class1() ? "100101" : p < industry.class1() + industry.class2() ? "100102" : "100103";
        }

        /** far_min, far_max and height limit (m) of the parcel's planning conditions. */
        private double[] planning(Use use, String landUse) {
            if (use == Use.COMMERCIAL) {
                return new double[] {1.2, 3.0, 60};
            }
            if (use == Use.HOUSING) {
                return new double[] {0, 1.5, 24};
            }
            if (landUse.startsWith("1101")) {
                return new double[] {1.0, choose(1.5, 2.0), choose(24, 30)};
            }
            return switch (spec.kind()) {
                case RENEWAL -> new double[] {1.0, choose(1.5, 2.0, 2.5), choose(24, 30, 36)};
                case ESTABLISHED -> new double[] {choose(1.0, 1.2), choose(1.5, 2.0, 2.5), choose(24, 30, 36, 45)};
                case MICRO -> new double[] {1.2, choose(2.5, 3.0), choose(36, 45)};
                case NEW_PARK -> new double[] {1.2, choose(2.0, 2.5, 3.0), choose(36, 45, 50, 60)};
            };
        }

        private void build(Parcel parcel, BlockLayout.Lot lot, Use use) {
            Stage stage = switch (parcel.state()) {
                case "in_use", "vacating" -> Stage.OLD;
                case "low_efficiency" -> Stage.LOW_EFFICIENCY;
                case "completed", "in_production" -> Stage.NEW;
                case "under_construction" -> Stage.UNDER_CONSTRUCTION;
                default -> null;
            };
            if (stage == null || use == Use.GREEN) {
                return;
            }
            Program program = switch (use) {
                case HOUSING -> Program.HOUSING;
                case COMMERCIAL -> Program.COMMERCIAL;
                default -> parcel.landUse().startsWith("1101") ? Program.WAREHOUSE : Program.FACTORY;
            };
            int maxFloors = switch (spec.kind()) {
                case NEW_PARK, MICRO -> 6;
                default -> 4;
            };
            for (Footprint footprint : buildingLayout.lay(lot.local(), program, stage, maxFloors, parcel.heightLimit())) {
                Polygon shape = rounded(layout.toWorld.transform(footprint.local()));
                if (shape != null && shape.getArea() >= 30 && parcel.geometry().contains(shape)) {
                    buildings.add(new Building(parcel.zone(), parcel.code(), shape, footprint.floors(),
                            footprint.heightM()));
                }
            }
        }

        private double choose(double... values) {
            return values[random.nextInt(values.length)];
        }

        private <T> T pick(List<Weighted<T>> choices) {
            return Weighted.pick(choices, random);
        }
    }

    private static Weighted<String> w(String value, double weight) {
        return new Weighted<>(value, weight);
    }

    // ---------------------------------------------------------------------------------------------
    // Output

    private String zonesJson() {
        List<String> features = new ArrayList<>();
        for (Zone zone : zones) {
            String properties = "{\"code\":" + GeoJsonText.string(zone.spec().code())
                    + ",\"name\":" + GeoJsonText.string(zone.spec().name())
                    + ",\"admin_code\":" + GeoJsonText.string(zone.spec().adminCode()) + "}";
            features.add(GeoJsonText.feature(properties, GeoJsonText.multiPolygon(zone.boundary())));
        }
        return GeoJsonText.featureCollection("zones", features);
    }

    /** Each zone's block outlines, zones and blocks in their order. */
    private Map<String, List<Polygon>> blockOutlinesByZone() {
        Map<String, List<Polygon>> outlines = new LinkedHashMap<>();
        for (Block block : blocks) {
            outlines.computeIfAbsent(block.zone().code(), zone -> new ArrayList<>()).add(block.outline());
        }
        return outlines;
    }

    private String blocksJson() {
        List<String> features = new ArrayList<>();
        for (Block block : blocks) {
            String properties = "{\"zone\":" + GeoJsonText.string(block.zone().code())
                    + ",\"code\":" + GeoJsonText.string(block.spec().code())
                    + ",\"name\":" + GeoJsonText.string(block.spec().name()) + "}";
            features.add(GeoJsonText.feature(properties, GeoJsonText.multiPolygon(List.of(block.outline()))));
        }
        return GeoJsonText.featureCollection("blocks", features);
    }

    private String parcelsJson() {
        List<String> features = new ArrayList<>();
        for (Parcel p : parcels) {
            String properties = "{\"zone\":" + GeoJsonText.string(p.zone().code())
                    + ",\"block\":" + GeoJsonText.string(p.block().code())
                    + ",\"code\":" + GeoJsonText.string(p.code())
                    + ",\"land_use\":" + GeoJsonText.string(p.landUse())
                    + ",\"state\":" + GeoJsonText.string(p.state())
                    + ",\"enterprise\":" + GeoJsonText.string(p.holder() == null ? null : p.holder().creditCode())
                    + ",\"lease_start\":" + GeoJsonText.string(date(p.leaseStart()))
                    + ",\"lease_end\":" + GeoJsonText.string(date(p.leaseEnd()))
                    + ",\"construction_due\":" + GeoJsonText.string(date(histories.get(p.code()).constructionDue()))
                    + ",\"far_min\":" + number(p.farMin(), 1)
                    + ",\"far_max\":" + number(p.farMax(), 1)
                    + ",\"height_limit_m\":" + number(p.heightLimit(), 0) + "}";
            features.add(GeoJsonText.feature(properties, GeoJsonText.multiPolygon(List.of(p.geometry()))));
        }
        return GeoJsonText.featureCollection("parcels", features);
    }

    private String buildingsJson() {
        List<String> features = new ArrayList<>();
        for (Building b : buildings) {
            String properties = "{\"zone\":" + GeoJsonText.string(b.zone().code())
                    + ",\"parcel\":" + GeoJsonText.string(b.parcel())
                    + ",\"floors\":" + b.floors()
                    + ",\"height_m\":" + GeoJsonText.fixed(b.heightM(), 1) + "}";
            features.add(GeoJsonText.feature(properties, GeoJsonText.polygon(b.footprint())));
        }
        return GeoJsonText.featureCollection("buildings", features);
    }

    /**
     * The enterprises that hold a parcel or left one (the ledger names them), in order of creation. Firms
     * the block filler drew for plots that a renewal project gave to a neighbouring firm are left out.
     */
    private List<Enterprise> listedEnterprises() {
        Set<Enterprise> named = new HashSet<>();
        for (Parcel p : parcels) {
            named.add(p.holder());
        }
        for (History history : histories.values()) {
            for (Event event : history.events()) {
                named.add(event.enterprise());
            }
        }
        return enterprises.all().stream().filter(named::contains).toList();
    }

    private String enterprisesJson() {
        List<String> elements = new ArrayList<>();
        for (Enterprise e : listedEnterprises()) {
            elements.add("{\"credit_code\":" + GeoJsonText.string(e.creditCode())
                    + ",\"name\":" + GeoJsonText.string(e.name())
                    + ",\"industry\":" + GeoJsonText.string(e.industry().label()) + "}");
        }
        return GeoJsonText.array(elements);
    }

    /** One event per line, ordered by zone, parcel code, then date and sequence. */
    private String ledgerJson() {
        List<Parcel> ordered = new ArrayList<>(parcels);
        ordered.sort(Comparator.comparing((Parcel p) -> p.zone().code()).thenComparing(Parcel::code));
        List<String> elements = new ArrayList<>();
        for (Parcel p : ordered) {
            for (Event e : histories.get(p.code()).events()) {
                elements.add("{\"zone\":" + GeoJsonText.string(p.zone().code())
                        + ",\"parcel\":" + GeoJsonText.string(p.code())
                        + ",\"from\":" + GeoJsonText.string(e.from())
                        + ",\"to\":" + GeoJsonText.string(e.to())
                        + ",\"effective_date\":" + GeoJsonText.string(e.effective().toString())
                        + ",\"recorded_at\":" + GeoJsonText.string(e.recorded().format(LedgerGenerator.TIMESTAMP))
                        + ",\"actor\":" + GeoJsonText.string(e.actor())
                        + ",\"reason\":" + GeoJsonText.string(e.reason())
                        + ",\"document_no\":" + GeoJsonText.string(e.documentNo())
                        + ",\"enterprise\":" + GeoJsonText.string(e.enterprise() == null ? null
                                : e.enterprise().creditCode())
                        + ",\"households\":" + e.households() + "}");
            }
        }
        return GeoJsonText.array(elements);
    }

    private String projectsJson() {
        List<String> elements = new ArrayList<>();
        for (ProjectSpec p : SampleSpecs.PROJECTS) {
            List<String> blockCodes = p.blocks().stream().map(GeoJsonText::string).toList();
            elements.add("{\"zone\":" + GeoJsonText.string(p.zone())
                    + ",\"code\":" + GeoJsonText.string(p.code())
                    + ",\"name\":" + GeoJsonText.string(p.name())
                    + ",\"started\":" + GeoJsonText.string(p.started().toString())
                    + ",\"deadline\":" + GeoJsonText.string(p.deadline().toString())
                    + ",\"target_enterprises\":" + p.targetEnterprises()
                    + ",\"target_households\":" + p.targetHouseholds()
                    + ",\"target_mu\":" + GeoJsonText.fixed(p.targetMu(), 0)
                    + ",\"blocks\":[" + String.join(",", blockCodes) + "]}");
        }
        return GeoJsonText.array(elements);
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String number(Double value, int decimals) {
        return value == null ? "null" : GeoJsonText.fixed(value, decimals);
    }

    /** Counts and areas, printed by {@link #main} so a regeneration can be checked at a glance. */
    String summary() {
        generate();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%d zones, %d blocks, %d parcels, %d buildings, %d enterprises%n", zones.size(),
                blocks.size(), parcels.size(), buildings.size(), listedEnterprises().size()));
        Projection projection = new Projection();
        for (Zone zone : zones) {
            Geometry union = geometry.createMultiPolygon(zone.boundary().toArray(new Polygon[0]));
            Coordinate c = union.getCentroid().getCoordinate();
            Coordinate lonLat = projection.toLonLat(c.x, c.y);
            out.append(String.format("zone %-9s centroid %.4fE %.4fN, %.0f mu%n", zone.spec().code(), lonLat.x,
                    lonLat.y, union.getArea() / MU));
        }
        for (Block block : blocks) {
            int count = 0;
            double parcelArea = 0;
            int built = 0;
            for (Parcel p : parcels) {
                if (p.block() == block.spec()) {
                    count++;
                    parcelArea += p.geometry().getArea();
                }
            }
            for (Building b : buildings) {
                if (b.parcel().startsWith(block.zone().adminCode() + block.spec().cadastre())) {
                    built++;
                }
            }
            out.append(String.format("  %-9s %-22s %7.0f mu, %4d parcels (%6.0f mu), %4d buildings%n",
                    block.zone().code(), block.spec().code(), block.outline().getArea() / MU, count,
                    parcelArea / MU, built));
        }
        Map<String, Integer> states = new TreeMap<>();
        Map<String, Integer> uses = new TreeMap<>();
        int midSized = 0;
        for (Parcel p : parcels) {
            states.merge(p.state(), 1, Integer::sum);
            uses.merge(p.landUse(), 1, Integer::sum);
            double mu = p.geometry().getArea() / MU;
            if (mu >= 8 && mu <= 60) {
                midSized++;
            }
        }
        out.append("states ").append(states).append('\n').append("land use ").append(uses).append('\n');
        out.append(String.format("parcels of 8-60 mu: %.0f%%%n", 100.0 * midSized / parcels.size()));
        int events = histories.values().stream().mapToInt(h -> h.events().size()).sum();
        long idle = histories.values().stream().filter(h -> h.constructionDue() != null
                && h.constructionDue().isBefore(SampleSpecs.REFERENCE_DATE.minusYears(1))
                && h.events().get(h.events().size() - 1).to().equals("supplied")).count();
        out.append(String.format("%d ledger events, %d idle parcels%n", events, idle));
        for (ProjectSpec project : SampleSpecs.PROJECTS) {
            out.append(project.code()).append(" freed since ").append(project.started()).append(':');
            for (LocalDate asOf : List.of(LocalDate.of(2024, 6, 30), LocalDate.of(2025, 12, 31),
                    SampleSpecs.REFERENCE_DATE)) {
                out.append(progress(project, asOf));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * A project's tally as an auditor reads the ledger as of a day: moves into {@code vacated} since the
     * project started that had taken effect and been recorded by the end of that day. Enterprises are the
     * distinct firms named on them (housing names none).
     */
    private String progress(ProjectSpec project, LocalDate asOf) {
        OffsetDateTime endOfDay = asOf.plusDays(1).atStartOfDay().atOffset(LedgerGenerator.CHINA);
        Set<Enterprise> firms = new HashSet<>();
        int households = 0;
        double mu = 0;
        for (Parcel p : parcels) {
            if (!p.zone().code().equals(project.zone()) || !project.blocks().contains(p.block().code())) {
                continue;
            }
            for (Event e : histories.get(p.code()).events()) {
                if (e.to().equals("vacated") && !e.effective().isBefore(project.started())
                        && !e.effective().isAfter(asOf) && e.recorded().isBefore(endOfDay)) {
                    if (e.enterprise() != null) {
                        firms.add(e.enterprise());
                    }
                    households += e.households();
                    mu += p.mu();
                }
            }
        }
        return String.format(" as of %s %d enterprises, %d households, %.0f mu;", asOf, firms.size(), households, mu);
    }
}
