package com.landrenew.ogc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.landrenew.layer.MapLayer;
import com.landrenew.layer.MapLayers;
import com.landrenew.security.Viewer;

/**
 * A feature collection of the OGC API: an entry of the layer list (layer/MapLayers) that has one. The
 * table behind it (alias {@code t}, its survey geometry in EPSG:4549), the flat properties PostGIS builds
 * for each feature (which may use security.Viewer's SQL, bound for every query), the attributes it can be
 * filtered by ({@code ?state=supplied}) and, where features have a time, the period {@code datetime} is
 * matched against all come from the entry. Every fragment is fixed SQL; request values only ever reach it
 * as bind parameters.
 */
final class OgcCollection {

    static final List<OgcCollection> ALL = MapLayers.ALL.stream().filter(l -> l.collection() != null)
            .map(OgcCollection::new).toList();

    private final MapLayer layer;

    private OgcCollection(MapLayer layer) {
        this.layer = layer;
    }

    /**
     * The collections {@code viewer} may read, as the layer list's readers say: a client that lists the
     * collections (GDAL, QGIS) then reads each, and one it may not read would fail its whole listing.
     */
    static List<OgcCollection> readableBy(Viewer viewer) {
        return ALL.stream().filter(c -> switch (c.layer.readers()) {
            case EVERYONE -> true;
            case SIGNED_IN -> !viewer.isAnonymous();
            case STAFF -> viewer.isStaff();
        }).toList();
    }

    static Optional<OgcCollection> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    String id() {
        return layer.collection().id();
    }

    String title() {
        return layer.title();
    }

    String description() {
        return layer.collection().description();
    }

    /** {@code from …} of the features, the feature's row aliased t. */
    String from() {
        return layer.from();
    }

    String geometry() {
        return layer.geometry();
    }

    /** SQL: a feature's properties as a JSON object. */
    String properties() {
        return layer.jsonProperties(MapLayer.Use.OGC);
    }

    /** The attributes its features carry, in order (what a filter may name: ogc/OgcFilter). */
    List<MapLayer.Field> fields() {
        return layer.fields(MapLayer.Use.OGC);
    }

    Map<String, MapLayer.Filter> filters() {
        return layer.collection().filters();
    }

    /** Null when the features have no time. */
    MapLayer.Temporal temporal() {
        return layer.collection().temporal();
    }
}
