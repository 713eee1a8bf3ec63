package com.landrenew.support;

import com.landrenew.enterprise.CreditCode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hand-built land for tests: rectangles in EPSG:4549 metres whose areas a reader can check by hand.
 * Each test class uses its own zone code on an area from {@link TestAreas#claim}: the next free slot of a fixed
 * grid clear of the sample (tiles, bbox and distance queries see every zone); fixtures outside one fail at once.
 */
public final class Fixtures {

    private static int enterprises;

    private final JdbcClient jdbc;

    public Fixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean zoneExists(String zone) {
        return jdbc.sql("select exists (select 1 from zone where code = :zone)").param("zone", zone)
                .query(Boolean.class).single();
    }

    public void zone(String code, double x0, double y0, double x1, double y1) {
        TestAreas.requireClaimed(x0, y0, x1, y1);
        jdbc.sql("insert into zone (code, name, admin_code, boundary) values (:code, :code, '330523', "
                + "ST_Multi(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549)))")
                .param("code", code).param("x0", x0).param("y0", y0).param("x1", x1).param("y1", y1).update();
    }

    public void block(String zone, String code, double x0, double y0, double x1, double y1) {
        TestAreas.requireClaimed(x0, y0, x1, y1);
        jdbc.sql("insert into block (zone_id, code, name, boundary) select id, :code, :code, "
                + "ST_Multi(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549)) from zone where code = :zone")
                .param("zone", zone).param("code", code).param("x0", x0).param("y0", y0).param("x1", x1).param("y1", y1)
                .update();
    }

    /** A parcel in use since 2010 (its first ledger event), held by {@code enterprise} (may be null). */
    public long parcel(String zone, String block, String code, double x0, double y0, double x1, double y1,
            String landUse, Integer enterprise) {
        TestAreas.requireClaimed(x0, y0, x1, y1);
        long id = jdbc.sql("""
                insert into parcel (zone_id, block_id, code, geom, land_use_code, state, enterprise_id)
                select z.id, b.id, :code, ST_Multi(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549)), :use, 'in_use', :enterprise
                from zone z left join block b on b.zone_id = z.id and b.code = :block
                where z.code = :zone
                returning id""")
                .param("zone", zone).param("block", block).param("code", code).param("x0", x0).param("y0", y0)
                .param("x1", x1).param("y1", y1).param("use", landUse).param("enterprise", enterprise)
                .query(Long.class).single();
        event(id, null, "in_use", "2010-01-01", "2010-01-01T09:00:00+08:00", null, 0);
        return id;
    }

    /** A building on the parcel: a rectangular footprint in EPSG:4549 metres. */
    public long building(long parcel, double x0, double y0, double x1, double y1, int floors, String heightM) {
        TestAreas.requireClaimed(x0, y0, x1, y1);
        return jdbc.sql("""
                insert into building (parcel_id, footprint, floors, height_m)
                values (:parcel, ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), :floors, cast(:height as numeric))
                returning id""")
                .param("parcel", parcel).param("x0", x0).param("y0", y0).param("x1", x1).param("y1", y1)
                .param("floors", floors).param("height", heightM).query(Long.class).single();
    }

    /** An enterprise with a valid, unique unified social credit code. */
    public int enterprise(String name) {
        String first17;
        synchronized (Fixtures.class) {
            first17 = String.format("913305230%07dX", ++enterprises);
        }
        String code = first17 + CreditCode.checkCharFor(first17);
        return jdbc.sql("insert into enterprise (credit_code, name, industry) values (:code, :name, 'C21') returning id")
                .param("code", code).param("name", name).query(Integer.class).single();
    }

    /** A ledger event with an explicit recording time, as an import of past records would write it. */
    public void event(long parcel, String from, String to, String effective, String recorded, Integer enterprise,
            int households) {
        jdbc.sql("""
                insert into parcel_event (parcel_id, from_state, to_state, effective_date, recorded_at, actor, reason,
                                          enterprise_id, households)
                values (:parcel, :from, :to, cast(:effective as date), cast(:recorded as timestamptz), 'test', 'fixture',
                        :enterprise, :households)""")
                .param("parcel", parcel).param("from", from).param("to", to).param("effective", effective)
                .param("recorded", recorded).param("enterprise", enterprise).param("households", households).update();
    }

    public String state(long parcel) {
        return jdbc.sql("select state from parcel where id = :id").param("id", parcel).query(String.class).single();
    }

    /** Walks a parcel along legal transitions, each effective on {@code date} and recorded the same day. */
    public void walk(long parcel, String date, String... states) {
        String from = state(parcel);
        for (String to : states) {
            event(parcel, from, to, date, date + "T10:00:00+08:00", null, 0);
            from = to;
        }
    }
}
