package com.landrenew.evaluation;

import java.time.LocalDate;
import java.util.List;

/** A planner's bulk marking of candidate parcels as low-efficiency land after a year's evaluation. */
record MarkRequest(String zone, Integer year, List<String> parcels, LocalDate effectiveDate, String documentNo) {
}
