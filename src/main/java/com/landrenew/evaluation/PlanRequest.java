package com.landrenew.evaluation;

import java.time.LocalDate;

/**
 * A 一企一策 plan as a planner writes it: the enterprise (credit code), zone and evaluation year it
 * follows, its kind (improve, merge, relocate, close), due date, targets (万元/亩, either may be left
 * out), a note, and optionally the renewal project (code) the enterprise's land in the zone joins.
 */
record PlanRequest(String creditCode, String zone, Integer year, String kind, LocalDate due,
        Double targetTaxWanPerMu, Double targetValueAddedWanPerMu, String note, String project) {
}
