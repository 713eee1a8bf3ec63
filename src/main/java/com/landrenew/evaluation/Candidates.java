package com.landrenew.evaluation;

import java.time.LocalDate;
import java.util.List;

/**
 * Land to renew after a year's evaluation, per block: parcels of the enterprises rated in the classes
 * asked (D, and C if asked) or under the scheme's floor of 亩均税收, still in use or in production, and
 * idle land (supplied, construction not started a year after the contracted date); none already taken
 * into a renewal project. Areas are official planar areas in mu.
 */
record Candidates(String zone, int year, List<String> classes, LocalDate asOf, int parcels, double mu,
        List<Block> blocks) {

    /** A block's candidates; a parcel outside every block is in a block with a null code. */
    record Block(String code, String name, int parcels, double mu, List<Parcel> candidates) {
    }

    /**
     * One parcel: why it is a candidate ({@code reasons}: class_d, class_c, below_floor, idle) and its
     * holder's evaluation that year (class and score null when not rated).
     */
    record Parcel(String code, String state, double mu, String creditCode, String enterprise, String evaluationClass,
            Double score, Double taxWanPerMu, List<String> reasons) {
    }
}
