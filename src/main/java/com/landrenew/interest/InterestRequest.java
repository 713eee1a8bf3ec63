package com.landrenew.interest;

/**
 * An enterprise's interest in a parcel (意向登记): who it is (name and unified social credit code),
 * how to reach it, and what it needs (area, use, timing, in its own words).
 */
record InterestRequest(String enterpriseName, String creditCode, String contact, String need) {
}
