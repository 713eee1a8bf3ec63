package com.landrenew.readiness;

import java.time.LocalDate;
import java.util.List;

/**
 * A planner's record of a parcel's readiness facts: the whole set, replacing what was recorded.
 * {@code required} defaults to true; an open required fact needs {@code expectedOn}.
 */
record ReadinessUpdate(List<Fact> facts) {

    record Fact(String fact, Boolean required, LocalDate doneOn, LocalDate expectedOn) {
    }
}
