package com.landrenew.renewal;

/**
 * Published when a parcel's recorded facts change (a state change in the ledger), so that derived
 * views such as the cached map tiles can drop what they hold of it. Listeners that read the database
 * should listen after the commit.
 */
public record ParcelChanged(long parcelId) {
}
