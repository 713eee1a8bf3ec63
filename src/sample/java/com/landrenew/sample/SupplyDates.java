package com.landrenew.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When the plots that are {@code supplied} (granted, not yet built on) were granted. Most were granted
 * within the last fifteen months, so construction is due in the future or only recently. A few were
 * granted long before and never started: idle land (闲置土地), more than a year past the contracted
 * start. The grant date is the lease's start; the lease keeps its term.
 */
final class SupplyDates {

    static final int IDLE_PLOTS = 4;

    private static final LocalDate RECENT_FROM = LocalDate.of(2025, 8, 10);
    private static final LocalDate IDLE_FROM = LocalDate.of(2023, 3, 1);

    private final Random random;

    SupplyDates(Random random) {
        this.random = random;
    }

    /** {@code parcels} with every supplied plot re-dated; the idle ones are drawn among them. */
    void redate(List<Parcel> parcels) {
        List<Integer> supplied = new ArrayList<>();
        for (int i = 0; i < parcels.size(); i++) {
            if (parcels.get(i).state().equals("supplied")) {
                supplied.add(i);
            }
        }
        List<Integer> idle = new ArrayList<>(supplied);
        Collections.shuffle(idle, random);
        idle = idle.subList(0, IDLE_PLOTS);
        for (int i : supplied) {
            Parcel p = parcels.get(i);
            // Idle: granted 2023-03 to 2024-07, so construction was due by early 2025 at the latest.
            LocalDate start = idle.contains(i) ? IDLE_FROM.plusDays(random.nextInt(520))
                    : RECENT_FROM.plusDays(random.nextInt(430));
            long years = Math.round((p.leaseEnd().toEpochDay() - p.leaseStart().toEpochDay()) / 365.25);
            parcels.set(i, p.with(p.state(), p.holder(), start, start.plusYears(years).minusDays(1)));
        }
    }
}
