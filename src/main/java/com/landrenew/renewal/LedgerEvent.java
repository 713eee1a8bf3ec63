package com.landrenew.renewal;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One entry of a parcel's ledger, as the API shows it. */
public record LedgerEvent(long id, String fromState, String toState, LocalDate effectiveDate, OffsetDateTime recordedAt,
        String actor, String reason, String documentNo, String enterpriseName, String enterpriseCreditCode,
        int households) {
}
