package com.landrenew.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A province-scale data set for the map benchmark: 1,000,000 parcels in 84 zones (Zhejiang has 84
 * development zones) with about 1.6 million buildings, streamed into PostGIS with COPY (PostgreSQL
 * JDBC CopyManager) by two connections at once. Each zone is 12 blocks of up to 993 parcels in a
 * street grid; column widths (70-129 m) and row depths (55-104 m) vary, and every corner is moved by
 * up to 4 m, so parcels are irregular quadrilaterals. States, land uses, leases and buildings are drawn
 * from fixed hashes: the set is the same on every machine. Cleared land (vacated to supplied) has no
 * buildings. Foreign keys are not checked while loading (session_replication_role = replica): every
 * reference is made here, and the ids are assigned here too.
 */
final class ProvinceDataset {

    static final int ZONES = 84;
    static final int PARCELS = 1_000_000;
    static final int PER_ZONE = (PARCELS + ZONES - 1) / ZONES;   // 11,905; the last zone has the rest
    static final int BLOCKS_PER_ZONE = 12;
    static final int PER_BLOCK = (PER_ZONE + BLOCKS_PER_ZONE - 1) / BLOCKS_PER_ZONE;   // 993
    static final int COLUMNS = 40;
    static final int ROWS = (PER_BLOCK + COLUMNS - 1) / COLUMNS;   // 25
    static final double STREET = 12;
    static final double[] COLUMN_X = new double[COLUMNS + 1];
    static final double[] ROW_Y = new double[ROWS + 1];

    static {
        for (int c = 0; c < COLUMNS; c++) {
            COLUMN_X[c + 1] = COLUMN_X[c] + 70 + (c * 37 % 60) + STREET;
        }
        for (int r = 0; r < ROWS; r++) {
            ROW_Y[r + 1] = ROW_Y[r] + 55 + (r * 53 % 50) + STREET;
        }
    }

    static final double BLOCK_W = COLUMN_X[COLUMNS];
    static final double BLOCK_H = ROW_Y[ROWS];

