package com.landrenew.layer;

import com.landrenew.geo.Bbox;

/**
 * Published when the map's layers changed inside a box (longitude/latitude) in a way no single parcel's
 * change names: a zone or block made, redrawn or removed, parcels placed in other blocks. Derived views
 * (the cached tiles of every layer) drop what they hold there; listeners that read the database listen
 * after the commit.
 */
public record MapChanged(Bbox extent) {
}
