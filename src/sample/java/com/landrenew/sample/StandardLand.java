package com.landrenew.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.landrenew.sample.SampleSpecs.Kind;
import org.locationtech.jts.geom.Coordinate;

/**
 * What the land finder needs of the sample: the standard-land (标准地) conditions each zone publishes
 * for its industrial land before supply, and the named places enterprises measure distances from.
 *
 * <p>Every industrial or logistics parcel that is {@code stored}, {@code prepared} or {@code supplied}
 * gets conditions modelled on Zhejiang's 标准地 practice: a minimum fixed-asset investment (万元/亩) and
 * tax per mu per year (万元/亩), higher in the new parks and in Xiaoshan; a maximum energy use per unit
 * of output (tce/万元), tighter for cleaner classes of industry; and an emission standard (class 1
 * land asks for special limits or ultra-low emissions). The floor-area ratio is the parcel's own
 * planning condition. The draw has its own random stream, so the rest of the sample is unchanged.
 */
final class StandardLand {

    /** A named point of a zone, given in CGCS2000 longitude/latitude. */
    record Place(String zone, String code, String name, String kind, double lon, double lat) {
    }

    /** Synthetic positions near the zones' real port, motorway exits and airport. */
    static final List<Place> PLACES = List.of(
            new Place("anji", "anji-port", "安吉港", "port", 119.745, 30.700),
            new Place("anji", "hangchang-anji-exit", "杭长高速安吉出口", "motorway_exit", 119.690, 30.585),
            new Place("xiaoshan", "airport-exit", "萧山国际机场出口", "airport", 120.425, 30.240),
            new Place("xiaoshan", "qiantang-port", "钱塘江港区", "port", 120.350, 30.275),
            new Place("xiaoshan", "hangyong-xiaoshan-exit", "杭甬高速萧山出口", "motorway_exit", 120.262, 30.160));

    private static final List<String> CONDITIONED_STATES = List.of("stored", "prepared", "supplied");

    private final List<Parcel> parcels;
    private final Random random = new Random(SampleDataGenerator.SEED * 1_000_051L);

    StandardLand(List<Parcel> parcels) {
        this.parcels = parcels;
    }

    void writeTo(Path dir) {
        try {
            Files.writeString(dir.resolve("standard-land.json"), conditionsJson(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("places.geojson"), placesJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One element per conditioned parcel, in the order of the parcels file. */
    private String conditionsJson() {
        List<String> elements = new ArrayList<>();
        for (Parcel p : parcels) {
            if (!p.isIndustrial() || !CONDITIONED_STATES.contains(p.state())) {
                continue;
            }
            boolean newPark = p.block().kind() == Kind.NEW_PARK;
            boolean xiaoshan = p.zone().code().equals("xiaoshan");
            int industryClass = p.landUse().startsWith("1101") ? 0 : p.landUse().charAt(5) - '0';
            double investment = switch (industryClass) {
                case 1 -> choose(300, 350, 400);
                case 2 -> choose(250, 300, 350);
                case 3 -> choose(250, 300);
                default -> choose(200, 250);
            } + (newPark ? 100 : 0) + (xiaoshan ? 150 : 0);
            double tax = xiaoshan ? choose(35, 40, 50) : newPark ? choose(30, 35, 40) : choose(20, 25, 30);
            double energy = switch (industryClass) {
                case 1 -> choose(0.05, 0.08);
                case 2 -> choose(0.10, 0.15);
                case 3 -> choose(0.20, 0.30);
                default -> 0.05;
            };
            String emission = switch (industryClass) {
                case 1 -> random.nextDouble() < 0.4 ? "ultra_low" : "special";
                case 2 -> random.nextDouble() < 0.6 ? "special" : "national";
                default -> "national";
            };
            elements.add("{\"zone\":" + GeoJsonText.string(p.zone().code())
                    + ",\"parcel\":" + GeoJsonText.string(p.code())
                    + ",\"investment_min_wan_mu\":" + GeoJsonText.fixed(investment, 0)
                    + ",\"tax_min_wan_mu\":" + GeoJsonText.fixed(tax, 0)
                    + ",\"energy_max_tce_wan\":" + GeoJsonText.fixed(energy, 2)
                    + ",\"emission_standard\":" + GeoJsonText.string(emission) + "}");
        }
        return GeoJsonText.array(elements);
    }

    private String placesJson() {
        Projection projection = new Projection();
        List<String> features = new ArrayList<>();
        for (Place place : PLACES) {
            Coordinate c = projection.toPlane(place.lon(), place.lat());
            String properties = "{\"zone\":" + GeoJsonText.string(place.zone())
                    + ",\"code\":" + GeoJsonText.string(place.code())
                    + ",\"name\":" + GeoJsonText.string(place.name())
                    + ",\"kind\":" + GeoJsonText.string(place.kind()) + "}";
            features.add(GeoJsonText.feature(properties, GeoJsonText.point(c)));
        }
        return GeoJsonText.featureCollection("places", features);
    }

    private double choose(double... values) {
        return values[random.nextInt(values.length)];
    }
}
