package com.landrenew.supply;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Both ways of supplying a site, as computed when the plan was made, and what phasing gains: days by
 * which the first construction start comes before the whole-site start ({@code savedDays}), and the
 * same averaged over the site's mu ({@code muWeightedSavedDays}: how much earlier the average mu can
 * be built on). Delays are counted from the wanted start.
 */
record PlanOptions(Option whole, Option phased, Comparison comparison) {

    record Option(List<Batch> batches) {
    }

    record Batch(int seq, LocalDate supplyDate, LocalDate earliestStart, double mu, List<String> parcels,
            boolean underMinimum) {
    }

    record Comparison(LocalDate wantedStart, LocalDate wholeStart, LocalDate phasedFirstStart,
            LocalDate phasedLastStart, long savedDays, double muWeightedSavedDays, long wholeDelayDays,
            long phasedFirstDelayDays) {
    }

    static PlanOptions of(List<BatchPlanner.Batch> whole, List<BatchPlanner.Batch> phased, LocalDate wantedStart) {
        LocalDate wholeStart = whole.get(0).earliestStart();
        LocalDate firstStart = phased.get(0).earliestStart();
        LocalDate lastStart = phased.get(phased.size() - 1).earliestStart();
        double mu = 0;
        double muDays = 0;
        for (BatchPlanner.Batch batch : phased) {
            mu += batch.mu();
            muDays += batch.mu() * ChronoUnit.DAYS.between(batch.earliestStart(), wholeStart);
        }
        double weighted = mu > 0 ? Math.round(muDays / mu * 10) / 10.0 : 0;
        return new PlanOptions(option(whole), option(phased), new Comparison(wantedStart, wholeStart, firstStart,
                lastStart, ChronoUnit.DAYS.between(firstStart, wholeStart), weighted,
                ChronoUnit.DAYS.between(wantedStart, wholeStart), ChronoUnit.DAYS.between(wantedStart, firstStart)));
    }

    private static Option option(List<BatchPlanner.Batch> batches) {
        return new Option(batches.stream().map(b -> new Batch(b.seq(), b.supplyDate(), b.earliestStart(),
                Math.round(b.mu() * 100) / 100.0, b.parcels().stream().map(SiteParcel::code).toList(),
                b.underMinimum())).toList());
    }
}
