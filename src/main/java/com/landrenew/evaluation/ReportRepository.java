package com.landrenew.evaluation;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The figures of the auditors' yearly report, read from the results and the ledger in PostGIS. */
@Repository
class ReportRepository {

    private static final String CLASSES = """
            select r.class as evaluation_class, count(*) as enterprises, coalesce(sum(r.land_mu), 0) as land_mu
            from evaluation_result r
            where r.zone_code = :zone and r.year = :year and r.class is not null
            group by r.class order by r.class
            """;

    private static final String COUNTS = """
            select count(*) as evaluated, count(r.class) as rated,
                   coalesce(sum(r.land_mu) filter (where r.class is not null), 0) as rated_mu
            from evaluation_result r where r.zone_code = :zone and r.year = :year
            """;

    /**
     * Parcels that made a move (from one of {@code fromStates}, or any, into {@code toState}) within the
     * period, as the ledger stood at the end of asOf; each parcel once, with its own outline (parcels
     * of a zone do not overlap, so their areas add up).
     */
    private static final String MOVES = """
            select count(*) as parcels, coalesce(sum(to_mu(ST_Area(p.geom))), 0) as mu
            from parcel_all p
            where p.id in (select e.parcel_id from ledger_as_of(cast(:asOf as date)) e
                           where e.zone_id = :zoneId and e.to_state = :toState
                             and (cast(:fromState as text) is null or e.from_state = cast(:fromState as text))
                             and e.effective_date between cast(:from as date) and cast(:to as date))
            """;

    /**
     * The land of the enterprises under a plan of this year's evaluation: the parcels they hold in the
     * zone, and those they held until the ledger freed them (the freeing event names the holder).
     */
    private static final String UNDER_PLAN = """
            with planned as (
              select enterprise_id from enterprise_plan where zone_id = :zoneId and evaluation_year = :year
            )
            select (select count(*) from planned) as plans, count(p.id) as parcels,
                   coalesce(sum(to_mu(ST_Area(p.geom))), 0) as mu
            from parcel_all p
            where p.zone_id = :zoneId
              and (p.enterprise_id in (select enterprise_id from planned)
                   or p.id in (select e.parcel_id from ledger_as_of(cast(:asOf as date)) e
                               where e.zone_id = :zoneId and e.enterprise_id in (select enterprise_id from planned)))
              and parcel_current_as_of(p.retired_on, p.retired_at, cast(:asOf as date))
            """;

    /** Per-mu figures of the zone by year: totals (per-mu × land) over the total land, so large holders weigh more. */
    private static final String YEARS = """
            select r.year, count(*) as enterprises,
                   round(sum(r.tax_wan_per_mu * r.land_mu) filter (where r.tax_wan_per_mu is not null)
                         / nullif(sum(r.land_mu) filter (where r.tax_wan_per_mu is not null), 0), 2) as tax,
                   round(sum(r.value_added_wan_per_mu * r.land_mu) filter (where r.value_added_wan_per_mu is not null)
                         / nullif(sum(r.land_mu) filter (where r.value_added_wan_per_mu is not null), 0), 2) as value_added
            from evaluation_result r
            where r.zone_code = :zone and r.year <= :year
            group by r.year order by r.year
            """;

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Counts(int evaluated, int rated, double ratedMu) {
    }

    Counts counts(String zone, int year) {
        return jdbc.sql(COUNTS).param("zone", zone).param("year", year).query(Counts.class).single();
    }

    List<EvaluationReport.ClassRow> classes(String zone, int year) {
        return jdbc.sql(CLASSES).param("zone", zone).param("year", year).query(EvaluationReport.ClassRow.class).list();
    }

    EvaluationReport.Land moves(int zoneId, String fromState, String toState, LocalDate from, LocalDate to, LocalDate asOf) {
        return jdbc.sql(MOVES).param("zoneId", zoneId).param("fromState", fromState).param("toState", toState)
                .param("from", from).param("to", to).param("asOf", asOf).query(EvaluationReport.Land.class).single();
    }

    record UnderPlan(int plans, int parcels, double mu) {
    }

    UnderPlan underPlan(int zoneId, int year, LocalDate asOf) {
        return jdbc.sql(UNDER_PLAN).param("zoneId", zoneId).param("year", year).param("asOf", asOf)
                .query(UnderPlan.class).single();
    }

    List<EvaluationReport.YearRow> years(String zone, int year) {
        return jdbc.sql(YEARS).param("zone", zone).param("year", year)
                .query((rs, i) -> new EvaluationReport.YearRow(rs.getInt("year"), rs.getInt("enterprises"),
                        Numbers.nullable(rs, "tax"), Numbers.nullable(rs, "value_added")))
                .list();
    }
}
