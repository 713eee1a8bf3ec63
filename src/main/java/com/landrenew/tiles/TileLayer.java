package com.landrenew.tiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.landrenew.layer.MapLayer;
import com.landrenew.layer.MapLayers;

/**
 * A map layer served as vector tiles: an entry of the layer list (layer/MapLayers) that has tiles, with
 * the zooms it is cut at and the attributes each feature carries (for styling and click-to-identify).
 * One instance per layer, so keys of the tile cache compare by identity. The SQL that cuts them is in
 * {@link TileRepository}.
 */
final class TileLayer {

    /** Deepest zoom any address may name; deeper tiles are a client error, not a missing tile. */
    static final int MAX_ZOOM = 24;

    static final List<TileLayer> ALL = MapLayers.ALL.stream().filter(l -> l.tiles() != null).map(TileLayer::new).toList();

    /** The parcels layer, whose zone-scale tiles are an overview (see TileRepository). */
    static final TileLayer PARCELS = byId(MapLayers.PARCELS.id()).orElseThrow();

    private final MapLayer layer;

    private TileLayer(MapLayer layer) {
        this.layer = layer;
    }

    static Optional<TileLayer> byId(String id) {
        return ALL.stream().filter(layer -> layer.id().equals(id)).findFirst();
    }

    MapLayer layer() {
        return layer;
    }

    String id() {
        return layer.id();
    }

    int minZoom() {
        return layer.tiles().minZoom();
    }

    int maxZoom() {
        return layer.tiles().maxZoom();
    }

    String description() {
        return layer.tiles().description();
    }

    /** Whether a parcel's change may change the layer's tiles. */
    boolean showsParcels() {
        return layer.tiles().showsParcels();
    }

    /** Attribute name to TileJSON's "Type: description" text. */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        Stream.concat(layer.fields(MapLayer.Use.TILES).stream(), layer.tiles().extraFields().stream())
                .forEach(f -> fields.put(f.name(), f.type().tileJsonType() + ": " + f.description()));
        return fields;
    }

    @Override
    public String toString() {
        return layer.id();
    }
}
