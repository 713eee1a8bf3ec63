package com.landrenew.supply;

import java.time.LocalDate;

/**
 * A parcel of a site as the planner sees it: its ledger state, area (mu, from to_mu in SQL), the day it
 * is ready (null: no readiness recorded), the approved plan already holding it (null: none) and the
 * share of it inside a drawn site (1 for picked parcels).
 */
record SiteParcel(long id, String code, String state, double mu, LocalDate readyDate, String activePlan,
        double insideShare) {
}
