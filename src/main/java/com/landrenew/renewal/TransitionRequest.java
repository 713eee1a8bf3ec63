package com.landrenew.renewal;

import java.time.LocalDate;

/**
 * A planner's change of a parcel's life-cycle state. {@code households} is the number of households
 * relocated by a move to 'vacated' (0 otherwise). Who made it is the signed-in user (security/Actor).
 */
public record TransitionRequest(String to, LocalDate effectiveDate, String reason, String documentNo,
        Integer households) {
}
