package com.landrenew.finder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.landrenew.finder.FinderRepository.Candidate;

/**
 * Combined sites (连片地块): neighbouring available parcels that together, not alone, meet an area need.
 *
 * <p>Only parcels smaller than the need's minimum take part (a parcel that meets the need alone is a
 * result on its own). Within each cluster of parcels that touch or lie across a road of at most
 * {@code maxRoad} metres, a site grows from a seed, the parcel nearest the {@code near} point or
 * else the largest: it adds, one at a time, the linked parcel nearest the site's area-weighted centre
 * that keeps the total within the maximum, until the total reaches the minimum, and then goes on
 * while a parcel brings the total closer to the target area (the ranking's). A site that cannot reach
 * the minimum is dropped and the next seed tried; a site that does takes its parcels, and the rest of
 * the cluster may form further sites. Deterministic: every tie is broken by parcel code.
 */
final class CombinedSites {

    private CombinedSites() {
    }

    static List<List<Candidate>> grow(List<Candidate> candidates, BigDecimal minMu, BigDecimal maxMu, double targetMu,
            boolean byDistance) {
        Map<Long, Candidate> eligible = new HashMap<>();
        Map<Integer, List<Candidate>> clusters = new TreeMap<>();
        for (Candidate c : candidates) {
            if (c.mu().compareTo(minMu) < 0) {
                eligible.put(c.id(), c);
                clusters.computeIfAbsent(c.cluster(), k -> new ArrayList<>()).add(c);
            }
        }
        Comparator<Candidate> seedOrder = byDistance
                ? Comparator.comparing((Candidate c) -> c.distanceM() == null ? Double.MAX_VALUE : c.distanceM())
                        .thenComparing(Candidate::code)
                : Comparator.comparing(Candidate::mu).reversed().thenComparing(Candidate::code);
        List<List<Candidate>> sites = new ArrayList<>();
        Set<Long> taken = new LinkedHashSet<>();
        for (List<Candidate> cluster : clusters.values()) {
            List<Candidate> seeds = cluster.stream().sorted(seedOrder).toList();
            for (Candidate seed : seeds) {
                if (taken.contains(seed.id())) {
                    continue;
                }
                List<Candidate> site = growFrom(seed, eligible, taken, minMu, maxMu, targetMu);
                if (site != null) {
                    sites.add(site);
                    site.forEach(c -> taken.add(c.id()));
                }
            }
        }
        return sites;
    }

    private static List<Candidate> growFrom(Candidate seed, Map<Long, Candidate> eligible, Set<Long> taken,
            BigDecimal minMu, BigDecimal maxMu, double targetMu) {
        List<Candidate> site = new ArrayList<>(List.of(seed));
        Set<Long> in = new LinkedHashSet<>(List.of(seed.id()));
        BigDecimal total = seed.mu();
        double weight = seed.mu().doubleValue();
        double sx = seed.x() * weight;
        double sy = seed.y() * weight;
        while (true) {
            boolean tooSmall = total.compareTo(minMu) < 0;
            double miss = Math.abs(total.doubleValue() - targetMu);
            double cx = sx / weight;
            double cy = sy / weight;
            Candidate best = null;
            double bestDistance = Double.MAX_VALUE;
            for (Candidate member : site) {
                for (long id : member.neighbours()) {
                    Candidate next = eligible.get(id);
                    if (next == null || in.contains(id) || taken.contains(id)
                            || (maxMu != null && total.add(next.mu()).compareTo(maxMu) > 0)
                            || (!tooSmall && Math.abs(total.add(next.mu()).doubleValue() - targetMu) >= miss)) {
                        continue;
                    }
                    double d = Math.hypot(next.x() - cx, next.y() - cy);
                    if (d < bestDistance || (d == bestDistance && next.code().compareTo(best.code()) < 0)) {
                        best = next;
                        bestDistance = d;
                    }
                }
            }
            if (best == null) {
                return tooSmall ? null : site;
            }
            site.add(best);
            in.add(best.id());
            total = total.add(best.mu());
            double w = best.mu().doubleValue();
            sx += best.x() * w;
            sy += best.y() * w;
            weight += w;
        }
    }
}
