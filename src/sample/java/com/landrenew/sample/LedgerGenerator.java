package com.landrenew.sample;

import static java.time.temporal.ChronoUnit.DAYS;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.landrenew.sample.Enterprises.Enterprise;
import com.landrenew.sample.RenewalPlan.Relocation;
import com.landrenew.sample.SampleSpecs.Evaluation;
import com.landrenew.sample.SampleSpecs.Kind;
import com.landrenew.sample.SampleSpecs.Offices;

/**
 * Makes up each sample parcel's ledger (its renewal history, as ledger.json holds it): the events that
 * brought it to the state parcels.geojson gives it, each with the day it took effect and the moment the
 * ledger learned of it. (The server's answer of a parcel's ledger is renewal/ParcelHistory.)
 *
 * <ul>
 * <li>Old plots are registered {@code in_use} when their lease started; the 亩均 evaluations of 2021–2023
 * flag some {@code low_efficiency}; relocated ones then go {@code vacating}, {@code vacated}, {@code stored}
 * and maybe {@code prepared} on the dates of their {@link Relocation}.
 * <li>Granted plots come from the land reserve: {@code stored}, {@code prepared}, {@code supplied} on the
 * lease's start, then {@code under_construction}, {@code completed} and {@code in_production}.
 * <li>Reserve land (green strips, a new park's unsold land) is registered {@code stored}.
 * </ul>
 */
final class LedgerGenerator {

    /** The transitions the database accepts (V2__renewal_ledger.sql); a first event may go anywhere. */
    static final Set<String> LEGAL = Set.of("in_use>low_efficiency", "in_use>vacating", "low_efficiency>vacating",
            "low_efficiency>in_use", "vacating>vacated", "vacating>in_use", "vacated>stored", "stored>prepared",
            "prepared>supplied", "supplied>under_construction", "supplied>stored", "under_construction>completed",
            "completed>in_production", "in_production>low_efficiency", "in_production>vacating");

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    /** Nothing is recorded after the end of the reference day's office hours. */
    static final OffsetDateTime RECORDED_BY = SampleSpecs.REFERENCE_DATE.atTime(18, 0).atOffset(CHINA);
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private static final LocalDate TODAY = SampleSpecs.REFERENCE_DATE;
    private static final List<String> BUILD_OUT = List.of("supplied", "under_construction", "completed",
            "in_production");

    record Event(String from, String to, LocalDate effective, OffsetDateTime recorded, String actor, String reason,
                 String documentNo, Enterprise enterprise, int households) {
    }

    /** The events, and the contracted construction start (约定开工日期) of a plot that has been supplied. */
    record History(List<Event> events, LocalDate constructionDue) {
    }

    private final Random random;

    LedgerGenerator(Random random) {
        this.random = random;
    }

    /**
     * @param relocation what a renewal project did to the plot, or {@code null}
     * @param improvedInPlace an {@code in_use} plot that was rated low-efficiency and upgraded (提升改造)
     */
    History of(Parcel parcel, Relocation relocation, boolean improvedInPlace) {
        Chain chain = new Chain();
        LocalDate due = null;
        if (relocation != null) {
            relocated(chain, relocation);
        } else {
            switch (parcel.state()) {
                case "in_use", "low_efficiency", "vacating" -> old(chain, parcel, improvedInPlace);
                case "stored", "prepared" -> reserve(chain, parcel);
                case "supplied", "under_construction", "completed", "in_production" -> due = granted(chain, parcel);
                default -> throw new IllegalStateException(parcel.code() + " is " + parcel.state()
                        + " but no project vacated it");
            }
        }
        if (!chain.state.equals(parcel.state())) {
            throw new IllegalStateException(parcel.code() + ": history ends in " + chain.state + ", not "
                    + parcel.state());
        }
        return new History(chain.events, due);
    }

