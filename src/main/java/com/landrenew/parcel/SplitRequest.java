package com.landrenew.parcel;

import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A split of a parcel by a line: the version it was loaded with, the line (GeoJSON LineString in CRS84,
 * as the map draws it), optional codes for the parts (largest part first; default {code}-1, {code}-2…),
 * the effective date (default today) and why. Who is the signed-in planner.
 */
record SplitRequest(Integer version, JsonNode line, List<String> codes, LocalDate effectiveDate, String reason) {
}
