package com.landrenew.parcel;

import com.landrenew.geo.Bbox;

/**
 * Published when a parcel's recorded facts change (a state change in the ledger, an edit, a split or
 * merge), so that derived views such as the cached map tiles can drop what they hold of it. Listeners
 * that read the database should listen after the commit. {@code formerExtent} is where the parcel lay
 * before, in longitude/latitude, when the change moved its outline (null otherwise): after the commit
 * only the new outline can be read.
 */
public record ParcelChanged(long parcelId, Bbox formerExtent) {

    public ParcelChanged(long parcelId) {
        this(parcelId, null);
    }
}