    private static final String[] LAND_USES = {"100101", "100102", "100102", "100102", "100103", "110101", "1001", "0901"};
    /** Life-cycle states with their share in thousandths. */
    private static final String[] STATES = {"in_use", "low_efficiency", "vacating", "vacated", "stored", "prepared",
            "supplied", "under_construction", "completed", "in_production"};
    private static final int[] SHARES = {450, 100, 40, 30, 50, 40, 60, 50, 30, 150};

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    ProvinceDataset(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    static String zoneCode(int zone) {
        return String.format("prov-%02d", zone + 1);
    }

    static int parcelsIn(int zone) {
        return Math.min(PER_ZONE, PARCELS - zone * PER_ZONE);
    }

    /** Where zone {@code zone} (0-83) starts, in EPSG:4549 metres: a 12 x 7 grid 40 km apart. */
    static double[] origin(int zone) {
        return new double[] {300000 + (zone % 12) * 40000.0, 2950000 + (zone / 12) * 40000.0};
    }

    static double[] blockOrigin(int zone, int block) {
        double[] o = origin(zone);
        return new double[] {o[0] + (block % 4) * (BLOCK_W + 60), o[1] + (block / 4) * (BLOCK_H + 60)};
    }

    /** Generates the data set unless the database already holds it. */
    void ensure() throws Exception {
        Long present = jdbc.queryForObject("select count(*) from parcel p join zone z on z.id = p.zone_id "
                + "where z.code like 'prov-%'", Long.class);
        if (present != null && present == PARCELS) {
            System.out.printf("province data set present: %,d parcels in %d zones%n", present, ZONES);
            countParcelsIfMissing(jdbc, "prov-%");
            return;
        }
        if (present != null && present > 0) {
            throw new IllegalStateException("the bench database holds a partial province set (" + present
                    + " parcels); delete .landrenew/postgis-bench to regenerate");
        }
        long start = System.nanoTime();
        // zones and blocks left by a run that stopped before its parcels were in
        jdbc.update("delete from block where zone_id in (select id from zone where code like 'prov-%')");
        jdbc.update("delete from zone where code like 'prov-%'");
        int[] zoneIds = insertZones();
        int[][] blockIds = insertBlocks(zoneIds);
        // parcel_all: ids of retired parcels (split or merged) are taken too
        long firstParcelId = jdbc.queryForObject("select coalesce(max(id), 0) + 1 from parcel_all", Long.class);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int worker = 0; worker < 2; worker++) {
                int w = worker;
                parts.add(workers.submit(() -> load(w, zoneIds, blockIds, firstParcelId)));
            }
            long parcels = 0;
            long buildings = 0;
            for (Future<long[]> part : parts) {
                long[] counts = part.get();
                parcels += counts[0];
                buildings += counts[1];
            }
            jdbc.queryForObject("select setval('parcel_id_seq', (select max(id) from parcel_all))", Long.class);
            double loaded = (System.nanoTime() - start) / 1e9;
            countParcels(jdbc);
            jdbc.execute("analyze zone");
            jdbc.execute("analyze block");
            jdbc.execute("analyze parcel_all");
            jdbc.execute("analyze building");
            System.out.printf("generated %,d parcels and %,d buildings in %d zones: COPY %.0f s, with ANALYZE %.0f s%n",
                    parcels, buildings, ZONES, loaded, (System.nanoTime() - start) / 1e9);
        } finally {
            workers.shutdown();
        }
    }

    /**
     * Counts parcels and areas per block and state again (parcel_stats, V11, which zoom-12 tiles and the
     * zone list read): its trigger does not fire in a load with session_replication_role = replica.
     */
    static void countParcels(JdbcTemplate jdbc) {
        long start = System.nanoTime();
        jdbc.execute("select refresh_parcel_stats()");
        jdbc.execute("analyze parcel_stats");
        System.out.printf("parcel_stats counted again in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** As {@link #countParcels}, when the zones named by the pattern have no counts (a set loaded before V11). */
    static void countParcelsIfMissing(JdbcTemplate jdbc, String zoneCodes) {
        Boolean missing = jdbc.queryForObject("""
                select not exists (select 1 from parcel_stats s join zone z on z.id = s.zone_id where z.code like ?)""",
                Boolean.class, zoneCodes);
        if (Boolean.TRUE.equals(missing)) {
            countParcels(jdbc);
        }
    }

    private int[] insertZones() {
        int[] ids = new int[ZONES];
        for (int z = 0; z < ZONES; z++) {
            double[] o = origin(z);
            double[] far = blockOrigin(z, BLOCKS_PER_ZONE - 1);
            ids[z] = jdbc.queryForObject("""
                    insert into zone (code, name, admin_code, boundary)
                    values (?, ?, '330100', ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4549))) returning id""", Integer.class,
                    zoneCode(z), "省级基准开发区" + (z + 1), o[0] - 100, o[1] - 100, far[0] + BLOCK_W + 100,
                    far[1] + BLOCK_H + 100);
        }
        return ids;
    }

    private int[][] insertBlocks(int[] zoneIds) {
        int[][] ids = new int[ZONES][BLOCKS_PER_ZONE];
        for (int z = 0; z < ZONES; z++) {
            for (int b = 0; b < BLOCKS_PER_ZONE; b++) {
                double[] o = blockOrigin(z, b);
                ids[z][b] = jdbc.queryForObject("""
                        insert into block (zone_id, code, name, boundary)
                        values (?, ?, ?, ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4549))) returning id""", Integer.class,
                        zoneIds[z], String.format("b%02d", b + 1), "区块" + (b + 1), o[0], o[1], o[0] + BLOCK_W,
                        o[1] + BLOCK_H);
            }
        }
        return ids;
    }

    /** Loads the parcels, then the buildings, of every other zone (by {@code worker}) on its own connection. */
    private long[] load(int worker, int[] zoneIds, int[][] blockIds, long firstParcelId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("set session_replication_role = replica");
            }
            PGConnection pg = connection.unwrap(PGConnection.class);
            long[] parcels = {0};
            // COPY cannot write through the view parcel (the current parcels): it writes the table.
            copy(pg, """
                    copy parcel_all (id, zone_id, block_id, code, geom, land_use_code, state, lease_start, lease_end,
                                 construction_due, far_min, far_max, height_limit_m) from stdin""", worker,
                    (rows, z, i) -> {
                        parcelRow(rows, firstParcelId + (long) z * PER_ZONE + i, z, i, zoneIds, blockIds);
                        parcels[0]++;
                    });
            connection.commit();
            long[] buildings = {0};
            copy(pg, "copy building (parcel_id, footprint, floors, height_m) from stdin", worker,
                    (rows, z, i) -> buildings[0] += buildingRows(rows, firstParcelId + (long) z * PER_ZONE + i, z, i));
            connection.commit();
            try (var statement = connection.createStatement()) {
                statement.execute("set session_replication_role = origin");
            }
            return new long[] {parcels[0], buildings[0]};
        }
    }

    /** Writes the rows of one worker's zones. */
    interface RowWriter {
        void write(StringBuilder rows, int zone, int index);
    }

    /** One COPY of every other zone's rows, in 1 MB writes; cancelled if anything fails, so the connection is usable again. */
    private static void copy(PGConnection pg, String sql, int worker, RowWriter writer) throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn(sql);
        try {
            StringBuilder rows = new StringBuilder(1 << 20);
            for (int z = worker; z < ZONES; z += 2) {
                for (int i = 0; i < parcelsIn(z); i++) {
                    writer.write(rows, z, i);
                    if (rows.length() > (1 << 20) - 8192) {
                        flush(copy, rows);
                    }
                }
            }
            flush(copy, rows);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    private static void parcelRow(StringBuilder row, long id, int z, int i, int[] zoneIds, int[][] blockIds) {
        int b = i / PER_BLOCK;
        int s = i % PER_BLOCK;
        double[][] ring = parcelRing(z, b, s);
        long h = hash(z, i);
        String state = state(h);
        String landUse = LAND_USES[(int) ((h >>> 20) % LAND_USES.length)];
        int stateIndex = List.of(STATES).indexOf(state);
        boolean cleared = stateIndex >= 3 && stateIndex <= 5;
        LocalDate leaseStart = cleared ? null : LocalDate.of(1995, 1, 1).plusDays((h >>> 8) % 10950);
        LocalDate due = stateIndex >= 6 ? LocalDate.of(2018, 1, 1).plusDays((h >>> 12) % 3000) : null;
        row.append(id).append('\t').append(zoneIds[z]).append('\t').append(blockIds[z][b]).append('\t')
                .append(zoneCode(z)).append('-').append(String.format("%02d-%04d", b + 1, s)).append('\t')
                .append(ewkb(ring, true)).append('\t').append(landUse).append('\t').append(state).append('\t')
                .append(leaseStart == null ? "\\N" : leaseStart.toString()).append('\t')
                .append(leaseStart == null ? "\\N" : leaseStart.plusYears(50).minusDays(1).toString()).append('\t')
                .append(due == null ? "\\N" : due.toString()).append('\t')
                .append((h >>> 30) % 2 == 0 ? "1.00" : "1.20").append('\t')
                .append(2 + (h >>> 32) % 3).append(".00\t")
                .append(new int[] {24, 36, 50}[(int) ((h >>> 36) % 3)]).append(".0\n");
    }

    /** 0-4 buildings side by side inside the parcel (none on cleared land); answers how many. */
    private static int buildingRows(StringBuilder rows, long parcelId, int z, int i) {
        long h = hash(z, i);
        int stateIndex = List.of(STATES).indexOf(state(h));
        if (stateIndex >= 3 && stateIndex <= 6) {
            return 0;
        }
        int count = (int) ((h >>> 40) % 5);
        if (count == 0) {
            return 0;
        }
        int b = i / PER_BLOCK;
        int s = i % PER_BLOCK;
        double[] cell = cell(z, b, s);
        double x0 = cell[0] + 10;
        double y0 = cell[1] + 10;
        double width = (cell[2] - cell[0] - 20 - (count - 1) * 6) / count;
        double depth = cell[3] - cell[1] - 20;
        for (int k = 0; k < count; k++) {
            double bx = x0 + k * (width + 6);
            double bDepth = depth * (0.55 + ((h >>> (44 + k)) & 7) * 0.05);
            int floors = 1 + (int) ((h >>> (48 + 2 * k)) % 12);
            rows.append(parcelId).append('\t')
                    .append(ewkb(new double[][] {{bx, y0}, {bx + width, y0}, {bx + width, y0 + bDepth}, {bx, y0 + bDepth},
                            {bx, y0}}, false))
                    .append('\t').append(floors).append('\t').append(String.format("%.1f", floors * 4.2)).append('\n');
        }
        return count;
    }

    /** The parcel's grid cell, streets excluded: minX, minY, maxX, maxY. */
    private static double[] cell(int z, int b, int s) {
        double[] o = blockOrigin(z, b);
        int c = s % COLUMNS;
        int r = s / COLUMNS;
        return new double[] {o[0] + COLUMN_X[c], o[1] + ROW_Y[r], o[0] + COLUMN_X[c + 1] - STREET,
                o[1] + ROW_Y[r + 1] - STREET};
    }

    /** The cell with each corner moved by up to 4 m, counter-clockwise and closed. */
    private static double[][] parcelRing(int z, int b, int s) {
        double[] c = cell(z, b, s);
        long h = hash(z, b * PER_BLOCK + s) ^ 0x9E3779B97F4A7C15L;
        double[][] corners = {{c[0], c[1]}, {c[2], c[1]}, {c[2], c[3]}, {c[0], c[3]}};
        double[][] ring = new double[5][];
        for (int k = 0; k < 4; k++) {
            ring[k] = new double[] {corners[k][0] + ((h >>> (8 * k)) % 9) - 4, corners[k][1] + ((h >>> (8 * k + 4)) % 9) - 4};
        }
        ring[4] = ring[0];
        return ring;
    }

    private static String state(long h) {
        int draw = (int) (h % 1000);
        for (int k = 0; k < STATES.length; k++) {
            draw -= SHARES[k];
            if (draw < 0) {
                return STATES[k];
            }
        }
        return STATES[0];
    }

    /** A fixed 64-bit mix of two numbers (splitmix64), non-negative. */
    private static long hash(int a, int b) {
        long x = a * 0x100000001B3L + b + 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return (x ^ (x >>> 31)) & Long.MAX_VALUE;
    }

    /** Hex EWKB of one ring in EPSG:4549, as a polygon or a one-polygon multipolygon. */
    private static String ewkb(double[][] ring, boolean multi) {
        ByteBuffer wkb = ByteBuffer.allocate((multi ? 18 : 9) + 4 + 4 + ring.length * 16).order(ByteOrder.LITTLE_ENDIAN);
        if (multi) {
            wkb.put((byte) 1).putInt(0x20000006).putInt(4549).putInt(1);
            wkb.put((byte) 1).putInt(3);
        } else {
            wkb.put((byte) 1).putInt(0x20000003).putInt(4549);
        }
        wkb.putInt(1).putInt(ring.length);
        for (double[] p : ring) {
            wkb.putDouble(p[0]).putDouble(p[1]);
        }
        return HexFormat.of().formatHex(wkb.array());
    }
}
