package com.landrenew.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.landrenew.sample.Enterprises.Enterprise;

/**
 * The 亩均效益综合评价 ("亩均论英雄") of 2024 and 2025 for every enterprise that holds land at the end of the
 * sample history, written to {@code enterprise-evaluations.json}: the land it holds (mu), its tax (税收实际贡献,
 * 万元), value added (工业增加值, 万元), energy use (综合能耗, tce) and the grade those give.
 *
 * <p>The story: a firm holding a {@code low_efficiency} plot, or an industrial plot it is vacating, was rated
 * low and stays low (under 5 万元 tax per mu, grade C or D); the others mostly pay 10–60 万元 per mu and
 * add 50–300 万元 of value per mu (grade A or B), a few only 5–10 (grade C). The grade follows from the
 * figures as written ({@link #grade}). The draw has its own random stream, so the other files are unchanged.
 * Each line also has the inputs of the other indicators of V17's schemes (emissions, employees, R&D,
 * revenue, 规上 when revenue is 2000 万元 or more, an incident in 2025, listed high-tech), from a second stream.
 */
final class EnterpriseEvaluations {

    static final int[] YEARS = {2024, 2025};
    /** Grade thresholds on tax per mu (万元/亩) and, for A, energy per 万元 of value added (tce/万元). */
    static final double A_TAX = 30;
    static final double A_ENERGY = 0.4;
    static final double B_TAX = 10;
    static final double C_TAX = 3;

    private static final double MU = BlockLayout.MU;

    /** A firm's figures of a year as written (land in mu, tax in 万元), for the plans drawn from them. */
    record Written(Enterprise enterprise, int year, double landMu, double tax) {

        double taxPerMu() {
            return tax / landMu;
        }
    }

    /** What {@link #json} wrote, in its order. */
    final List<Written> written = new ArrayList<>();

    private final Random random;
    /** The other indicators' inputs (V17) come from a stream of their own, so the figures above stay as they were. */
    private final Random extras;

    EnterpriseEvaluations(Random random, Random extras) {
        this.random = random;
        this.extras = extras;
    }

    /** One line per enterprise and year, the enterprises in the order of {@code enterprises}. */
    String json(List<Parcel> parcels, List<Enterprise> enterprises) {
        Map<Enterprise, Double> heldM2 = new LinkedHashMap<>();
        Map<Enterprise, Boolean> ratedLow = new LinkedHashMap<>();
        for (Parcel p : parcels) {
            if (p.holder() == null) {
                continue;
            }
            heldM2.merge(p.holder(), p.geometry().getArea(), Double::sum);
            boolean low = p.state().equals("low_efficiency") || (p.state().equals("vacating") && p.isIndustrial());
            ratedLow.merge(p.holder(), low, Boolean::logicalOr);
        }
        List<String> lines = new ArrayList<>();
        for (Enterprise e : enterprises) {
            Double m2 = heldM2.get(e);
            if (m2 == null) {
                continue;
            }
            double landMu = parse(GeoJsonText.fixed(m2 / MU, 2));
            boolean low = ratedLow.get(e);
            // A firm's own level, then a year-on-year change: the two years tell one story.
            double taxPerMu = low ? between(0.5, 4.8) : random.nextDouble() < 0.07 ? between(5, 9.5) : between(10, 60);
            double outputPerMu = low ? between(8, 40) : Math.max(50, Math.min(300, taxPerMu * between(3, 6)));
            double energyPerWan = low ? between(0.32, 0.57) : between(0.053, 0.43);
            // The firm's other ratios: value added per employee, revenue per 万元 of value added, R&D share,
            // value added per tonne of emissions; an incident now and then, high-tech among the best payers.
            double perEmployee = low ? extra(8, 22) : extra(22, 80);
            double revenuePerOutput = extra(2.5, 4.5);
            double rdShare = low ? extra(0.001, 0.01) : extra(0.01, 0.045);
            double perEmission = low ? extra(15, 60) : extra(80, 400);
            boolean incident = extras.nextDouble() < (low ? 0.05 : 0.004);
            boolean highTech = !low && taxPerMu >= A_TAX && extras.nextDouble() < 0.1;
            for (int year : YEARS) {
                double growth = year == YEARS[0] ? 1 : low ? between(0.9, 1.04) : between(0.96, 1.12);
                taxPerMu = Math.min(low ? 4.8 : 60, taxPerMu * growth);
                outputPerMu = Math.min(low ? 40 : 300, outputPerMu * growth);
                double tax = parse(GeoJsonText.fixed(taxPerMu * landMu, 2));
                double output = parse(GeoJsonText.fixed(outputPerMu * landMu, 2));
                double energy = parse(GeoJsonText.fixed(energyPerWan * between(0.95, 1.05) * output, 2));
                double revenue = parse(GeoJsonText.fixed(output * revenuePerOutput, 2));
                written.add(new Written(e, year, landMu, tax));
                lines.add("{\"credit_code\":" + GeoJsonText.string(e.creditCode())
                        + ",\"year\":" + year
                        + ",\"land_mu\":" + GeoJsonText.fixed(landMu, 2)
                        + ",\"tax_wan\":" + GeoJsonText.fixed(tax, 2)
                        + ",\"output_wan\":" + GeoJsonText.fixed(output, 2)
                        + ",\"energy_tce\":" + GeoJsonText.fixed(energy, 2)
                        + ",\"grade\":" + GeoJsonText.string(grade(landMu, tax, output, energy))
                        + ",\"emission_t\":" + GeoJsonText.fixed(output / perEmission, 2)
                        + ",\"employees\":" + Math.max(3, Math.round(output / perEmployee))
                        + ",\"rd_wan\":" + GeoJsonText.fixed(revenue * rdShare, 2)
                        + ",\"revenue_wan\":" + GeoJsonText.fixed(revenue, 2)
                        + ",\"scale\":" + GeoJsonText.string(revenue >= 2000 ? "above" : "below")
                        + ",\"major_incident\":" + (incident && year == YEARS[YEARS.length - 1])
                        + ",\"high_tech\":" + highTech + "}");
            }
        }
        return GeoJsonText.array(lines);
    }

    /**
     * The grade of figures as written, on the per-mu figures as the database's view rounds them: A at 30
     * 万元/亩 or more and at most 0.4 tce/万元, B at 10 or more, C at 3 or more, D below.
     */
    static String grade(double landMu, double tax, double output, double energy) {
        BigDecimal land = decimal(landMu);
        double taxPerMu = decimal(tax).divide(land, 2, RoundingMode.HALF_UP).doubleValue();
        boolean frugal = output > 0
                && decimal(energy).divide(decimal(output), 3, RoundingMode.HALF_UP).doubleValue() <= A_ENERGY;
        if (taxPerMu >= A_TAX && frugal) {
            return "A";
        }
        return taxPerMu >= B_TAX ? "B" : taxPerMu >= C_TAX ? "C" : "D";
    }

    private static BigDecimal decimal(double written) {
        return new BigDecimal(GeoJsonText.fixed(written, 2));
    }

    private double between(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    private double extra(double from, double to) {
        return from + (to - from) * extras.nextDouble();
    }

    private static double parse(String fixed) {
        return Double.parseDouble(fixed);
    }
}
