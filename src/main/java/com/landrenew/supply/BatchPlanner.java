package com.landrenew.supply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts a site into supply batches. Nothing is supplied before {@code notBefore} (today, or the wanted
 * start less the lead time, whichever is later); construction may start {@code leadMonths} after supply.
 *
 * <p>Whole-site supply is one batch on the day the last parcel is ready. Phased supply walks the ready
 * days in order: on each, the parcels ready by then and not yet in a batch are grouped into contiguous
 * clusters (by PostGIS, see {@link Clustering}); a cluster of at least the minimum area becomes a batch
 * on that day, a smaller one waits and is grouped again on the next ready day with the parcels ready
 * then, so it merges into the next batch it touches. On the last ready day whatever still waits is
 * supplied as it is, flagged under the minimum: no parcel is left that it could grow with.
 */
final class BatchPlanner {

    /** Groups parcels into clusters of parcels that touch or lie within the road gap of one another. */
    interface Clustering {
        List<List<Long>> clusters(List<Long> parcels);
    }

    record Batch(int seq, LocalDate supplyDate, LocalDate earliestStart, List<SiteParcel> parcels, double mu,
            boolean underMinimum) {
    }

    private final LocalDate notBefore;
    private final int leadMonths;

    BatchPlanner(LocalDate notBefore, int leadMonths) {
        this.notBefore = notBefore;
        this.leadMonths = leadMonths;
    }

    /** The day a parcel can be supplied in this plan. */
    LocalDate availableOn(SiteParcel parcel) {
        return parcel.readyDate().isAfter(notBefore) ? parcel.readyDate() : notBefore;
    }

    List<Batch> whole(List<SiteParcel> site) {
        LocalDate last = site.stream().map(this::availableOn).max(Comparator.naturalOrder()).orElseThrow();
        return List.of(batch(1, last, site, false));
    }

    List<Batch> phased(List<SiteParcel> site, double minMu, Clustering clustering) {
        Map<Long, SiteParcel> byId = new HashMap<>();
        TreeMap<LocalDate, List<SiteParcel>> byDay = new TreeMap<>();
        for (SiteParcel parcel : site) {
            byId.put(parcel.id(), parcel);
            byDay.computeIfAbsent(availableOn(parcel), d -> new ArrayList<>()).add(parcel);
        }
        List<Batch> batches = new ArrayList<>();
        List<SiteParcel> waiting = new ArrayList<>();
        for (Map.Entry<LocalDate, List<SiteParcel>> day : byDay.entrySet()) {
            List<SiteParcel> pool = new ArrayList<>(waiting);
            pool.addAll(day.getValue());
            waiting.clear();
            boolean lastDay = day.getKey().equals(byDay.lastKey());
            List<List<SiteParcel>> clusters = new ArrayList<>();
            for (List<Long> ids : clustering.clusters(pool.stream().map(SiteParcel::id).toList())) {
                clusters.add(ids.stream().map(byId::get).sorted(Comparator.comparing(SiteParcel::code)).toList());
            }
            // Larger clusters first on the same day; ties by their first parcel code, so the order is stable.
            clusters.sort(Comparator.comparing((List<SiteParcel> c) -> -mu(c)).thenComparing(c -> c.get(0).code()));
            for (List<SiteParcel> cluster : clusters) {
                boolean small = mu(cluster) < minMu;
                if (small && !lastDay) {
                    waiting.addAll(cluster);
                } else {
                    batches.add(batch(batches.size() + 1, day.getKey(), cluster, small));
                }
            }
        }
        return batches;
    }

    private Batch batch(int seq, LocalDate supplyDate, List<SiteParcel> parcels, boolean underMinimum) {
        List<SiteParcel> sorted = parcels.stream().sorted(Comparator.comparing(SiteParcel::code)).toList();
        return new Batch(seq, supplyDate, supplyDate.plusMonths(leadMonths), sorted, mu(sorted), underMinimum);
    }

    /** The parcels' mu added up (each converted by to_mu in SQL). */
    static double mu(List<SiteParcel> parcels) {
        return parcels.stream().mapToDouble(SiteParcel::mu).sum();
    }
}
