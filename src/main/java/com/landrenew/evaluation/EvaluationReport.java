package com.landrenew.evaluation;

import java.time.LocalDate;
import java.util.List;

/**
 * The auditors' yearly report of one zone: the evaluation (enterprises rated, each class with its
 * land), the renewal work that followed in the year as the ledger stood at the year's end (or today,
 * for the current year), and the zone's per-mu figures over the years.
 */
record EvaluationReport(String zone, String zoneName, int year, LocalDate from, LocalDate to, LocalDate asOf,
        int enterprisesEvaluated, int enterprisesRated, double ratedLandMu, List<ClassRow> classes, Work work,
        List<YearRow> years) {

    /** One class (A, B, C, D): how many enterprises and the land they hold in the zone (mu). */
    record ClassRow(String evaluationClass, int enterprises, double landMu) {
    }

    /** Parcels and their official area (mu). */
    record Land(int parcels, double mu) {
    }

    /**
     * The year's renewal work: land marked low-efficiency, the land of the enterprises under a 一企一策
     * plan of this year's evaluation, land improved in place (low-efficiency back to in use), land whose
     * vacating began, and land freed (the tally's figure: vacated or later).
     */
    record Work(Land lowEfficiencyIdentified, int plans, Land underPlan, Land improvedInPlace, Land vacating,
            Land freed, int enterprisesMovedOut) {
    }

    /** The zone's 亩均税收 and 亩均增加值 (万元/亩) of a year: totals over the land of the enterprises with the figure. */
    record YearRow(int year, int enterprises, Double taxWanPerMu, Double valueAddedWanPerMu) {
    }
}
