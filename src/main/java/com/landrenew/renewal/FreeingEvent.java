package com.landrenew.renewal;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A ledger event behind a tally figure: a parcel moved into a freed state. */
record FreeingEvent(long id, String parcel, String block, String blockName, String fromState, String toState,
        LocalDate effectiveDate, OffsetDateTime recordedAt, String actor, String reason, String documentNo,
        String enterprise, String enterpriseCreditCode, int households, double parcelMu) {
}
