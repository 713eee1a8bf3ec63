package com.landrenew.renewal;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

/**
 * The auditors' freed-land figure for other rooms: what the tally counts as freed in a zone over a
 * period, as the ledger stood at the end of {@code asOf} (the same rules, the same numbers).
 */
@Component
public class FreedLand {

    /** Parcels freed, enterprises moved out, households relocated, and the freed land's mu. */
    public record Figures(int parcels, int enterprises, int households, double mu) {
    }

    private final TallyService tallies;

    FreedLand(TallyService tallies) {
        this.tallies = tallies;
    }

    public Figures in(String zone, LocalDate from, LocalDate to, LocalDate asOf) {
        Tally.Freed freed = tallies.tally(TallyQuery.of(zone, null, from, to, asOf, "year")).total().freed();
        return new Figures(freed.parcels(), freed.enterprises(), freed.households(), freed.area().mu());
    }
}
