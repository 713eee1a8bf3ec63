package com.landrenew.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.landrenew.sample.EnterpriseEvaluations.Written;
import com.landrenew.sample.Enterprises.Enterprise;
import com.landrenew.sample.SampleSpecs.ProjectSpec;

/**
 * The 一企一策 plans the zones made after their 2024 evaluation, written to {@code enterprise-plans.json}
 * (V18's enterprise_plan), so the demo shows the path from a D class to renewal work and, with the 2025
 * figures, whether each target was met. Each plan is for a firm that is D in 2024 for certain: its 亩均税收 is
 * under the zone's floor ({@link EvaluationSchemes#taxFloor}, a veto) by 0.1 or more. Anji: 提升改造 whose
 * target the 2025 figures meet, 兼并重组 whose target they miss, 腾退 of a firm leaving a plot of the 2023
 * renewal project (its land joins that project) and 关停; Xiaoshan: 提升改造 missed and 兼并重组 met. Targets
 * keep 0.02 万元/亩 clear of the 2025 figure, so the database's rounding cannot turn a verdict. No random
 * numbers: the firms are the first that fit, in the order of {@code enterprises.json}.
 */
final class EnterprisePlans {

    static final int YEAR = 2024;
    /** How far a target stays from the next year's figure (万元/亩). */
    private static final double CLEAR = 0.02;

    private record Firm(String zone, boolean lowEfficiency, String relocatingIn, double tax, double nextTax) {
    }

    private final Map<Enterprise, Firm> firms = new LinkedHashMap<>();
    private final Set<Enterprise> used = new HashSet<>();
    private final List<String> lines = new ArrayList<>();

    EnterprisePlans(List<Parcel> parcels, List<Written> written) {
        Map<Enterprise, String> zone = new LinkedHashMap<>();
        Map<Enterprise, Boolean> low = new LinkedHashMap<>();
        Map<Enterprise, String> relocating = new LinkedHashMap<>();
        for (Parcel p : parcels) {
            if (p.holder() == null) {
                continue;
            }
            zone.put(p.holder(), p.zone().code());
            low.merge(p.holder(), p.state().equals("low_efficiency"), Boolean::logicalOr);
            if (p.state().equals("vacating") && p.isIndustrial()) {
                for (ProjectSpec project : SampleSpecs.PROJECTS) {
                    if (project.zone().equals(p.zone().code()) && project.blocks().contains(p.block().code())) {
                        relocating.put(p.holder(), project.code());
                    }
                }
            }
        }
        Map<Enterprise, Double> taxPerMu = new LinkedHashMap<>();
        for (Written w : written) {
            if (w.year() == YEAR) {
                taxPerMu.put(w.enterprise(), w.taxPerMu());
            } else if (w.year() == YEAR + 1 && taxPerMu.containsKey(w.enterprise())) {
                Enterprise e = w.enterprise();
                firms.put(e, new Firm(zone.get(e), low.get(e), relocating.get(e), taxPerMu.get(e), w.taxPerMu()));
            }
        }
    }

    String json() {
        improve("anji", true, "2025-12-31");
        merge("anji", false, "2025-09-30");
        Enterprise leaving = pick("anji", f -> f.relocatingIn() != null);
        ProjectSpec project = SampleSpecs.PROJECTS.stream()
                .filter(p -> p.code().equals(firms.get(leaving).relocatingIn())).findFirst().orElseThrow();
        line(leaving, "relocate", project.deadline().toString(), null, project.code(),
                "随" + project.name() + "腾退，用地纳入项目。");
        Enterprise closing = pick("anji", Firm::lowEfficiency);
        line(closing, "close", "2025-06-30", null, null, "亩均税收连续低于底线，列入淘汰关停名单，设备拆除后土地收储。");
        improve("xiaoshan", false, "2025-12-31");
        merge("xiaoshan", true, "2025-10-31");
        return GeoJsonText.array(lines);
    }

    private void improve(String zone, boolean met, String due) {
        Enterprise e = pick(zone, f -> f.lowEfficiency() && target(f, met) != null);
        line(e, "improve", due, target(firms.get(e), met), null, "厂房改造、淘汰落后设备，提升亩均税收。");
    }

    private void merge(String zone, boolean met, String due) {
        Enterprise e = pick(zone, f -> f.lowEfficiency() && target(f, met) != null);
        line(e, "merge", due, target(firms.get(e), met), null, "由同行业优势企业兼并重组，整合用地。");
    }

    /**
     * A target 亩均税收 above the 2024 figure: met, a little above it and reached in 2025 (null if the firm did
     * not rise enough); missed, half a 万元 more than 2024, beyond any year-on-year change of these firms.
     */
    private static Double target(Firm f, boolean met) {
        if (met) {
            double hundredth = Math.ceil((f.tax() + CLEAR) * 100) / 100;
            return hundredth <= f.nextTax() - CLEAR ? hundredth : null;
        }
        double tenth = Math.ceil((f.tax() + 0.5) * 10) / 10;
        return tenth >= f.nextTax() + CLEAR ? tenth : null;
    }

    /** The first firm of the zone, D in 2024 by the floor veto and without a plan yet, that fits. */
    private Enterprise pick(String zone, Predicate<Firm> fits) {
        double dBelow = EvaluationSchemes.taxFloor(zone) - 0.1;
        for (Map.Entry<Enterprise, Firm> entry : firms.entrySet()) {
            Firm f = entry.getValue();
            if (zone.equals(f.zone()) && f.tax() < dBelow && !used.contains(entry.getKey()) && fits.test(f)) {
                used.add(entry.getKey());
                return entry.getKey();
            }
        }
        throw new IllegalStateException("no D-class firm in " + zone + " fits a sample plan");
    }

    private void line(Enterprise e, String kind, String due, Double target, String project, String note) {
        String zone = firms.get(e).zone();
        LocalDate made = zone.equals("anji") ? LocalDate.of(2025, 4, 15) : LocalDate.of(2025, 5, 20);
        lines.add("{\"zone\":" + GeoJsonText.string(zone)
                + ",\"credit_code\":" + GeoJsonText.string(e.creditCode())
                + ",\"evaluation_year\":" + YEAR
                + ",\"kind\":" + GeoJsonText.string(kind)
                + ",\"due\":" + GeoJsonText.string(due)
                + ",\"target_tax_wan_per_mu\":" + (target == null ? "null" : GeoJsonText.fixed(target, 2))
                + ",\"note\":" + GeoJsonText.string(YEAR + "年亩均效益评价D类。" + note)
                + ",\"project\":" + GeoJsonText.string(project)
                + ",\"created_at\":" + GeoJsonText.string(made + "T10:00:00+08:00") + "}");
    }
}
