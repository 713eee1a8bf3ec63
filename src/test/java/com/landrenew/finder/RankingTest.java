package com.landrenew.finder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.landrenew.finder.FinderRepository.Candidate;
import org.junit.jupiter.api.Test;

/** The finder's score on hand-made candidates: area fit + days to wait / 365 + metres away / 5,000. */
class RankingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 1);

    @Test
    void scoreAddsAreaFitWaitAndDistance() {
        // 22 mu for a target of 20: 0.1; ready in 73 days: 0.2; 1,000 m away: 0.2.
        Ranking r = Ranking.of(List.of(candidate("A", "22", "2027-01-13", 1000.0)), 20.0, TODAY);

        assertThat(r.areaFit()).isCloseTo(0.1, within(1e-12));
        assertThat(r.waitDays()).isEqualTo(73);
        assertThat(r.distanceM()).isEqualTo(1000.0);
        assertThat(r.score()).isCloseTo(0.5, within(1e-12));
        assertThat(r.mu()).isEqualByComparingTo("22");
    }

    @Test
    void landReadyByTodayWaitsNoDaysAndUnknownReadinessCountsAsAYear() {
        assertThat(Ranking.of(List.of(candidate("A", "20", "2025-03-01", null)), 20.0, TODAY).waitDays()).isZero();
        assertThat(Ranking.of(List.of(candidate("A", "20", "2026-11-01", null)), 20.0, TODAY).score()).isZero();
        Ranking unknown = Ranking.of(List.of(candidate("A", "20", null, null)), 20.0, TODAY);
        assertThat(unknown.waitDays()).isEqualTo(365);
        assertThat(unknown.score()).isEqualTo(1.0);
    }

    @Test
    void withoutATargetOrAPointOnlyTheWaitCounts() {
        Ranking noTarget = Ranking.of(List.of(candidate("A", "35", "2027-11-01", null)), null, TODAY);
        assertThat(noTarget.areaFit()).isNull();
        assertThat(noTarget.distanceM()).isNull();
        assertThat(noTarget.score()).isEqualTo(1.0);
        assertThat(Ranking.of(List.of(candidate("A", "35", "2026-11-01", null)), 0.0, TODAY).areaFit()).isNull();
    }

    @Test
    void aCombinedSiteAddsItsAreasWaitsForItsLastParcelAndIsAsNearAsItsNearestParcel() {
        Ranking site = Ranking.of(List.of(candidate("A", "12.5", "2026-12-01", 3000.0),
                candidate("B", "7.25", "2027-02-01", 2000.0), candidate("C", "0.25", "2026-01-01", 2500.0)), 20.0, TODAY);

        assertThat(site.mu()).isEqualByComparingTo("20.00");
        assertThat(site.areaFit()).isZero();
        assertThat(site.waitDays()).isEqualTo(92);
        assertThat(site.distanceM()).isEqualTo(2000.0);
        assertThat(site.score()).isCloseTo(92 / 365.0 + 0.4, within(1e-12));
        assertThat(site.parcels()).extracting(Candidate::code).containsExactly("A", "B", "C");

        Ranking oneUnknown = Ranking.of(List.of(candidate("A", "10", "2026-12-01", null),
                candidate("B", "10", null, null)), 20.0, TODAY);
        assertThat(oneUnknown.waitDays()).isEqualTo(365);
    }

    @Test
    void orderIsByScoreThenAreaFitThenZoneAndCode() {
        // Both score 0.2: one from area fit (24 mu for 20), one from waiting 73 days; the better fit goes first.
        Ranking tooLarge = Ranking.of(List.of(candidate("anji", "A", "24", "2026-11-01", null)), 20.0, TODAY);
        Ranking waiting = Ranking.of(List.of(candidate("anji", "Z", "20", "2027-01-13", null)), 20.0, TODAY);
        Ranking best = Ranking.of(List.of(candidate("xiaoshan", "M", "20", "2026-11-01", null)), 20.0, TODAY);
        Ranking sameInXiaoshan = Ranking.of(List.of(candidate("xiaoshan", "B", "24", "2026-11-01", null)), 20.0, TODAY);
        Ranking sameInAnjiLaterCode = Ranking.of(List.of(candidate("anji", "C", "24", "2026-11-01", null)), 20.0, TODAY);

        List<Ranking> sorted = new ArrayList<>(List.of(sameInXiaoshan, tooLarge, sameInAnjiLaterCode, waiting, best));
        sorted.sort(Ranking.ORDER);

        assertThat(sorted).containsExactly(best, waiting, tooLarge, sameInAnjiLaterCode, sameInXiaoshan);
    }

    private static Candidate candidate(String code, String mu, String ready, Double distanceM) {
        return candidate("anji", code, mu, ready, distanceM);
    }

    private static Candidate candidate(String zone, String code, String mu, String ready, Double distanceM) {
        return new Candidate(code.hashCode(), zone, code, new BigDecimal(mu), ready == null ? null : LocalDate.parse(ready),
                distanceM, 0, 0, 0, new long[0]);
    }
}
