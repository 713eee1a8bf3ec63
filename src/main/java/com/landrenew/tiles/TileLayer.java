package com.landrenew.tiles;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The map layers served as vector tiles, with the zooms they are cut at and the attributes each
 * feature carries (for styling and click-to-identify). The SQL that cuts them is in {@link TileRepository}.
 */
enum TileLayer {

    ZONES("zones", 0, 19, "开发区 Development zones: outline, code and name", fields(
            "code", "String: zone code", "name", "String: zone name", "area_mu", "Number: official area in mu")),
    BLOCKS("blocks", 8, 19, "区块 Blocks of the zones: outline, code and name", fields(
            "zone", "String: zone code", "code", "String: block code", "name", "String: block name",
            "area_mu", "Number: official area in mu")),
    PARCELS("parcels", 12, 19, "宗地 Parcels coloured by life-cycle state; the feature id is the parcel's id. At zoom 12 "
            + "(a whole zone) one feature per block instead, without id: its outline, the state covering most of its "
            + "parcels' area (share: that fraction), its parcel count and their area", fields(
            "zone", "String: zone code", "code", "String: parcel code (unique in its zone)",
            "block", "String: block code", "state", "String: life-cycle state code (see /api/states)",
            "land_use", "String: land-use code (2020 classification)", "area_mu", "Number: official area in mu",
            "idle", "Boolean: idle land (supplied, construction not started a year after the contracted date)",
            "height_limit_m", "Number: planning height limit in metres",
            "parcels", "Number: zoom 12 only: parcels in the block", "share",
            "Number: zoom 12 only: fraction of the block's parcel area in that state")),
    AVAILABLE("available", 12, 19, "可供土地 Available land (stored, prepared or in an approved supply plan): "
            + "the parcels visitors see, with their public fields", fields(
            "zone", "String: zone code", "code", "String: parcel code (unique in its zone)",
            "block", "String: block code", "state", "String: life-cycle state code (see /api/states)",
            "land_use", "String: land-use code (2020 classification)", "area_mu", "Number: official area in mu",
            "supply_plan", "String: code of the approved supply plan that holds it, if any",
            "planned_supply", "String: the planned supply date (yyyy-mm-dd) of its batch, if any")),
    BUILDINGS("buildings", 14, 19, "建筑 Building footprints with floors and height", fields(
            "zone", "String: zone code",
            "parcel", "String: code of the parcel it stands on, when that parcel is available land (else absent)",
            "floors", "Number: floors above ground", "height_m", "Number: height in metres"));

    /** Deepest zoom any address may name; deeper tiles are a client error, not a missing tile. */
    static final int MAX_ZOOM = 24;

    private final String id;
    private final int minZoom;
    private final int maxZoom;
    private final String description;
    private final Map<String, String> fields;

    TileLayer(String id, int minZoom, int maxZoom, String description, Map<String, String> fields) {
        this.id = id;
        this.minZoom = minZoom;
        this.maxZoom = maxZoom;
        this.description = description;
        this.fields = fields;
    }

    static Optional<TileLayer> byId(String id) {
        return Arrays.stream(values()).filter(layer -> layer.id.equals(id)).findFirst();
    }

    String id() {
        return id;
    }

    int minZoom() {
        return minZoom;
    }

    int maxZoom() {
        return maxZoom;
    }

    String description() {
        return description;
    }

    /** Attribute name to TileJSON's "Type: description" text. */
    Map<String, String> fields() {
        return fields;
    }

    private static Map<String, String> fields(String... namesAndDescriptions) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDescriptions.length; i += 2) {
            fields.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
        }
        return fields;
    }
}
