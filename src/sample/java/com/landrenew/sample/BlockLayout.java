package com.landrenew.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.landrenew.sample.SampleSpecs.BlockSpec;
import org.locationtech.jts.algorithm.MinimumDiameter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * The shape of one block and the lots (future parcels) cut from it. All of it is worked out in the
 * block's own frame, where the street grid runs along the axes and the block is centred on the origin;
 * {@link #toWorld} rotates and moves that frame onto EPSG:4549.
 *
 * <p>Lots come from a street grid: arterial roads (24–40 m) cut the block into street blocks, lanes
 * (12–14 m) cut those into rows and the rows into lots of a drawn size. A lot that crosses the block's
 * edge is clipped to it, which gives the irregular plots found along real boundaries.
 */
final class BlockLayout {

    static final double MU = 10000.0 / 15.0;

    /** Half the width of the road that runs round the block, so no lot touches the block's edge. */
    private static final double EDGE_INSET = 6;
    private static final double MIN_LOT_MU = 5.3;
    private static final double MAX_LOT_MU = 295;
    private static final double MIN_LOT_WIDTH = 25;

    /** A lot in the block frame; {@code streetBlock} numbers the street block it lies in. */
    record Lot(Polygon local, int streetBlock, boolean clipped) {
    }

    final BlockSpec spec;
    final Polygon localOutline;
    final AffineTransformation toWorld;
    final List<Lot> lots = new ArrayList<>();
    /** Extent of the block frame along the grid's first axis, to place a development front. */
    final double minU;
    final double maxU;
    int streetBlocks;

    private final GeometryFactory geometry;
    private final Random random;

    BlockLayout(BlockSpec spec, Coordinate centre, GeometryFactory geometry, Random random) {
        this.spec = spec;
        this.geometry = geometry;
        this.random = random;
        this.localOutline = outline();
        double radians = StrictMath.toRadians(spec.gridDegrees());
        this.toWorld = AffineTransformation.rotationInstance(radians).translate(centre.x, centre.y);
        Envelope e = localOutline.getEnvelopeInternal();
        this.minU = e.getMinX();
        this.maxU = e.getMaxX();
        cutLots();
    }

    /**
     * A rough rectangle (a super-ellipse) traced through 8–11 jittered vertices: star-shaped about the
     * origin, so always a simple polygon, then scaled to the block's area.
     */
    private Polygon outline() {
        int n = 8 + random.nextInt(4);
        double a = StrictMath.sqrt(spec.aspect());
        double b = 1 / a;
        double exponent = 4 + 2 * random.nextDouble();
        double start = random.nextDouble() * 2 * StrictMath.PI;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double angle = start + 2 * StrictMath.PI * (k + 0.35 * (random.nextDouble() - 0.5)) / n;
            double c = StrictMath.abs(StrictMath.cos(angle)) / a;
            double s = StrictMath.abs(StrictMath.sin(angle)) / b;
            double r = StrictMath.pow(StrictMath.pow(c, exponent) + StrictMath.pow(s, exponent), -1 / exponent);
            r *= 0.86 + 0.2 * random.nextDouble();
            ring[k] = new Coordinate(r * StrictMath.cos(angle), r * StrictMath.sin(angle));
        }
        ring[n] = ring[0].copy();
        Polygon unit = geometry.createPolygon(ring);
        double scale = StrictMath.sqrt(spec.mu() * MU / unit.getArea());
        return (Polygon) AffineTransformation.scaleInstance(scale, scale).transform(unit);
    }

    private void cutLots() {
        Geometry inner = localOutline.buffer(-EDGE_INSET, 2);
        Envelope e = inner.getEnvelopeInternal();
        // Arterial spacing grows with the lots: small plots sit in small street blocks.
        double lotSide = StrictMath.sqrt(spec.medianParcelMu() * MU);
        double spanU = clamp(lotSide * 6.0, 260, 620);
        double spanV = clamp(lotSide * 3.6, 180, 420);
        List<double[]> us = bands(e.getMinX(), e.getMaxX(), spanU);
        List<double[]> vs = bands(e.getMinY(), e.getMaxY(), spanV);
        for (int j = vs.size() - 1; j >= 0; j--) {
            for (double[] u : us) {
                double[] v = vs.get(j);
                Polygon street = rectangle(u[0], v[0], u[1], v[1]);
                if (!street.intersects(inner)) {
                    continue;
                }
                int before = lots.size();
                for (Polygon rect : subdivide(u[0], v[0], u[1], v[1])) {
                    addLot(rect, inner, streetBlocks);
                }
                if (lots.size() > before) {
                    streetBlocks++;
                }
            }
        }
    }

    /** Cuts [min, max] into bands of about {@code span} separated by arterial roads of 24–40 m. */
    private List<double[]> bands(double min, double max, double span) {
        List<double[]> result = new ArrayList<>();
        double position = min - span * 0.5 * random.nextDouble();
        while (position < max) {
            double width = span * (0.8 + 0.4 * random.nextDouble());
            result.add(new double[] {position, position + width});
            position += width + 24 + 16 * random.nextDouble();
        }
        return result;
    }

    /** Rows along the street block's long side, lots of a drawn size along each row. */
    private List<Polygon> subdivide(double u0, double v0, double u1, double v1) {
        List<Polygon> result = new ArrayList<>();
        boolean alongU = (u1 - u0) >= (v1 - v0);
        double length = alongU ? u1 - u0 : v1 - v0;
        double depthTotal = alongU ? v1 - v0 : u1 - u0;
        // New parks keep some street blocks whole (or halved) for large plants.
        double area = length * depthTotal;
        if (spec.kind() == SampleSpecs.Kind.NEW_PARK && random.nextDouble() < 0.15 && area / MU > 60) {
            if (area / MU < 280) {
                result.add(rectangle(u0, v0, u1, v1));
            } else {
                double half = (length - 14) / 2;
                result.add(alongU ? rectangle(u0, v0, u0 + half, v1) : rectangle(u0, v0, u1, v0 + half));
                result.add(alongU ? rectangle(u1 - half, v0, u1, v1) : rectangle(u0, v1 - half, u1, v1));
            }
            return result;
        }
        double lotSide = StrictMath.sqrt(spec.medianParcelMu() * MU);
        double targetDepth = clamp(lotSide * (0.9 + 0.3 * random.nextDouble()), 55, 150);
        int rows = (int) StrictMath.max(1, StrictMath.round((depthTotal + 14) / (targetDepth + 14)));
        double lane = 12 + 2 * random.nextDouble();
        double depth = (depthTotal - (rows - 1) * lane) / rows;
        for (int row = 0; row < rows; row++) {
            double d0 = row * (depth + lane);
            double d1 = d0 + depth;
            double position = 0;
            while (position < length - 1) {
                double front = StrictMath.max(30, drawLotArea() / depth);
                double rest = length - position;
                if (front > rest || rest - front < 30 + lane) {
                    front = rest;
                }
                double a0 = position;
                double a1 = position + front;
                result.add(alongU ? rectangle(u0 + a0, v0 + d0, u0 + a1, v0 + d1)
                                  : rectangle(u0 + d0, v0 + a0, u0 + d1, v0 + a1));
                position = a1 + 12 + 2 * random.nextDouble();
            }
        }
        return result;
    }

    /** Lot area in m²: log-normal about the block's median, with an occasional large plant. */
    private double drawLotArea() {
        double mu = spec.medianParcelMu() * StrictMath.exp(spec.parcelSpread() * random.nextGaussian());
        if (spec.kind() != SampleSpecs.Kind.MICRO && random.nextDouble() < 0.02) {
            mu *= 3 + 5 * random.nextDouble();
        }
        return clamp(mu, 5.6, 250) * MU;
    }

    private void addLot(Polygon rect, Geometry inner, int streetBlock) {
        Polygon lot = rect;
        boolean clipped = false;
        if (!inner.contains(rect)) {
            lot = largestPolygon(inner.intersection(rect));
            clipped = true;
            if (lot == null || lot.getArea() < 0.35 * rect.getArea()) {
                return;
            }
        }
        double mu = lot.getArea() / MU;
        if (mu < MIN_LOT_MU || mu > MAX_LOT_MU) {
            return;
        }
        if (new MinimumDiameter(lot).getLength() < MIN_LOT_WIDTH) {
            return;
        }
        lots.add(new Lot(lot, streetBlock, clipped));
    }

    static Polygon largestPolygon(Geometry g) {
        Polygon best = null;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p && !p.isEmpty()
                    && (best == null || p.getArea() > best.getArea())) {
                best = p;
            }
        }
        return best;
    }

    private Polygon rectangle(double x0, double y0, double x1, double y1) {
        return rectangle(geometry, x0, y0, x1, y1);
    }

    static Polygon rectangle(GeometryFactory geometry, double x0, double y0, double x1, double y1) {
        return geometry.createPolygon(new Coordinate[] {
                new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1),
                new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    static double clamp(double value, double min, double max) {
        return StrictMath.max(min, StrictMath.min(max, value));
    }
}
