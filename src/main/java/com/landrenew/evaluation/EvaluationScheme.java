package com.landrenew.evaluation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A zone's 亩均效益评价 scheme for a year, as the API shows and takes it (PUT sends the same shape; zone,
 * year, saved, names and units are ignored there). {@link #problems()} lists, Chinese first, whatever
 * is out of bounds.
 */
public record EvaluationScheme(String zone, Integer year, Boolean saved, Boolean groupsApart, BigDecimal minLandMu,
        String classBy, Thresholds thresholds, Shares shares, Vetoes vetoes, List<Indicator> indicators,
        OffsetDateTime updatedAt, String updatedBy) {

    /** Indicator codes, in the scheme's order (V17's evaluation_indicator). */
    static final List<String> INDICATORS = List.of("tax_per_mu", "value_added_per_mu", "value_added_per_energy",
            "value_added_per_emission", "labour_productivity", "rd_share");

    /** class_by 'score': the lowest score of A, B and C (below C is D). */
    public record Thresholds(BigDecimal a, BigDecimal b, BigDecimal c) {
    }

    /** class_by 'share': per cent of the rated in a group, by rank: top a A, next b B, bottom d D, the rest C. */
    public record Shares(BigDecimal a, BigDecimal b, BigDecimal d) {
    }

    /** Incident → D; 亩均税收 (万元/亩) under taxFloor → D (null: no floor); listed high-tech → A. */
    public record Vetoes(Boolean incident, BigDecimal taxFloor, Boolean highTech) {
    }

    /** benchmark null: the zone's average for the year within the group; floor and cap: multiples of the weight. */
    public record Indicator(String code, String name, String nameEn, String unit, Boolean enabled, BigDecimal weight,
            BigDecimal benchmark, BigDecimal floor, BigDecimal cap) {
    }

    /** What is wrong with this scheme as sent, each Chinese first then English; empty when it may be saved. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        required(problems, groupsApart, "groupsApart", "规上规下是否分开评价");
        range(problems, minLandMu, "minLandMu", "最低用地面积（亩）", "0", "10000", true);
        if (!"score".equals(classBy) && !"share".equals(classBy)) {
            problems.add("classBy 须为 score（按分数线）或 share（按比例）。classBy must be 'score' or 'share'.");
        }
        if (thresholds == null) {
            required(problems, null, "thresholds", "分数线");
        } else {
            range(problems, thresholds.a(), "thresholds.a", "A 类分数线", "0", "1000", true);
            range(problems, thresholds.b(), "thresholds.b", "B 类分数线", "0", "1000", true);
            range(problems, thresholds.c(), "thresholds.c", "C 类分数线", "0", "1000", true);
            if (problems.isEmpty() && (thresholds.a().compareTo(thresholds.b()) < 0 || thresholds.b().compareTo(thresholds.c()) < 0)) {
                problems.add("分数线须 A ≥ B ≥ C。The thresholds must be a ≥ b ≥ c.");
            }
        }
        if (shares == null) {
            required(problems, null, "shares", "分类比例");
        } else {
            range(problems, shares.a(), "shares.a", "A 类比例（%）", "0", "100", true);
            range(problems, shares.b(), "shares.b", "B 类比例（%）", "0", "100", true);
            range(problems, shares.d(), "shares.d", "D 类比例（%）", "0", "100", true);
            if (shares.a() != null && shares.b() != null && shares.d() != null
                    && shares.a().add(shares.b()).add(shares.d()).compareTo(new BigDecimal(100)) > 0) {
                problems.add("A、B、D 类比例之和不得超过 100%。The shares of A, B and D must not add up to more than 100%.");
            }
        }
        if (vetoes == null) {
            required(problems, null, "vetoes", "否决规则");
        } else {
            required(problems, vetoes.incident(), "vetoes.incident", "重大事故否决");
            required(problems, vetoes.highTech(), "vetoes.highTech", "高新技术企业直接评 A");
            if (vetoes.taxFloor() != null) {
                range(problems, vetoes.taxFloor(), "vetoes.taxFloor", "亩均税收底线（万元/亩）", "0", "100000", true);
            }
        }
        indicatorProblems(problems);
        return problems;
    }

    private void indicatorProblems(List<String> problems) {
        if (indicators == null || indicators.isEmpty()) {
            problems.add("缺少 indicators（评价指标）。indicators is missing.");
            return;
        }
        Set<String> seen = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < indicators.size() && i < 20; i++) {
            Indicator indicator = indicators.get(i);
            String at = "indicators[" + i + "]";
            if (indicator == null || !INDICATORS.contains(indicator.code())) {
                problems.add(at + ".code 须为以下之一：" + String.join("、", INDICATORS) + "。" + at
                        + ".code must be one of " + String.join(", ", INDICATORS) + ".");
                continue;
            }
            if (!seen.add(indicator.code())) {
                problems.add("指标 " + indicator.code() + " 出现两次。Indicator " + indicator.code() + " is given twice.");
            }
            required(problems, indicator.enabled(), at + ".enabled", "是否启用");
            range(problems, indicator.weight(), at + ".weight", "权重", "0", "100", true);
            if (indicator.weight() != null && indicator.weight().stripTrailingZeros().scale() > 2) {
                problems.add(at + ".weight 最多两位小数。" + at + ".weight has at most 2 decimals.");
            }
            if (indicator.benchmark() != null) {
                range(problems, indicator.benchmark(), at + ".benchmark", "基准值", "0", "1000000000", false);
            }
            range(problems, indicator.floor(), at + ".floor", "得分下限（权重倍数）", "0", "10", true);
            range(problems, indicator.cap(), at + ".cap", "得分上限（权重倍数）", "0", "10", true);
            if (indicator.floor() != null && indicator.cap() != null && indicator.floor().compareTo(indicator.cap()) > 0) {
                problems.add(at + " 得分下限不得高于上限。" + at + ": the floor must not be above the cap.");
            }
            if (Boolean.TRUE.equals(indicator.enabled()) && indicator.weight() != null) {
                sum = sum.add(indicator.weight());
            }
        }
        if (indicators.size() > 20) {
            problems.add("指标过多（最多 " + INDICATORS.size() + " 个）。Too many indicators (at most " + INDICATORS.size() + ").");
        }
        if (problems.isEmpty() && sum.compareTo(new BigDecimal(100)) != 0) {
            problems.add("启用指标的权重之和须为 100，现为 " + sum.stripTrailingZeros().toPlainString()
                    + "。The weights of the enabled indicators must add up to 100, not " + sum.stripTrailingZeros().toPlainString() + ".");
        }
    }

    private static void required(List<String> problems, Object value, String field, String name) {
        if (value == null) {
            problems.add("缺少 " + field + "（" + name + "）。" + field + " is missing.");
        }
    }

    private static void range(List<String> problems, BigDecimal value, String field, String name, String min, String max,
            boolean minIncluded) {
        if (value == null) {
            required(problems, null, field, name);
            return;
        }
        boolean low = minIncluded ? value.compareTo(new BigDecimal(min)) < 0 : value.compareTo(new BigDecimal(min)) <= 0;
        if (low || value.compareTo(new BigDecimal(max)) > 0) {
            String bounds = (minIncluded ? "[" : "(") + min + ", " + max + "]";
            problems.add(field + "（" + name + "）须在 " + bounds + " 之间，现为 " + value + "。" + field
                    + " must be within " + bounds + ", not " + value + ".");
        }
    }
}
