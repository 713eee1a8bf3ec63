package com.landrenew.tiles;

/** A bounding box in Web Mercator metres (EPSG:3857). */
record MercatorBox(double minX, double minY, double maxX, double maxY) {
}
