package com.landrenew.interest;

import java.time.OffsetDateTime;

/** A registered interest as planners read it on the parcel. */
record Interest(long id, String zone, String parcel, String enterpriseName, String creditCode, String contact,
        String need, OffsetDateTime registeredAt) {
}