    /** A plot still held on its old lease: maybe rated low, maybe upgraded, maybe signed up to leave. */
    private void old(Chain chain, Parcel p, boolean improvedInPlace) {
        Offices offices = p.zone().offices();
        chain.add("in_use", p.leaseStart(), offices.registry(), "土地使用权初始登记", null);
        boolean vacating = p.state().equals("vacating");
        LocalDate agreed = vacating ? LocalDate.of(2024, 1, 1).plusDays(random.nextInt(1020)) : null;
        boolean rated = p.state().equals("low_efficiency") || improvedInPlace
                || (vacating && random.nextDouble() < 0.9);
        Evaluation evaluation = rated ? evaluationBefore(offices, agreed == null ? TODAY : agreed) : null;
        if (evaluation != null) {
            chain.add("low_efficiency", evaluation.published(), offices.evaluator(), rating(), evaluation.documentNo());
        }
        if (improvedInPlace) {
            LocalDate accepted = evaluation.published().plusDays(300 + random.nextInt(400));
            chain.add("in_use", accepted, offices.evaluator(), "提升改造验收", documentNo(offices.zoneDocument(), accepted));
        }
        if (vacating) {
            chain.add("vacating", agreed, offices.relocation(), "企业搬迁协议签订", documentNo(offices.zoneDocument(), agreed));
        }
    }

    /** A plot a renewal project took back (or is taking back), on the dates the plan gives. */
    private void relocated(Chain chain, Relocation r) {
        Parcel before = r.before();
        Offices offices = before.zone().offices();
        LocalDate registered = before.leaseStart() != null ? before.leaseStart()
                : LocalDate.of(1995, 1, 1).plusDays(random.nextInt(17 * 365));
        chain.add("in_use", registered, offices.registry(), "土地使用权初始登记", null);
        // Homes are not rated. Most firms that leave were rated low first; a few plots in use were simply
        // needed for the plan (the shortcut in_use -> vacating).
        boolean rated = !before.isHousing() && switch (before.state()) {
            case "low_efficiency" -> true;
            case "in_use" -> random.nextDouble() < 0.75;
            default -> random.nextDouble() < 0.95;
        };
        Evaluation evaluation = rated ? evaluationBefore(offices, r.agreed()) : null;
        if (evaluation != null) {
            chain.add("low_efficiency", evaluation.published(), offices.evaluator(), rating(), evaluation.documentNo());
        }
        chain.add("vacating", r.agreed(), offices.relocation(), before.isHousing() ? "农房搬迁协议签订" : "企业搬迁协议签订",
                r.agreementNo());
        if (r.vacated() != null) {
            // A firm that moves out is named; on housing it is the households that moved, not the village
            // company that held the plot for them, so no enterprise is named there.
            chain.add("vacated", r.vacated(), offices.relocation(), "腾空验收", null,
                    before.isHousing() ? null : r.leaver(), before.isHousing() ? r.households() : 0);
        }
        if (r.stored() != null) {
            chain.add("stored", r.stored(), offices.reserve(), "收储", r.storageNo());
        }
        if (r.prepared() != null) {
            chain.add("prepared", r.prepared(), offices.reserve(), "场地平整验收", null);
        }
    }

    /** Reserve land that was never held: a green strip, or a new park's land not yet granted. */
    private void reserve(Chain chain, Parcel p) {
        Offices offices = p.zone().offices();
        LocalDate stored = p.block().kind() == Kind.NEW_PARK
                ? LocalDate.of(2018, 1, 1).plusDays(random.nextInt(4 * 365))
                : LocalDate.of(2008, 1, 1).plusDays(random.nextInt(12 * 365));
        chain.add("stored", stored, offices.reserve(), "纳入土地储备", documentNo(offices.reserveDocument(), stored));
        if (p.state().equals("prepared")) {
            chain.add("prepared", stored.plusDays(180 + random.nextInt(720)), offices.reserve(), "场地平整验收", null);
        }
    }

