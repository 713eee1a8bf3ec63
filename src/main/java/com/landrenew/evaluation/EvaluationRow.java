package com.landrenew.evaluation;

import java.math.BigDecimal;

/** One enterprise's result for a zone and year: each indicator's value and score, total, class and why. */
public record EvaluationRow(String zone, int year, String creditCode, String name, String scaleGroup,
        BigDecimal landMu, BigDecimal declaredMu,
        BigDecimal taxWanPerMu, BigDecimal valueAddedWanPerMu, BigDecimal valueAddedWanPerTce,
        BigDecimal valueAddedWanPerEmissionT, BigDecimal valueAddedWanPerEmployee, BigDecimal rdSharePct,
        BigDecimal taxScore, BigDecimal valueAddedScore, BigDecimal energyScore, BigDecimal emissionScore,
        BigDecimal labourScore, BigDecimal rdScore,
        BigDecimal score, String grade, String veto, String notRated, Integer rank, Integer groupSize,
        String classLastYear) {
}
