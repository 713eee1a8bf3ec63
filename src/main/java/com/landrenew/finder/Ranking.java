package com.landrenew.finder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import com.landrenew.finder.FinderRepository.Candidate;

/**
 * How results are ordered: by a score, lowest first, that adds three penalties of the same weight —
 *
 * <ul>
 *   <li>area fit: |area − target| / target, the target being the middle of [minMu, maxMu] (or the one
 *       bound given), so 10% too large or too small costs 0.1;</li>
 *   <li>readiness: days until the land is ready / 365, 0 when ready by today; unknown readiness counts
 *       as a year (a site is ready when its last parcel is);</li>
 *   <li>distance: metres from {@code near} / 5,000 (EPSG:4549), when a point is given.</li>
 * </ul>
 *
 * So 10% off the area weighs as much as 36.5 days' wait or 500 m. Ties go to the better area fit,
 * then to the parcel code.
 *
 * @param parcels one parcel, or the parcels of a combined site
 */
record Ranking(List<Candidate> parcels, BigDecimal mu, double score, Double areaFit, long waitDays, Double distanceM) {

    static final double DAYS_PER_POINT = 365;
    static final double METRES_PER_POINT = 5000;
    static final long UNKNOWN_READINESS_DAYS = 365;

    static final Comparator<Ranking> ORDER = Comparator.comparingDouble(Ranking::score)
            .thenComparingDouble(r -> r.areaFit() == null ? 0 : r.areaFit())
            .thenComparing(r -> r.parcels().get(0).zone())
            .thenComparing(r -> r.parcels().get(0).code());

    static Ranking of(List<Candidate> parcels, Double targetMu, LocalDate today) {
        BigDecimal mu = BigDecimal.ZERO;
        LocalDate ready = null;
        boolean readinessKnown = true;
        Double distance = null;
        for (Candidate c : parcels) {
            mu = mu.add(c.mu());
            if (c.ready() == null) {
                readinessKnown = false;
            } else if (ready == null || c.ready().isAfter(ready)) {
                ready = c.ready();
            }
            if (c.distanceM() != null && (distance == null || c.distanceM() < distance)) {
                distance = c.distanceM();
            }
        }
        long wait = !readinessKnown ? UNKNOWN_READINESS_DAYS : Math.max(0, ChronoUnit.DAYS.between(today, ready));
        Double fit = targetMu == null || targetMu == 0 ? null
                : Math.abs(mu.doubleValue() - targetMu) / targetMu;
        double score = (fit == null ? 0 : fit) + wait / DAYS_PER_POINT + (distance == null ? 0 : distance / METRES_PER_POINT);
        return new Ranking(List.copyOf(parcels), mu, score, fit, wait, distance);
    }
}
