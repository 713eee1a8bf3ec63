package com.landrenew.parcel;

import java.time.LocalDate;
import java.util.List;

/**
 * A merge of neighbouring parcels of one zone into a new one: each parent with the version it was loaded
 * with, the new parcel's code, the effective date (default today) and why. Who is the signed-in planner.
 */
record MergeRequest(String zone, List<Part> parcels, String code, LocalDate effectiveDate, String reason) {

    record Part(String code, Integer version) {
    }
}
