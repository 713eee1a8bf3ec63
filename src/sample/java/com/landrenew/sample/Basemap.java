package com.landrenew.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.landrenew.sample.StandardLand.Place;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * The sample's basemap (底图), {@code basemap.geojson}: a plausible ground around each zone's blocks. A road
 * runs round every block; arterials run through the gaps between blocks on a 1.2 km grid and stop where they
 * meet a block's road; the motorway passes the zone's motorway exit (the finder's place, at the same point),
 * a railway the zone's north, a river (a water area in Xiaoshan) its port; town names sit at the corners.
 * Lines are laid where they cross the fewest blocks and are cut where they would; no randomness, so the
 * other files' random streams are untouched.
 */
final class Basemap {

    /** The named things of a zone's ground; positions are synthetic, the names those of the area. */
    private record ZoneGround(String motorway, String railway, String river, boolean riverIsWater,
                              List<String> arterials, List<String> towns) {
    }

    private static final Map<String, ZoneGround> GROUND = Map.of(
            "anji", new ZoneGround("杭长高速", "商合杭高铁", "西苕溪", false,
                    List.of("天目路", "昌硕路", "灵芝路", "递铺路", "胜利路", "阳光大道", "浦源大道", "康山路", "塘浦路", "孝源路"),
                    List.of("递铺街道", "昌硕街道", "孝源街道", "灵峰街道")),
            "xiaoshan", new ZoneGround("杭甬高速", "杭甬客运专线", "钱塘江", true,
                    List.of("市心路", "建设一路", "建设二路", "建设三路", "鸿达路", "通惠路", "红十五线", "金一路", "高新路", "桥南路"),
                    List.of("北干街道", "新塘街道", "宁围街道", "城厢街道")));

    /** How far the ground reaches beyond the blocks, and the grid the arterials are laid on. */
    private static final double REACH = 1500;
    private static final double ARTERIAL_SPACING = 1200;
    private static final double MIN_ARTERIAL = 300;
    /** The road round a block runs this far outside its edge; arterials end on it. */
    private static final double BLOCK_ROAD = 15;

    private final GeometryFactory geometry = new GeometryFactory();
    private final PrecisionModel centimetres = new PrecisionModel(100);
    private final Projection projection = new Projection();
    private final List<String> features = new ArrayList<>();

    /** The basemap of the zones, given each zone's block outlines (zone code → outlines, in the blocks' order). */
    String json(Map<String, List<Polygon>> blocksByZone) {
        blocksByZone.forEach((zone, outlines) -> zoneGround(zone, outlines, GROUND.get(zone)));
        return GeoJsonText.featureCollection("basemap", features);
    }

    private void zoneGround(String zone, List<Polygon> outlines, ZoneGround ground) {
        List<Geometry> roads = new ArrayList<>();
        for (Polygon outline : outlines) {
            Geometry ring = outline.buffer(BLOCK_ROAD, 4).getBoundary();
            roads.add(ring);
            add(zone, "road", null, DouglasPeuckerSimplifier.simplify(ring, 2));
        }
        Geometry blocksRoads = UnaryUnionOp.union(outlines).buffer(BLOCK_ROAD, 4);
        Envelope area = new Envelope(blocksRoads.getEnvelopeInternal());
        area.expandBy(REACH);
        Geometry box = geometry.toGeometry(area);

        Place exit = StandardLand.PLACES.stream().filter(p -> p.zone().equals(zone) && p.kind().equals("motorway_exit"))
                .findFirst().orElseThrow();
        Coordinate exitPoint = projection.toPlane(exit.lon(), exit.lat());
        Geometry keepOut = blocksRoads.buffer(150, 4);
        // Motorway, railway and river run on beyond the arterials' grid, out of the view of the zone.
        Geometry beyond = box.buffer(3000, 2);
        Geometry motorway = throughPoint(exitPoint, area, keepOut, 0, 35).intersection(beyond).difference(keepOut);
        add(zone, "motorway", ground.motorway(), motorway);

        Coordinate north = new Coordinate(area.centre().x, area.getMaxY() - 700);
        Geometry railway = throughPoint(north, area, keepOut, 0, 15).intersection(beyond).difference(keepOut);
        add(zone, "railway", ground.railway(), railway);

        // Arterials keep clear of the blocks (they end on a block's road) and of the motorway and railway.
        Geometry clear = blocksRoads.union(motorway.buffer(300, 2)).union(railway.buffer(300, 2));
        int name = 0;
        for (double x = area.getMinX() + ARTERIAL_SPACING / 2; x < area.getMaxX(); x += ARTERIAL_SPACING) {
            name = arterial(zone, line(x, area.getMinY(), x, area.getMaxY()), clear, ground, name);
        }
        for (double y = area.getMinY() + ARTERIAL_SPACING / 2; y < area.getMaxY(); y += ARTERIAL_SPACING) {
            name = arterial(zone, line(area.getMinX(), y, area.getMaxX(), y), clear, ground, name);
        }

        Place port = StandardLand.PLACES.stream().filter(p -> p.zone().equals(zone) && p.kind().equals("port"))
                .findFirst().orElseThrow();
        Geometry river = throughPoint(projection.toPlane(port.lon(), port.lat()), area, keepOut, 180, 160)
                .intersection(beyond);
        if (ground.riverIsWater()) {
            add(zone, "water", ground.river(), river.buffer(450, 8).difference(keepOut));
        } else {
            add(zone, "river", ground.river(), river.difference(keepOut));
        }

        for (Place place : StandardLand.PLACES) {
            if (place.zone().equals(zone)) {
                Coordinate c = projection.toPlane(place.lon(), place.lat());
                add(zone, place.kind(), place.name(), geometry.createPoint(c));
            }
        }
        double inset = REACH / 2;
        Coordinate[] corners = {new Coordinate(area.getMinX() + inset, area.getMaxY() - inset),
            new Coordinate(area.getMaxX() - inset, area.getMaxY() - inset),
            new Coordinate(area.getMaxX() - inset, area.getMinY() + inset),
            new Coordinate(area.getMinX() + inset, area.getMinY() + inset)};
        for (int i = 0; i < corners.length; i++) {
            add(zone, "place", ground.towns().get(i), geometry.createPoint(corners[i]));
        }
    }

    /** The pieces of a grid line outside the blocks' roads, long enough to be an arterial, each named alike. */
    private int arterial(String zone, LineString line, Geometry blocksRoads, ZoneGround ground, int name) {
        Geometry pieces = line.difference(blocksRoads);
        boolean named = false;
        for (int i = 0; i < pieces.getNumGeometries(); i++) {
            Geometry piece = pieces.getGeometryN(i);
            if (piece.getLength() >= MIN_ARTERIAL) {
                add(zone, "arterial", ground.arterials().get(name % ground.arterials().size()), piece);
                named = true;
            }
        }
        return named ? name + 1 : name;
    }

    /**
     * A line across the area through {@code point}, at the angle (every 5°, from {@code firstDegrees} on) crossing
     * least of {@code keepOut}; with {@code meander} metres, a river's bends (a sine along it).
     */
    private LineString throughPoint(Coordinate point, Envelope area, Geometry keepOut, double meander, int firstDegrees) {
        double half = StrictMath.hypot(area.getWidth(), area.getHeight());
        LineString best = null;
        double bestCrossing = Double.MAX_VALUE;
        for (int step = 0; step < 180; step += 5) {
            double a = StrictMath.toRadians((firstDegrees + step) % 180);
            double dx = StrictMath.cos(a);
            double dy = StrictMath.sin(a);
            int steps = 80;
            Coordinate[] points = new Coordinate[steps + 1];
            for (int k = 0; k <= steps; k++) {
                double t = -half + 2 * half * k / steps;
                double side = meander * StrictMath.sin(t / 900);
                points[k] = new Coordinate(point.x + t * dx - side * dy, point.y + t * dy + side * dx);
            }
            LineString candidate = geometry.createLineString(points);
            double crossing = candidate.intersection(keepOut).getLength();
            if (crossing < bestCrossing) {
                best = candidate;
                bestCrossing = crossing;
            }
        }
        return best;
    }

    private LineString line(double x0, double y0, double x1, double y1) {
        return geometry.createLineString(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y1)});
    }

    /** One feature per part of {@code shape}, rounded to 0.01 m; parts that rounding spoils are dropped. */
    private void add(String zone, String kind, String name, Geometry shape) {
        Geometry rounded = GeometryPrecisionReducer.reduce(shape, centimetres);
        for (int i = 0; i < rounded.getNumGeometries(); i++) {
            Geometry part = rounded.getGeometryN(i);
            if (part.isEmpty() || !part.isValid()) {
                continue;
            }
            String properties = "{\"zone\":" + GeoJsonText.string(zone) + ",\"kind\":" + GeoJsonText.string(kind)
                    + ",\"name\":" + GeoJsonText.string(name) + "}";
            String json = part instanceof Point p ? GeoJsonText.point(p.getCoordinate())
                    : part instanceof LineString l ? GeoJsonText.lineString(l) : GeoJsonText.polygon((Polygon) part);
            features.add(GeoJsonText.feature(properties, json));
        }
    }
}
