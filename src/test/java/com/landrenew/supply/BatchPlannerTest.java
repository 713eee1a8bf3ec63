package com.landrenew.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The batching rules on a hand-made site, without PostGIS: parcels "touch" when their codes start with
 * the same letter (the same street block), which stands in for the database's clustering.
 *
 * <pre>
 * street block N: N1 10 mu ready 2027-01-10, N2 15 mu ready 2027-03-01
 * street block S: S1 40 mu ready 2027-01-10, S2  8 mu ready 2027-06-01
 * street block W: W1  5 mu ready 2027-01-10
 * </pre>
 *
 * Supply not before 2026-12-01, construction 6 months after supply, batches of at least 20 mu.
 */
class BatchPlannerTest {

    private static final LocalDate NOT_BEFORE = LocalDate.of(2026, 12, 1);

    private static final SiteParcel N1 = parcel(1, "N1", 10, "2027-01-10");
    private static final SiteParcel N2 = parcel(2, "N2", 15, "2027-03-01");
    private static final SiteParcel S1 = parcel(3, "S1", 40, "2027-01-10");
    private static final SiteParcel S2 = parcel(4, "S2", 8, "2027-06-01");
    private static final SiteParcel W1 = parcel(5, "W1", 5, "2027-01-10");
    private static final List<SiteParcel> SITE = List.of(N1, N2, S1, S2, W1);

    private final BatchPlanner planner = new BatchPlanner(NOT_BEFORE, 6);
    /** The pools the planner asked to cluster, one a ready day. */
    private final List<List<Long>> pools = new ArrayList<>();

    @Test
    void wholeSiteIsOneBatchOnTheDayTheLastParcelIsReady() {
        List<BatchPlanner.Batch> whole = planner.whole(SITE);

        assertThat(whole).extracting(BatchPlanner.Batch::seq, BatchPlanner.Batch::supplyDate,
                BatchPlanner.Batch::earliestStart, BatchPlanner.Batch::mu, BatchPlanner.Batch::underMinimum)
                .containsExactly(tuple(1, LocalDate.of(2027, 6, 1), LocalDate.of(2027, 12, 1), 78.0, false));
        assertThat(codes(whole.get(0))).containsExactly("N1", "N2", "S1", "S2", "W1");
    }

