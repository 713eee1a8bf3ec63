package com.landrenew.layer;

/**
 * Published when a layer's features change as a whole (a basemap import), so that derived views such as the
 * cached map tiles drop what they hold of it; listeners that read the database listen after the commit.
 */
public record LayerChanged(String layerId) {
}
