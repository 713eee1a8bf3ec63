package com.landrenew.renewal;

import java.time.LocalDate;
import java.util.List;

import com.landrenew.geo.Area;

/** The auditors' figures for one scope and period, as a report printed on {@code asOf} would show them. */
record Tally(Named zone, Project project, LocalDate from, LocalDate to, LocalDate asOf, String groupBy,
        Row total, List<Row> blocks, List<PeriodRow> series, Idle idle) {

    record Named(String code, String name) {
    }

    record Targets(int enterprises, int households, double mu) {
    }

    record Project(String code, String name, LocalDate started, LocalDate deadline, Targets targets) {
    }

    /** Land freed in one reported area: parcels, enterprises moved out, households relocated, area. */
    record Freed(int parcels, int enterprises, int households, Area area) {
    }

    record Percent(Double enterprises, Double households, Double mu) {
    }

    record Row(String code, String name, Area areaOfScope, Freed freed, Percent percentOfTarget) {

        /** This row with its percent done against the project's targets (none without targets: a zone has none). */
        Row withTargets(Targets targets) {
            Percent percent = targets == null ? null : new Percent(percent(freed.enterprises(), targets.enterprises()),
                    percent(freed.households(), targets.households()), percent(freed.area().mu(), targets.mu()));
            return new Row(code, name, areaOfScope, freed, percent);
        }
    }

    private static Double percent(double done, double target) {
        return target <= 0 ? null : Math.round(done / target * 1000) / 10.0;
    }

    /** One month, quarter or year: land freed in it and the running total since the period began. */
    record PeriodRow(String period, LocalDate start, Area freed, Area cumulative, int cumulativeEnterprises,
            int cumulativeHouseholds) {
    }

    record IdleParcel(String code, String block, LocalDate constructionDue, Area area) {
    }

    /** Supplied land whose construction has not started a year after the contracted date (闲置土地). */
    record Idle(int count, Area area, List<IdleParcel> parcels) {
    }
}