    /**
     * A plot granted from the reserve on its lease's start; construction is due 3–6 months later. The
     * build-out steps are spaced plausibly and squeezed, if need be, to have happened by the reference date.
     */
    private LocalDate granted(Chain chain, Parcel p) {
        Offices offices = p.zone().offices();
        LocalDate supplied = p.leaseStart();
        LocalDate prepared = supplied.minusDays(30 + random.nextInt(210));
        LocalDate stored = prepared.minusDays(120 + random.nextInt(600));
        if (p.block().kind() == Kind.NEW_PARK) {
            LocalDate parkReserve = LocalDate.of(2018, 1, 1).plusDays(random.nextInt(4 * 365));
            stored = parkReserve.isBefore(prepared.minusDays(90)) ? parkReserve : stored;
        }
        chain.add("stored", stored, offices.reserve(), "纳入土地储备", documentNo(offices.reserveDocument(), stored));
        chain.add("prepared", prepared, offices.reserve(), "场地平整验收", null);
        chain.add("supplied", supplied, offices.registry(), "挂牌出让成交",
                p.zone().adminCode() + supplied.getYear() + "A" + String.format("%05d", 1 + random.nextInt(2000)));
        LocalDate due = supplied.plusDays(91 + random.nextInt(92));

        int steps = BUILD_OUT.indexOf(p.state());
        LocalDate[] dates = new LocalDate[4];
        dates[0] = supplied;
        dates[1] = max(supplied.plusDays(20), due.plusDays(-40 + random.nextInt(160)));
        dates[2] = dates[1].plusDays(365 + random.nextInt(365));
        dates[3] = dates[2].plusDays(60 + random.nextInt(180));
        LocalDate limit = TODAY.minusDays(3 + random.nextInt(40));
        if (steps > 0 && dates[steps].isAfter(limit)) {
            double squeeze = (double) DAYS.between(supplied, limit) / DAYS.between(supplied, dates[steps]);
            for (int i = 1; i <= steps; i++) {
                dates[i] = supplied.plusDays(Math.max(i, Math.round(DAYS.between(supplied, dates[i]) * squeeze)));
            }
        }
        if (steps >= 1) {
            String permit = p.zone().adminCode() + dates[1].format(DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format("%02d", 1 + random.nextInt(20)) + "01";
            chain.add("under_construction", dates[1], offices.construction(), "开工", permit);
        }
        if (steps >= 2) {
            chain.add("completed", dates[2], offices.construction(), "竣工验收", null);
        }
        if (steps >= 3) {
            chain.add("in_production", dates[3], offices.evaluator(), "投产", null);
        }
        return due;
    }

    /** One of the zone's evaluations published at least a month before {@code date}, or {@code null}. */
    private Evaluation evaluationBefore(Offices offices, LocalDate date) {
        List<Evaluation> eligible = new ArrayList<>();
        for (Evaluation e : offices.evaluations()) {
            if (e.published().isBefore(date.minusDays(30))) {
                eligible.add(e);
            }
        }
        return eligible.isEmpty() ? null : eligible.get(random.nextInt(eligible.size()));
    }

    private String rating() {
        return random.nextDouble() < 0.8 ? "亩均效益评价D类" : "亩均效益评价C类";
    }

    private String documentNo(String prefix, LocalDate date) {
        return prefix + "〔" + date.getYear() + "〕" + (5 + random.nextInt(140)) + "号";
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** The events of one parcel as they are appended: legal, in date order, recorded in order. */
    private final class Chain {
        final List<Event> events = new ArrayList<>();
        String state;
        LocalDate lastEffective;
        OffsetDateTime lastRecorded;

        void add(String to, LocalDate effective, String actor, String reason, String documentNo) {
            add(to, effective, actor, reason, documentNo, null, 0);
        }

        void add(String to, LocalDate effective, String actor, String reason, String documentNo,
                 Enterprise enterprise, int households) {
            if (state != null && !LEGAL.contains(state + ">" + to)) {
                throw new IllegalStateException("illegal transition " + state + " -> " + to);
            }
            if (effective.isAfter(TODAY) || (lastEffective != null && effective.isBefore(lastEffective))) {
                throw new IllegalStateException("event to " + to + " on " + effective + " is out of order");
            }
            // Recorded on a working day within 20 days (never after the reference day), after the one before.
            int lag = (int) Math.min(random.nextInt(21), DAYS.between(effective, TODAY));
            OffsetDateTime recorded = effective.plusDays(lag).atTime(8, 30).plusMinutes(random.nextInt(510))
                    .atOffset(CHINA);
            if (lastRecorded != null && !recorded.isAfter(lastRecorded)) {
                recorded = lastRecorded.plusMinutes(5);
            }
            events.add(new Event(state, to, effective, recorded, actor, reason, documentNo, enterprise, households));
            state = to;
            lastEffective = effective;
            lastRecorded = recorded;
        }
    }
}
