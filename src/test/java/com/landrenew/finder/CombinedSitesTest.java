package com.landrenew.finder;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import com.landrenew.finder.FinderRepository.Candidate;
import org.junit.jupiter.api.Test;

/** How combined sites grow, on hand-made parcels (positions in metres, links as the database gives them). */
class CombinedSitesTest {

    private static final BigDecimal MIN = new BigDecimal("15");

    /**
     * A row A–B–C–D of 6-mu parcels 100 m apart, and E (30 mu, alone enough) after D. Seeds go largest
     * first, then by code: A takes B and C (18 mu: enough; adding D would make 24, further from the
     * target of 20 than 18 is). D cannot reach 15 mu without E, which takes no part, so it is dropped.
     */
    @Test
    void aSiteGrowsFromTheLargestSeedUntilItIsLargeEnoughAndNoParcelBringsItCloserToTheTarget() {
        List<Candidate> row = row(null);

        assertThat(codes(CombinedSites.grow(row, MIN, new BigDecimal("30"), 20, false))).containsExactly(List.of("A", "B", "C"));
    }

    /** The same row with the search point past D: D is the seed, and the site grows towards A. */
    @Test
    void withANearPointTheNearestParcelIsTheSeed() {
        List<Candidate> row = row(new double[] {400, 300, 200, 100});

        assertThat(codes(CombinedSites.grow(row, MIN, null, 20, true))).containsExactly(List.of("D", "C", "B"));
    }

    /**
     * A star: S (8 mu) at the centre, N (5) 100 m north, E (5) 120 m east, W (5) 150 m west, each linked
     * to S only. S takes N, the nearest (13 mu); the centre moves to (0, 38.5), and E (126 m from it) is
     * nearer than W (155 m): 18 mu. W would make 23: further from a target of 20, nearer to one of 22.
     */
    @Test
    void theSiteTakesTheLinkedParcelNearestItsCentreAndGoesOnWhileThatNearsTheTarget() {
        assertThat(codes(CombinedSites.grow(star(), MIN, null, 20, false))).containsExactly(List.of("S", "N", "E"));
        assertThat(codes(CombinedSites.grow(star(), MIN, null, 22, false))).containsExactly(List.of("S", "N", "E", "W"));
    }

    /** With at most 17 mu no seed reaches 15: S+N is 13, and any third parcel makes 18. */
    @Test
    void theMaximumIsNeverPassed() {
        assertThat(CombinedSites.grow(star(), MIN, new BigDecimal("17"), 16, false)).isEmpty();
    }

    private static List<Candidate> row(double[] distances) {
        return List.of(
                candidate(1, "A", "6", distances == null ? null : distances[0], 0, 0, 2),
                candidate(2, "B", "6", distances == null ? null : distances[1], 100, 0, 1, 3),
                candidate(3, "C", "6", distances == null ? null : distances[2], 200, 0, 2, 4),
                candidate(4, "D", "6", distances == null ? null : distances[3], 300, 0, 3, 5),
                candidate(5, "E", "30", null, 400, 0, 4));
    }

    private static List<Candidate> star() {
        return List.of(
                candidate(1, "S", "8", null, 0, 0, 2, 3, 4),
                candidate(2, "N", "5", null, 0, 100, 1),
                candidate(3, "E", "5", null, 120, 0, 1),
                candidate(4, "W", "5", null, -150, 0, 1));
    }

    private static Candidate candidate(long id, String code, String mu, Double distanceM, double x, double y,
            long... neighbours) {
        return new Candidate(id, "anji", code, new BigDecimal(mu), null, distanceM, x, y, 1, neighbours);
    }

    private static List<List<String>> codes(List<List<Candidate>> sites) {
        return sites.stream().map(site -> site.stream().map(Candidate::code).toList()).toList();
    }
}