    @Test
    void phasedSupplyMergesWaitingClustersAndFlagsWhatIsLeftOnTheLastDay() {
        List<BatchPlanner.Batch> phased = planner.phased(SITE, 20, streetBlocks(SITE));

        // 2027-01-10: S1 (40 mu) is a batch; N1 (10) and W1 (5) are under 20 mu and wait.
        // 2027-03-01: N1 is clustered again with N2, which touches it: 25 mu, a batch. W1 still waits.
        // 2027-06-01, the last ready day: S2 (8) and W1 (5) are supplied as they are, flagged; larger first.
        assertThat(phased).extracting(BatchPlanner.Batch::seq, BatchPlanner.Batch::supplyDate,
                BatchPlanner.Batch::earliestStart, BatchPlanner.Batch::mu, BatchPlanner.Batch::underMinimum)
                .containsExactly(
                        tuple(1, LocalDate.of(2027, 1, 10), LocalDate.of(2027, 7, 10), 40.0, false),
                        tuple(2, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 9, 1), 25.0, false),
                        tuple(3, LocalDate.of(2027, 6, 1), LocalDate.of(2027, 12, 1), 8.0, true),
                        tuple(4, LocalDate.of(2027, 6, 1), LocalDate.of(2027, 12, 1), 5.0, true));
        assertThat(phased).extracting(BatchPlannerTest::codes)
                .containsExactly(List.of("S1"), List.of("N1", "N2"), List.of("S2"), List.of("W1"));
        // Waiting parcels go back into the next day's pool.
        assertThat(pools).hasSize(3);
        assertThat(pools.get(0)).containsExactlyInAnyOrder(1L, 3L, 5L);
        assertThat(pools.get(1)).containsExactlyInAnyOrder(1L, 2L, 5L);
        assertThat(pools.get(2)).containsExactlyInAnyOrder(4L, 5L);
    }

    @Test
    void clustersOfTheSameDayAreNumberedLargestFirstThenByCode() {
        List<SiteParcel> site = List.of(parcel(1, "B1", 30, "2027-01-10"), parcel(2, "A1", 30, "2027-01-10"),
                parcel(3, "C1", 50, "2027-01-10"));

        List<BatchPlanner.Batch> phased = planner.phased(site, 20, streetBlocks(site));

        assertThat(phased).extracting(BatchPlannerTest::codes)
                .containsExactly(List.of("C1"), List.of("A1"), List.of("B1"));
        assertThat(phased).extracting(BatchPlanner.Batch::seq).containsExactly(1, 2, 3);
    }

    @Test
    void nothingIsSuppliedBeforeNotBefore() {
        SiteParcel readyLongAgo = parcel(1, "A1", 30, "2026-06-01");
        SiteParcel readyThatDay = parcel(2, "B1", 30, "2026-12-01");
        SiteParcel readyLater = parcel(3, "C1", 30, "2026-12-02");

        assertThat(planner.availableOn(readyLongAgo)).isEqualTo(NOT_BEFORE);
        assertThat(planner.availableOn(readyThatDay)).isEqualTo(NOT_BEFORE);
        assertThat(planner.availableOn(readyLater)).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(planner.phased(List.of(readyLongAgo, readyThatDay, readyLater), 20,
                        streetBlocks(List.of(readyLongAgo, readyThatDay, readyLater))))
                .extracting(BatchPlanner.Batch::supplyDate)
                .containsExactly(NOT_BEFORE, NOT_BEFORE, LocalDate.of(2026, 12, 2));
        assertThat(planner.whole(List.of(readyLongAgo)).get(0).supplyDate()).isEqualTo(NOT_BEFORE);
    }

    @Test
    void constructionStartsLeadMonthsAfterSupply() {
        SiteParcel endOfAugust = parcel(1, "A1", 30, "2027-08-31");

        // Month arithmetic keeps to the month's end: 31 August plus 6 months is 29 February of a leap year.
        assertThat(planner.whole(List.of(endOfAugust)).get(0).earliestStart()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(new BatchPlanner(NOT_BEFORE, 0).whole(List.of(endOfAugust)).get(0).earliestStart())
                .isEqualTo(LocalDate.of(2027, 8, 31));
        assertThat(new BatchPlanner(NOT_BEFORE, 18).phased(List.of(endOfAugust), 20, streetBlocks(List.of(endOfAugust))).get(0)
                .earliestStart()).isEqualTo(LocalDate.of(2029, 2, 28));
    }

    /**
     * What phasing gains over the whole site, counted from a wanted start of 2027-06-01: the whole site
     * starts 2027-12-01 (183 days late), the first batch 2027-07-10 (39 days late, 144 days sooner). Per mu:
     * (40 × 144 + 25 × 91 + 8 × 0 + 5 × 0) / 78 = 8035 / 78 = 103.01 → 103.0 days sooner.
     */
    @Test
    void planOptionsCompareTheTwoWays() {
        PlanOptions options = PlanOptions.of(planner.whole(SITE), planner.phased(SITE, 20, streetBlocks(SITE)),
                LocalDate.of(2027, 6, 1));

        PlanOptions.Comparison c = options.comparison();
        assertThat(c.wholeStart()).isEqualTo(LocalDate.of(2027, 12, 1));
        assertThat(c.phasedFirstStart()).isEqualTo(LocalDate.of(2027, 7, 10));
        assertThat(c.phasedLastStart()).isEqualTo(LocalDate.of(2027, 12, 1));
        assertThat(c.savedDays()).isEqualTo(144);
        assertThat(c.muWeightedSavedDays()).isEqualTo(103.0);
        assertThat(c.wholeDelayDays()).isEqualTo(183);
        assertThat(c.phasedFirstDelayDays()).isEqualTo(39);
        assertThat(options.phased().batches()).extracting(PlanOptions.Batch::parcels)
                .containsExactly(List.of("S1"), List.of("N1", "N2"), List.of("S2"), List.of("W1"));
        assertThat(options.whole().batches()).singleElement().extracting(PlanOptions.Batch::mu).isEqualTo(78.0);
    }

    /**
     * The stand-in for PostGIS: parcels of the same street block (the first letter of the code) form one
     * cluster. Records each pool it is asked to cluster.
     */
    private BatchPlanner.Clustering streetBlocks(List<SiteParcel> site) {
        Map<Long, String> codes = new LinkedHashMap<>();
        site.forEach(p -> codes.put(p.id(), p.code()));
        return ids -> {
            pools.add(List.copyOf(ids));
            Map<Character, List<Long>> clusters = new LinkedHashMap<>();
            for (long id : ids) {
                clusters.computeIfAbsent(codes.get(id).charAt(0), k -> new ArrayList<>()).add(id);
            }
            return new ArrayList<>(clusters.values());
        };
    }

    private static SiteParcel parcel(long id, String code, double mu, String ready) {
        return new SiteParcel(id, code, "stored", mu, LocalDate.parse(ready), null, 1);
    }

    private static List<String> codes(BatchPlanner.Batch batch) {
        return batch.parcels().stream().map(SiteParcel::code).toList();
    }
}
