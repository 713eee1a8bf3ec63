package com.landrenew.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Building footprints on one parcel, in the block frame (so most walls run along the street grid).
 * Footprints keep a setback from the parcel's edge (4–10 m) and a gap from each other (10 m or more
 * between plant buildings, a fire lane; 6 m or more between houses): each is cut from its own cell of a
 * grid laid over the parcel, so they cannot overlap.
 */
final class BuildingLayout {

    /** What stands on a parcel. */
    enum Program { FACTORY, WAREHOUSE, COMMERCIAL, HOUSING }

    /** How built up a parcel is, from its life-cycle state. */
    enum Stage { OLD, LOW_EFFICIENCY, NEW, UNDER_CONSTRUCTION }

    record Footprint(Polygon local, int floors, double heightM) {
    }

    private static final double GAP = 10;

    private final GeometryFactory geometry;
    private final Random random;

    BuildingLayout(GeometryFactory geometry, Random random) {
        this.geometry = geometry;
        this.random = random;
    }

    /**
     * @param maxFloorsFactory the most floors a plant may have here (multi-storey plants in new parks)
     * @param heightLimit the parcel's height limit in metres, or {@code null}
     */
    List<Footprint> lay(Polygon parcel, Program program, Stage stage, int maxFloorsFactory, Double heightLimit) {
        double setback = program == Program.HOUSING ? 4 : 6 + 4 * random.nextDouble();
        Polygon inner = BlockLayout.largestPolygon(parcel.buffer(-setback, 2));
        List<Footprint> result = new ArrayList<>();
        if (inner == null || inner.getArea() < 400) {
            return result;
        }
        double limit = heightLimit == null ? 100 : heightLimit;
        switch (program) {
            case HOUSING -> houses(inner, result, limit);
            case COMMERCIAL -> commercial(inner, result, limit);
            default -> plant(inner, program, stage, maxFloorsFactory, limit, result);
        }
        return result;
    }

