package com.landrenew.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Land for tests, handed out so that no two test classes draw in the same place: tiles, bbox and distance
 * queries see every zone's parcels, so land shared by two classes made results depend on their order.
 * Each claim takes the next free slot of a fixed grid of 10 km squares, row by row from the south-west, in
 * the order the test classes ask (logged with their names), and gets an area 1 km in from the slot's
 * south-west corner: at most 8 km × 8 km, so at least 2 km from any other. The grid, x 560-640 km and y 3200-3330 km of EPSG:4549, lies
 * within 118.5-121.5°E, where that CRS is meant to be used, and clear of the sample (x 462-541 km,
 * y 3338-3398 km), whose parcels some tests count.
 */
public final class TestAreas {

    static final double WEST = 560_000;
    static final double SOUTH = 3_200_000;
    static final int COLUMNS = 8;
    static final int ROWS = 13;
    static final double SLOT = 10_000;
    /** Between a slot's edge and its area; two areas are twice this apart. */
    static final double MARGIN = 1_000;

    private static final Logger log = LoggerFactory.getLogger(TestAreas.class);
    private static final List<Area> claimed = new ArrayList<>();

    private TestAreas() {
    }

    /** An area of {@code widthKm} × {@code heightKm} for the caller alone, named for the log. */
    public static synchronized Area claim(String name, double widthKm, double heightKm) {
        double maxKm = (SLOT - 2 * MARGIN) / 1000;
        if (widthKm <= 0 || heightKm <= 0 || widthKm > maxKm || heightKm > maxKm) {
            throw new IllegalArgumentException("test area " + name + " of " + widthKm + " km × " + heightKm
                    + " km: each side must be more than 0 and at most " + maxKm + " km");
        }
        for (Area area : claimed) {
            if (area.name().equals(name)) {
                throw new IllegalStateException("test area " + name + " is claimed already: " + area);
            }
        }
        int slot = claimed.size();
        if (slot == COLUMNS * ROWS) {
            throw new IllegalStateException("all " + slot + " test areas are claimed; " + name + " got none");
        }
        Area area = new Area(name, WEST + (slot % COLUMNS) * SLOT + MARGIN, SOUTH + (slot / COLUMNS) * SLOT + MARGIN,
                widthKm * 1000, heightKm * 1000);
        claimed.add(area);
        log.info("test area {} is slot {}: {}", name, slot, area);
        return area;
    }

    /**
     * Fails unless the rectangle (EPSG:4549 metres) lies inside one claimed area: fixtures are drawn
     * only on claimed land.
     */
    public static synchronized void requireClaimed(double x0, double y0, double x1, double y1) {
        for (Area area : claimed) {
            if (x0 >= area.x0() && y0 >= area.y0() && x1 <= area.x1() && y1 <= area.y1()) {
                return;
            }
        }
        throw new IllegalStateException("the rectangle x " + x0 + ".." + x1 + ", y " + y0 + ".." + y1
                + " lies in no claimed test area: claim one with TestAreas.claim and draw inside it");
    }

    /**
     * A claimed rectangle of EPSG:4549 metres: south-west corner (x0, y0), width and height in metres.
     */
    public record Area(String name, double x0, double y0, double width, double height) {

        /** How far the rectangles of {@link #originInOneTile} stay from the tile's edges. */
        static final double TILE_CLEARANCE = 50;

        public double x1() {
            return x0 + width;
        }

        public double y1() {
            return y0 + height;
        }

        /**
         * Where to put the origin of fixtures whose rectangle from (dx0, dy0) to (dx1, dy1) past it must lie
         * inside one Web Mercator tile of {@code zoom}, 50 m clear of its edges, for tests that expect a tile
         * to hold exactly those fixtures: the area's corner, or the nearest point east and north of it, in
         * steps of 10 m, where the rectangle fits. Returns {x, y}; claim room for the move (at most the
         * rectangle's size and 110 m).
         */
        public double[] originInOneTile(JdbcClient jdbc, int zoom, double dx0, double dy0, double dx1, double dy1) {
            double c = TILE_CLEARANCE;
            // Each candidate's rectangle, widened by the clearance, in Web Mercator: one tile holds all its corners.
            List<double[]> found = jdbc.sql("""
                    select o.x, o.y
                    from generate_series(0, :roomX, 10) dx, generate_series(0, :roomY, 10) dy,
                         lateral (select :x0 + dx as x, :y0 + dy as y) o,
                         lateral (select count(distinct (floor((ST_X(g) + 20037508.342789244) / (40075016.68557849 / 2 ^ :z)),
                                                         floor((20037508.342789244 - ST_Y(g)) / (40075016.68557849 / 2 ^ :z))))
                                         as tiles
                                  from (select (ST_DumpPoints(ST_Transform(ST_MakeEnvelope(o.x + :left, o.y + :bottom,
                                          o.x + :right, o.y + :top, 4549), 3857))).geom as g) p) t
                    where t.tiles = 1
                    order by dx + dy, dy
                    limit 1""")
                    .param("roomX", (int) (dx1 - dx0 + 2 * c) + 10).param("roomY", (int) (dy1 - dy0 + 2 * c) + 10)
                    .param("x0", x0).param("y0", y0).param("z", zoom)
                    .param("left", dx0 - c).param("bottom", dy0 - c).param("right", dx1 + c).param("top", dy1 + c)
                    .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).list();
            if (found.isEmpty() || found.get(0)[0] + dx1 > x1() || found.get(0)[1] + dy1 > y1()) {
                throw new IllegalStateException("no origin in " + this + " puts x +" + dx0 + "..+" + dx1 + ", y +" + dy0
                        + "..+" + dy1 + " inside one tile of zoom " + zoom);
            }
            return found.get(0);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (x %.0f..%.0f, y %.0f..%.0f, EPSG:4549)", name, x0, x1(), y0, y1());
        }
    }
}
