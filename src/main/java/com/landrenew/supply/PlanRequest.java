package com.landrenew.supply;

import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A planner's request for a supply plan. The site is either picked parcels ({@code site.parcels}, codes
 * in the zone) or a drawn polygon ({@code site.polygon}, a GeoJSON Polygon in WGS84). Omitted
 * parameters take their defaults: phased mode, roads up to 15 m, batches of at least 15 mu, and the
 * configured lead time from supply to construction.
 */
record PlanRequest(String zone, String name, Site site, Double requiredMu, String landUse,
        LocalDate wantedStart, String mode, Double maxRoadGapM, Double minBatchMu, Integer leadMonths) {

    record Site(List<String> parcels, JsonNode polygon) {
    }
}
