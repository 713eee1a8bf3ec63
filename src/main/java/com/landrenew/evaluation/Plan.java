package com.landrenew.evaluation;

import java.time.LocalDate;

/**
 * A 一企一策 plan with what came of it: the holder's class the year it was made, its land in the zone
 * (mu), and the next year's evaluation: {@code targetMet} is true when every target given was reached,
 * false when one was missed or its figure is missing, null before the next year's evaluation (or when
 * the plan sets no target).
 */
record Plan(int id, String zone, int year, String creditCode, String enterprise, String kind, String kindName,
        LocalDate due, Double targetTaxWanPerMu, Double targetValueAddedWanPerMu, String note, String project,
        String evaluationClass, double landMu, Next next, Boolean targetMet) {

    /** The enterprise's evaluation the year after (null fields until it exists). */
    record Next(Integer year, String evaluationClass, Double taxWanPerMu, Double valueAddedWanPerMu) {
    }

    /** The kinds of plan and their names, Chinese first. */
    static String kindName(String kind) {
        return switch (kind) {
            case "improve" -> "提升改造 Improve in place";
            case "merge" -> "兼并重组 Merge";
            case "relocate" -> "腾退 Relocate";
            case "close" -> "关停 Close";
            default -> kind;
        };
    }
}
