package com.landrenew.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The holders' land per zone (holder_land, V27), which the yearly evaluation reads instead of summing parcel areas,
 * follows every kind of parcel change: new parcels (one and several in a statement), a holder that leaves when its
 * plot is vacated, a holder changed, an outline edited, a parcel deleted. After each, the sums are compared with
 * an independent count and ST_Area of the zone's current parcels, and with a recount (refresh_parcel_stats).
 */
@LandRenewTest
class HolderLandTest {

    static final String ZONE = "holder-land";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Flyway flyway;

    @Test
    void theSumsFollowEveryParcelChange() {
        Fixtures fixtures = new Fixtures(jdbc);
        double x = AREA.x0();
        double y = AREA.y0();
        fixtures.zone(ZONE, x, y, x + 1000, y + 1000);
        int a = fixtures.enterprise("持地企业甲");
        int b = fixtures.enterprise("持地企业乙");
        long p1 = fixtures.parcel(ZONE, null, "HL-1", x + 100, y + 100, x + 200, y + 200, "100101", a);
        long p2 = fixtures.parcel(ZONE, null, "HL-2", x + 300, y + 100, x + 500, y + 200, "100101", a);
        long p3 = fixtures.parcel(ZONE, null, "HL-3", x + 600, y + 100, x + 650, y + 140, "100101", b);
        assertSums(Map.of(a, new double[] {2, 30_000}, b, new double[] {1, 2_000}));

        fixtures.walk(p2, "2025-03-01", "low_efficiency", "vacating", "vacated");   // a vacated plot has no holder
        assertSums(Map.of(a, new double[] {1, 10_000}, b, new double[] {1, 2_000}));

        jdbc.sql("update parcel set enterprise_id = :b where id = :id").param("b", b).param("id", p1).update();
        jdbc.sql("update parcel set geom = ST_Multi(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549)) where id = :id")
                .param("x0", x + 600).param("y0", y + 100).param("x1", x + 660).param("y1", y + 150).param("id", p3).update();
        assertSums(Map.of(b, new double[] {2, 13_000}));

        jdbc.sql("""
                insert into parcel (zone_id, code, geom, land_use_code, state, enterprise_id)
                select z.id, 'HL-N' || i, ST_Multi(ST_MakeEnvelope(:x + 100 * i, :y + 500, :x + 100 * i + 50, :y + 550, 4549)),
                       '100101', 'in_use', :a
                from zone z, generate_series(1, 3) i where z.code = :zone""")
                .param("x", x).param("y", y).param("a", a).param("zone", ZONE).update();
        assertSums(Map.of(a, new double[] {3, 7_500}, b, new double[] {2, 13_000}));

        jdbc.sql("delete from parcel where code = 'HL-N1' and zone_id = (select id from zone where code = :zone)")
                .param("zone", ZONE).update();
        assertSums(Map.of(a, new double[] {2, 5_000}, b, new double[] {2, 13_000}));
    }

    /** The zone's holder_land rows with parcels: as expected, as an independent sum, and as a recount has them. */
    private void assertSums(Map<Integer, double[]> expected) {
        Map<Integer, double[]> kept = sums("""
                select h.enterprise_id, h.parcels, h.area_m2 from holder_land h join zone z on z.id = h.zone_id
                where z.code = :zone and h.parcels > 0""");
        Map<Integer, double[]> counted = sums("""
                select p.enterprise_id, count(*), sum(ST_Area(p.geom)) from parcel p join zone z on z.id = p.zone_id
                where z.code = :zone and p.enterprise_id is not null group by p.enterprise_id""");
        assertThat(kept.keySet()).isEqualTo(new TreeMap<>(expected).keySet()).isEqualTo(counted.keySet());
        for (Integer holder : expected.keySet()) {
            assertThat(kept.get(holder)[0]).as("parcels of %d", holder).isEqualTo(expected.get(holder)[0])
                    .isEqualTo(counted.get(holder)[0]);
            assertThat(kept.get(holder)[1]).as("m² of %d", holder).isCloseTo(expected.get(holder)[1], within(1e-6))
                    .isCloseTo(counted.get(holder)[1], within(1e-6));
        }
        // the land in mu (V29), which the results show: m² × 15 / 10000 to 2 decimals
        for (Integer holder : expected.keySet()) {
            BigDecimal mu = jdbc.sql("""
                    select h.mu from holder_land h join zone z on z.id = h.zone_id
                    where z.code = :zone and h.enterprise_id = :holder""")
                    .param("zone", ZONE).param("holder", holder).query(BigDecimal.class).single();
            assertThat(mu).as("mu of %d", holder).isEqualTo(BigDecimal.valueOf(expected.get(holder)[1])
                    .multiply(BigDecimal.valueOf(15)).divide(BigDecimal.valueOf(10_000)).setScale(2, RoundingMode.HALF_UP));
        }
        // the recount writes the sums, which only the owner (and its triggers) may
        JdbcClient.create(flyway.getConfiguration().getDataSource()).sql("select refresh_parcel_stats()").query().singleRow();
        Map<Integer, double[]> recounted = sums("""
                select h.enterprise_id, h.parcels, h.area_m2 from holder_land h join zone z on z.id = h.zone_id
                where z.code = :zone and h.parcels > 0""");
        assertThat(recounted.keySet()).isEqualTo(kept.keySet());
        for (Integer holder : kept.keySet()) {
            assertThat(recounted.get(holder)[0]).isEqualTo(kept.get(holder)[0]);
            assertThat(recounted.get(holder)[1]).isCloseTo(kept.get(holder)[1], within(1e-6));
        }
    }

    private Map<Integer, double[]> sums(String sql) {
        Map<Integer, double[]> sums = new TreeMap<>();
        jdbc.sql(sql).param("zone", ZONE).query((rs, i) -> sums.put(rs.getInt(1), new double[] {rs.getDouble(2), rs.getDouble(3)}))
                .list();
        return sums;
    }
}
