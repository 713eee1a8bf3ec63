package com.landrenew.layer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One map layer as every room that serves layers reads it (tiles/, ogc/, export/, and through them the
 * security rules): what it is called, who may read it, where its features come from and the attributes
 * each feature carries, with where each is served. The entries are in {@link MapLayers}.
 *
 * <p>Every SQL fragment here is fixed text; request values only ever reach it as bind parameters. The
 * statements that use the fragments (cutting a tile, a page of OGC items, an export) stay in the rooms
 * that run them.
 *
 * @param id         the layer's name in {@code /tiles/{id}} and {@code /api/exports/{id}}
 * @param title      Chinese, then English
 * @param readers    who may read its tiles and OGC features (exports are for staff whatever the layer)
 * @param from       where its features come from: a FROM clause with the feature's row aliased {@code t}
 * @param geometry   the features' survey geometry (EPSG:4549)
 * @param mercator   the stored Web Mercator copy of it (EPSG:3857, GiST-indexed) that tiles are cut from
 * @param fields     the features' attributes, in the order answers list them
 * @param tiles      how its vector tiles are cut; null when it has none
 * @param collection its OGC API collection; null when it has none
 * @param exported   whether {@code /api/exports} writes it
 */
public record MapLayer(String id, String title, Readers readers, String from, String geometry, String mercator,
        List<Field> fields, Tiles tiles, Collection collection, boolean exported) {

    /** Who may read a layer. */
    public enum Readers {
        EVERYONE, SIGNED_IN, STAFF
    }

    /** Where an attribute is served. */
    public enum Use {
        TILES, OGC, EXPORT
    }

    /**
     * An attribute's value type. Vector tiles know no numeric or date: {@code tileCast} is what such a
     * value becomes there, and {@code tileJsonType} how TileJSON names it.
     */
    public enum Type {
        TEXT("String", null), NUMBER("Number", "float8"), INTEGER("Number", null), BOOLEAN("Boolean", null),
        DATE("String", "text");

        private final String tileJsonType;
        private final String tileCast;

        Type(String tileJsonType, String tileCast) {
            this.tileJsonType = tileJsonType;
            this.tileCast = tileCast;
        }

        public String tileJsonType() {
            return tileJsonType;
        }

        /** The SQL type a tile carries the value as; null when it carries it as it is. */
        public String tileCast() {
            return tileCast;
        }
    }

    /**
     * An attribute of the layer's features.
     *
     * @param sql  its value for the feature row (aliases of the layer's {@code from}); it may use the
     *             parameters {@code :today} and those {@code security.Viewer} binds, which every statement
     *             reading layers binds
     * @param uses where it is served
     */
    public record Field(String name, Type type, String description, String sql, Set<Use> uses) {
    }

    /**
     * The layer's vector tiles.
     *
     * @param showsParcels whether a parcel's change may change its tiles (they are then dropped from the cache)
     * @param extraFields  attributes the tiles' own query adds beside the layer's fields (TileJSON lists them)
     */
    public record Tiles(int minZoom, int maxZoom, String description, boolean showsParcels, List<Field> extraFields) {
    }

    /**
     * The layer as a collection of the OGC API: its id there, its description, the attributes it can be
     * filtered by ({@code ?state=supplied}) and, where features have a time, the period {@code datetime}
     * is matched against.
     */
    public record Collection(String id, String description, Map<String, Filter> filters, Temporal temporal) {
    }

    /** An attribute filter: the SQL condition (binding a parameter of the filter's name) and its value type. */
    public record Filter(String condition, boolean isBoolean, String description) {
    }

    /** The period of a feature that {@code datetime} must meet: a start date and an end date (null = open). */
    public record Temporal(String start, String end, String description) {
    }

    /** The attributes served by {@code use}, in order. */
    public List<Field> fields(Use use) {
        return fields.stream().filter(f -> f.uses().contains(use)).toList();
    }

    /** SQL: the attributes served by {@code use} as one JSON object, e.g. a GeoJSON feature's properties. */
    public String jsonProperties(Use use) {
        return fields(use).stream().map(f -> "'" + f.name() + "', " + f.sql())
                .collect(Collectors.joining(",\n                  ", "json_build_object(", ")"));
    }

    /** Whether the layer has an attribute of that name served by {@code use}. */
    public boolean serves(Use use, String field) {
        return fields(use).stream().anyMatch(f -> f.name().equals(field));
    }
}