    /** Halls in a grid across the parcel with an office strip (and often a gatehouse) at one end. */
    private void plant(Polygon inner, Program program, Stage stage, int maxFloors, double limit,
                       List<Footprint> out) {
        Envelope e = inner.getEnvelopeInternal();
        Frame f = new Frame(e);
        double hallsFrom = 0;
        double hallsTo = f.length;
        boolean office = f.length >= 70 && stage != Stage.UNDER_CONSTRUCTION;
        if (office) {
            double depth = 14 + 6 * random.nextDouble();
            boolean atStart = random.nextBoolean();
            double a0 = atStart ? 0 : f.length - depth;
            double width = StrictMath.min(f.depth * (0.35 + 0.25 * random.nextDouble()), 60);
            double b0 = random.nextBoolean() ? 0 : f.depth - width;
            int floors = stage == Stage.NEW ? 4 + random.nextInt(5) : 3 + random.nextInt(4);
            if (limit >= 60 && stage == Stage.NEW && random.nextDouble() < 0.08) {
                floors = 10 + random.nextInt(6);
            }
            add(inner, f.rect(a0, b0, a0 + depth, b0 + width), floors, 3.5, 3.9, limit, out);
            double gateFrom = b0 == 0 ? width + GAP : 0;
            double gateTo = b0 == 0 ? f.depth : f.depth - width - GAP;
            if (gateTo - gateFrom >= 12 && random.nextDouble() < 0.75) {
                double side = 8 + 4 * random.nextDouble();
                double g0 = b0 == 0 ? gateTo - side : gateFrom;
                double d = 6 + 3 * random.nextDouble();
                double ga0 = atStart ? 0 : f.length - d;
                add(inner, f.rect(ga0, g0, ga0 + d, g0 + side), 1, 3.5, 4.5, limit, out);
            }
            hallsFrom = atStart ? depth + 12 : 0;
            hallsTo = atStart ? f.length : f.length - depth - 12;
        }
        double span = hallsTo - hallsFrom;
        if (span < 20) {
            return;
        }
        double hallLength = program == Program.WAREHOUSE ? 50 + 50 * random.nextDouble() : 35 + 45 * random.nextDouble();
        double hallDepth = 24 + 20 * random.nextDouble();
        int columns = (int) BlockLayout.clamp(StrictMath.round((span + GAP) / (hallLength + GAP)), 1, 4);
        int rows = (int) BlockLayout.clamp(StrictMath.round((f.depth + GAP) / (hallDepth + GAP)), 1, 4);
        double cellA = (span - (columns - 1) * GAP) / columns;
        double cellB = (f.depth - (rows - 1) * GAP) / rows;
        double fill = switch (stage) {
            case NEW -> 0.95;
            case OLD -> 0.85;
            case LOW_EFFICIENCY -> 0.6;
            case UNDER_CONSTRUCTION -> 0.45;
        };
        // A plot in use always keeps at least one hall; only under construction may it have none yet.
        boolean needHall = stage != Stage.UNDER_CONSTRUCTION;
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < columns; c++) {
                for (int r = 0; r < rows; r++) {
                    if (pass == 1 && !needHall) {
                        return;
                    }
                    if (pass == 0 && random.nextDouble() >= fill) {
                        continue;
                    }
                    double wa = cellA * (0.75 + 0.25 * random.nextDouble());
                    double wb = cellB * (0.8 + 0.2 * random.nextDouble());
                    double a0 = hallsFrom + c * (cellA + GAP) + (cellA - wa) * random.nextDouble();
                    double b0 = r * (cellB + GAP) + (cellB - wb) * random.nextDouble();
                    int floors = factoryFloors(program, stage, maxFloors);
                    if (add(inner, f.rect(a0, b0, a0 + wa, b0 + wb), floors, 4, 6, limit, out)) {
                        needHall = false;
                    }
                }
            }
        }
    }

    private int factoryFloors(Program program, Stage stage, int maxFloors) {
        if (program == Program.WAREHOUSE) {
            return 1 + (random.nextDouble() < 0.3 ? 1 : 0);
        }
        int floors = switch (stage) {
            case LOW_EFFICIENCY -> 1 + (random.nextDouble() < 0.3 ? 1 : 0);
            case OLD -> 1 + random.nextInt(3);
            case NEW, UNDER_CONSTRUCTION -> 2 + random.nextInt(StrictMath.max(1, maxFloors - 1));
        };
        return StrictMath.min(floors, StrictMath.max(maxFloors, 1));
    }

    /** A tower (up to 15 floors where the limit allows) and a low annex. */
    private void commercial(Polygon inner, List<Footprint> out, double limit) {
        Frame f = new Frame(inner.getEnvelopeInternal());
        double towerA = StrictMath.min(30 + 10 * random.nextDouble(), f.length * 0.5);
        double towerB = StrictMath.min(24 + 10 * random.nextDouble(), f.depth);
        int floors = limit >= 60 ? 10 + random.nextInt(6) : 6 + random.nextInt(3);
        add(inner, f.rect(0, 0, towerA, towerB), floors, 3.5, 3.9, limit, out);
        double annexFrom = towerA + 15;
        if (f.length - annexFrom > 25) {
            add(inner, f.rect(annexFrom, 0, f.length, StrictMath.min(f.depth, 40)),
                    2 + random.nextInt(3), 4, 5, limit, out);
        }
    }

    /** Rows of two- to four-storey houses, the homes of households a renewal has to rehouse. */
    private void houses(Polygon inner, List<Footprint> out, double limit) {
        Frame f = new Frame(inner.getEnvelopeInternal());
        double pitchA = 18 + 3 * random.nextDouble();
        double pitchB = 20 + 4 * random.nextDouble();
        for (double a = 0; a + 10 <= f.length; a += pitchA) {
            for (double b = 0; b + 11 <= f.depth; b += pitchB) {
                if (random.nextDouble() < 0.8) {
                    double wa = 10 + 2 * random.nextDouble();
                    double wb = 11 + 3 * random.nextDouble();
                    add(inner, f.rect(a, b, a + wa, b + StrictMath.min(wb, f.depth - b)),
                            2 + random.nextInt(3), 3.0, 3.4, limit, out);
                }
            }
        }
    }

    /** Keeps a footprint that lies inside the setback line, or is only nicked by it; tells whether it did. */
    private boolean add(Polygon inner, Polygon rect, int floors, double perFloorMin, double perFloorMax,
                        double limit, List<Footprint> out) {
        Polygon footprint = rect;
        if (!inner.contains(rect)) {
            Geometry cut = inner.intersection(rect);
            footprint = BlockLayout.largestPolygon(cut);
            if (footprint == null || footprint.getArea() < 0.7 * rect.getArea()
                    || footprint.getNumPoints() > 9) {
                return false;
            }
        }
        if (footprint.getArea() < 40) {
            return false;
        }
        double perFloor = perFloorMin + (perFloorMax - perFloorMin) * random.nextDouble();
        int n = floors;
        while (n > 1 && n * perFloor > limit) {
            n--;
        }
        double height = StrictMath.round(n * perFloor * 10) / 10.0;
        out.add(new Footprint(footprint, n, height));
        return true;
    }

    /** Coordinates along the envelope's long side (a) and short side (b). */
    private final class Frame {
        final Envelope e;
        final boolean alongX;
        final double length;
        final double depth;

        Frame(Envelope e) {
            this.e = e;
            this.alongX = e.getWidth() >= e.getHeight();
            this.length = alongX ? e.getWidth() : e.getHeight();
            this.depth = alongX ? e.getHeight() : e.getWidth();
        }

        Polygon rect(double a0, double b0, double a1, double b1) {
            return alongX
                    ? BlockLayout.rectangle(geometry, e.getMinX() + a0, e.getMinY() + b0, e.getMinX() + a1, e.getMinY() + b1)
                    : BlockLayout.rectangle(geometry, e.getMinX() + b0, e.getMinY() + a0, e.getMinX() + b1, e.getMinY() + a1);
        }
    }
}
