package com.landrenew.tiles;

import com.landrenew.geo.Bbox;

/** A bounding box in Web Mercator metres (EPSG:3857). */
record MercatorBox(double minX, double minY, double maxX, double maxY) {

    private static final double R = 6378137;
    private static final double MAX_LAT = 85.05112878;

    /** The longitude/latitude box in Web Mercator (the spherical formulas EPSG:3857 defines). */
    static MercatorBox of(Bbox box) {
        return new MercatorBox(x(box.minLon()), y(box.minLat()), x(box.maxLon()), y(box.maxLat()));
    }

    private static double x(double lon) {
        return R * Math.toRadians(lon);
    }

    private static double y(double lat) {
        double clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
        return R * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2));
    }
}
