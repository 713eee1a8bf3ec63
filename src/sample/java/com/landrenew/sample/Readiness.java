package com.landrenew.sample;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.landrenew.sample.LedgerGenerator.Event;
import com.landrenew.sample.LedgerGenerator.History;
import com.landrenew.sample.SampleSpecs.Kind;

/**
 * Readiness facts (供地条件) of the land a plan could supply: every vacating, vacated, stored or
 * prepared plot except green strips, written to {@code readiness.json}, one parcel per line, listing
 * only the facts it requires.
 *
 * <ul>
 * <li>Prepared plots (净地) are ready: every fact was done between storage and preparation.
 * <li>Stored plots are readied street block by street block: in some street blocks everything is done
 * (ready now), in the others the open facts are expected in the first eleven months after the reference
 * date, each plot on its own day around its street block's date, so that a site's plots become ready one
 * after another (mostly in 2027).
 * <li>Vacated plots still wait for storage; vacating plots are a year or so further off.
 * </ul>
 *
 * Which facts a plot requires: storage, clearance, water, power, road and planning conditions always;
 * households relocated on housing land; gas on class 2 and 3 industrial land; 农转用 in the new parks (former
 * farmland); the zone's regional assessment (区域评估) unless the plot was prepared before it was done.
 */
final class Readiness {

    /** The day each zone's regional assessments (区域评估) were completed. */
    private static final Map<String, LocalDate> REGIONAL_ASSESSMENT = Map.of(
            "anji", LocalDate.of(2021, 6, 18), "xiaoshan", LocalDate.of(2020, 11, 26));
    private static final Set<String> SITE_STATES = Set.of("vacating", "vacated", "stored", "prepared");
    private static final Set<String> GAS_USES = Set.of("100102", "100103");
    private static final LocalDate TODAY = SampleSpecs.REFERENCE_DATE;
    /** Street blocks not yet serviced get a date in this window (days after the reference date). */
    private static final int PROGRAMME_FROM = 45;
    private static final int PROGRAMME_DAYS = 300;
    private static final double SERVICED = 0.4;

    /** One required fact: done on a day, or expected on one. */
    record Fact(String kind, LocalDate doneOn, LocalDate expectedOn) {
    }

    private final Random random;
    /** Street block → the day its open facts are due, or {@code null} when it is serviced already. */
    private final Map<String, LocalDate> programme = new HashMap<>();

    Readiness(Random random) {
        this.random = random;
    }

    /** The file: parcels ordered by zone and code, as the ledger is. */
    String json(List<Parcel> parcels, Map<String, History> histories) {
        List<Parcel> ordered = new ArrayList<>(parcels);
        ordered.sort(Comparator.comparing((Parcel p) -> p.zone().code()).thenComparing(Parcel::code));
        List<String> lines = new ArrayList<>();
        for (Parcel p : ordered) {
            if (!SITE_STATES.contains(p.state()) || p.isGreen()) {
                continue;
            }
            List<String> facts = new ArrayList<>();
            for (Fact f : facts(p, histories.get(p.code()))) {
                facts.add("{\"fact\":" + GeoJsonText.string(f.kind())
                        + ",\"done_on\":" + GeoJsonText.string(f.doneOn() == null ? null : f.doneOn().toString())
                        + ",\"expected_on\":" + GeoJsonText.string(f.expectedOn() == null ? null
                                : f.expectedOn().toString()) + "}");
            }
            lines.add("{\"zone\":" + GeoJsonText.string(p.zone().code()) + ",\"parcel\":" + GeoJsonText.string(p.code())
                    + ",\"facts\":[" + String.join(",", facts) + "]}");
        }
        return GeoJsonText.array(lines);
    }

    List<Fact> facts(Parcel p, History history) {
        LocalDate stored = lastDay(history, "stored");
        LocalDate prepared = lastDay(history, "prepared");
        LocalDate vacated = lastDay(history, "vacated");
        LocalDate assessed = REGIONAL_ASSESSMENT.get(p.zone().code());
        List<Fact> facts = new ArrayList<>();
        if (p.state().equals("prepared")) {
            facts.add(done("stored", stored));
            facts.add(done("cleared", between(stored, prepared)));
            if (p.isHousing()) {
                facts.add(done("households_relocated", vacated != null ? vacated : stored));
            }
            for (String utility : utilities(p)) {
                facts.add(done(utility, between(stored, prepared)));
            }
            facts.add(done("planning_conditions", between(stored, prepared)));
            if (p.block().kind() == Kind.NEW_PARK) {
                facts.add(done("conversion_approved", stored.minusDays(30 + random.nextInt(270))));
            }
            if (!prepared.isBefore(assessed)) {
                facts.add(done("regional_assessment", assessed));
            }
            return facts;
        }
        LocalDate due = programme.computeIfAbsent(p.block().code() + "#" + p.streetBlock(),
                k -> random.nextDouble() < SERVICED ? null
                        : TODAY.plusDays(PROGRAMME_FROM + random.nextInt(PROGRAMME_DAYS)));
        boolean serviced = due == null && p.state().equals("stored");
        if (due == null) {
            due = TODAY.plusDays(PROGRAMME_FROM + random.nextInt(PROGRAMME_DAYS));
        }
        // Land still being vacated is a season or more behind its street block.
        LocalDate own = p.state().equals("vacating") ? due.plusDays(90 + random.nextInt(150)) : due;
        facts.add(stored != null ? done("stored", stored) : expected("stored", own.minusDays(30 + random.nextInt(60))));
        facts.add(serviced ? done("cleared", between(stored, TODAY)) : expected("cleared", own.minusDays(random.nextInt(60))));
        if (p.isHousing()) {
            facts.add(vacated != null ? done("households_relocated", vacated)
                    : expected("households_relocated", own.minusDays(60 + random.nextInt(60))));
        }
        for (String utility : utilities(p)) {
            // Old industrial land mostly has its roads and mains already.
            boolean connected = serviced || (!p.state().equals("vacating") && random.nextDouble() < 0.55);
            LocalDate since = stored != null ? stored : vacated != null ? vacated : TODAY.minusDays(365);
            facts.add(connected ? done(utility, between(since, TODAY)) : expected(utility, own.minusDays(random.nextInt(90))));
        }
        facts.add(serviced ? done("planning_conditions", between(stored, TODAY))
                : expected("planning_conditions", own.plusDays(random.nextInt(45))));
        if (p.block().kind() == Kind.NEW_PARK) {
            facts.add(stored != null ? done("conversion_approved", stored.minusDays(30 + random.nextInt(270)))
                    : expected("conversion_approved", own.minusDays(random.nextInt(90))));
        }
        facts.add(done("regional_assessment", assessed));
        return facts;
    }

    /** The utilities a plot needs: gas only where industry of class 2 or 3 burns it. */
    private static List<String> utilities(Parcel p) {
        return GAS_USES.contains(p.landUse()) ? List.of("water", "power", "gas", "road")
                : List.of("water", "power", "road");
    }

    private static LocalDate lastDay(History history, String state) {
        LocalDate day = null;
        for (Event e : history.events()) {
            if (e.to().equals(state)) {
                day = e.effective();
            }
        }
        return day;
    }

    private LocalDate between(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(random.nextInt((int) days + 1));
    }

    private static Fact done(String kind, LocalDate day) {
        return new Fact(kind, day, null);
    }

    /** An open fact; never expected before the day after the reference date. */
    private static Fact expected(String kind, LocalDate day) {
        return new Fact(kind, null, day.isAfter(TODAY) ? day : TODAY.plusDays(1));
    }
}
