package com.landrenew.geo;

/** The coordinate reference systems LandRenew stores and serves. */
public final class Crs {

    /** CGCS2000 / 3-degree Gauss-Kruger CM 120E: the survey CRS, where official areas are measured. */
    public static final int SURVEY = 4549;

    /** WGS84 longitude/latitude: what the API puts on the wire (GeoJSON, RFC 7946). */
    public static final int WGS84 = 4326;

    private Crs() {
    }
}
