package com.landrenew.supply;

import java.time.LocalDate;
import java.util.List;

/**
 * A planner's record of a parcel's readiness facts: the whole set, replacing what was recorded.
 * {@code required} defaults to true; an open required fact needs {@code expectedOn}. {@code actor} (who
 * records it, optional) goes to the audit trail.
 */
record ReadinessUpdate(List<Fact> facts, String actor) {

    record Fact(String fact, Boolean required, LocalDate doneOn, LocalDate expectedOn) {
    }
}
