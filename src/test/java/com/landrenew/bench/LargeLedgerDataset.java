package com.landrenew.bench;

import java.util.ArrayList;
import java.util.List;

import com.landrenew.enterprise.CreditCode;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmark's data set, generated inside PostGIS: {@code zones} zones of 10 blocks of 1,000
 * parcels (100 m x 80 m, 10 m streets) and five ledger events per parcel (registered in use, flagged
 * low-efficiency, vacating, vacated, stored) spread over 2015-2026. 20 zones give 200,000 parcels and
 * 1,000,000 events. The sequences are legal by construction, so the per-row ledger trigger is skipped
 * while loading (session_replication_role = replica; the events' zone is then written here) to keep
 * generation to about 15 seconds.
 */
final class LargeLedgerDataset {

    static final int PARCELS_PER_BLOCK = 1000;
    static final int BLOCKS_PER_ZONE = 10;
    static final int ENTERPRISES = 10_000;

    private final JdbcTemplate jdbc;

    LargeLedgerDataset(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Generates the data set unless the database already holds it. */
    void ensure(int zones) {
        Integer parcels = jdbc.queryForObject("select count(*) from parcel p join zone z on z.id = p.zone_id "
                + "where z.code like 'bench-%'", Integer.class);
        int wanted = zones * BLOCKS_PER_ZONE * PARCELS_PER_BLOCK;
        if (parcels != null && parcels == wanted) {
            System.out.printf("data set present: %,d parcels%n", parcels);
            ProvinceDataset.countParcelsIfMissing(jdbc, "bench-%");
            return;
        }
        if (parcels != null && parcels > 0) {
            throw new IllegalStateException("the bench database holds a different data set (" + parcels
                    + " parcels); delete .landrenew/postgis-bench to regenerate");
        }
        long start = System.nanoTime();
        jdbc.execute("set session_replication_role = replica");
        try {
            insertEnterprises();
            jdbc.update("""
                    insert into zone (code, name, admin_code, boundary)
                    select 'bench-' || lpad(z::text, 2, '0'), '基准开发区' || z, '330100',
                           ST_Multi(ST_MakeEnvelope(x0, y0, x0 + 5 * 2800, y0 + 2 * 3650, 4549))
                    from generate_series(1, ?) z
                    cross join lateral (select 400000 + ((z - 1) % 5) * 30000.0 as x0,
                                               3250000 + ((z - 1) / 5) * 30000.0 as y0) origin
                    """, zones);
            jdbc.update("""
                    insert into block (zone_id, code, name, boundary)
                    select z.id, 'b' || b, '区块' || b,
                           ST_Multi(ST_MakeEnvelope(ST_XMin(z.boundary) + (b % 5) * 2800,
                                                    ST_YMin(z.boundary) + (b / 5) * 3650,
                                                    ST_XMin(z.boundary) + (b % 5) * 2800 + 2750,
                                                    ST_YMin(z.boundary) + (b / 5) * 3650 + 3600, 4549))
                    from zone z cross join generate_series(0, ?) b
                    where z.code like 'bench-%'
                    """, BLOCKS_PER_ZONE - 1);
            jdbc.update("""
                    insert into parcel (zone_id, block_id, code, geom, land_use_code, state)
                    select b.zone_id, b.id, b.code || '-' || lpad(i::text, 4, '0'),
                           ST_Multi(ST_MakeEnvelope(ST_XMin(b.boundary) + (i % 25) * 110, ST_YMin(b.boundary) + (i / 25) * 90,
                                                    ST_XMin(b.boundary) + (i % 25) * 110 + 100,
                                                    ST_YMin(b.boundary) + (i / 25) * 90 + 80, 4549)),
                           '100102', 'stored'
                    from block b join zone z on z.id = b.zone_id
                    cross join generate_series(0, ? - 1) i
                    where z.code like 'bench-%'
                    """, PARCELS_PER_BLOCK);
            jdbc.update("""
                    insert into parcel_event (parcel_id, from_state, to_state, effective_date, recorded_at, actor, reason,
                                              enterprise_id, households, zone_id)
                    select p.id, step.from_state, step.to_state, day, day + (p.id % 10) * interval '1 day' + interval '10 hours',
                           'bench', 'generated', case when step.to_state = 'vacated' then e0.first + (p.id % ?)::int end, 0,
                           p.zone_id
                    from parcel p
                    cross join (select min(id) as first from enterprise where credit_code like '913301000%') e0
                    join zone z on z.id = p.zone_id
                    cross join lateral (select date '2015-01-01' + (p.id * 7919 % 3700)::int as base) b
                    cross join lateral (values (1, null, 'in_use', 0), (2, 'in_use', 'low_efficiency', 0),
                                               (3, 'low_efficiency', 'vacating', 60), (4, 'vacating', 'vacated', 150),
                                               (5, 'vacated', 'stored', 240)) as step(n, from_state, to_state, after)
                    cross join lateral (select case when step.n = 1 then date '2005-01-01' + (p.id % 3000)::int
                                                    else b.base + step.after end as day) d
                    where z.code like 'bench-%'
                    order by p.id, step.n
                    """, ENTERPRISES);
        } finally {
            jdbc.execute("set session_replication_role = origin");
        }
        ProvinceDataset.countParcels(jdbc);
        jdbc.execute("analyze");
        System.out.printf("generated %,d parcels and %,d events in %.0f s%n",
                jdbc.queryForObject("select count(*) from parcel", Long.class),
                jdbc.queryForObject("select count(*) from parcel_event", Long.class), (System.nanoTime() - start) / 1e9);
    }

    private void insertEnterprises() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= ENTERPRISES; i++) {
            String first17 = String.format("913301000%07dB", i);
            rows.add(new Object[] {first17 + CreditCode.checkCharFor(first17), "基准企业" + i});
        }
        jdbc.batchUpdate("insert into enterprise (credit_code, name, industry) values (?, ?, 'C34')", rows);
    }
}
