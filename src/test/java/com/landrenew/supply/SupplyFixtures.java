package com.landrenew.supply;

import java.util.List;
import java.util.Map;

import com.landrenew.support.Fixtures;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Land for the supply tests: 100 m squares (15 mu) and their readiness facts, in zones of their own on
 * land each test claims (TestAreas). Parcels reach their state through the ledger, as real ones do.
 */
public final class SupplyFixtures {

    /** How each fixture state is reached from in_use, all on one day of 2024. */
    private static final Map<String, List<String>> WALK = Map.of(
            "in_use", List.of(),
            "vacated", List.of("vacating", "vacated"),
            "stored", List.of("vacating", "vacated", "stored"),
            "prepared", List.of("vacating", "vacated", "stored", "prepared"));
    static final String LEDGER_DAY = "2024-01-10";

    private final JdbcClient jdbc;
    private final Fixtures fixtures;

    public SupplyFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.fixtures = new Fixtures(jdbc);
    }

    public Fixtures fixtures() {
        return fixtures;
    }

    /** A 4 km × 2 km zone with its south-west corner at (x, y), made once per test run. */
    public void zone(String zone, double x, double y) {
        synchronized (SupplyFixtures.class) {
            if (!fixtures.zoneExists(zone)) {
                fixtures.zone(zone, x, y, x + 4000, y + 2000);
            }
        }
    }

    /** A parcel of class 2 industrial land in {@code state}, walked there through the ledger. */
    public long parcel(String zone, String code, double x0, double y0, double x1, double y1, String state) {
        return parcel(zone, null, code, x0, y0, x1, y1, state);
    }

    public long parcel(String zone, String block, String code, double x0, double y0, double x1, double y1, String state) {
        long id = fixtures.parcel(zone, block, code, x0, y0, x1, y1, "100102", null);
        fixtures.walk(id, LEDGER_DAY, WALK.get(state).toArray(String[]::new));
        return id;
    }

    /** Every fact the parcel requires done on {@code doneOn}: it is ready (since then). */
    public void ready(long parcel, String doneOn) {
        fact(parcel, "stored", LEDGER_DAY, null);
        for (String fact : List.of("cleared", "water", "power", "road", "planning_conditions")) {
            fact(parcel, fact, doneOn, null);
        }
    }

    /** Stored and cleared, but the planning conditions are expected on {@code expectedOn}: ready then. */
    public void expected(long parcel, String expectedOn) {
        fact(parcel, "stored", LEDGER_DAY, null);
        fact(parcel, "cleared", "2025-03-01", null);
        fact(parcel, "planning_conditions", null, expectedOn);
    }

    public void fact(long parcel, String fact, String doneOn, String expectedOn) {
        jdbc.sql("""
                insert into parcel_readiness (parcel_id, fact, required, done_on, expected_on)
                values (:parcel, :fact, true, cast(:done as date), cast(:expected as date))""")
                .param("parcel", parcel).param("fact", fact).param("done", doneOn).param("expected", expectedOn)
                .update();
    }
}
