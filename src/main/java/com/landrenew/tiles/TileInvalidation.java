package com.landrenew.tiles;

import com.landrenew.layer.LayerChanged;
import com.landrenew.layer.MapChanged;
import com.landrenew.parcel.ParcelChanged;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Drops the cached tiles that show a parcel (parcels, available land, and buildings, which name their
 * parcel only while it is available land) once a change of it is committed (not before: a tile made in
 * between would still read the old state), so the next request cuts them afresh. The
 * parcel's outline as committed names the tiles that show it now (a retired parcel's too: it is still in
 * parcel_all); a change that moved the outline also names where it lay before. The other nodes hear of the
 * change through PostgreSQL ({@link TileChangeNotices}, {@link TileChangeListener}) and drop the same tiles.
 */
@Component
class TileInvalidation {

    private static final Logger log = LoggerFactory.getLogger(TileInvalidation.class);

    private final TileRepository tiles;
    private final TileCache cache;

    TileInvalidation(TileRepository tiles, TileCache cache) {
        this.tiles = tiles;
        this.cache = cache;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void parcelChanged(ParcelChanged event) {
        drop(event);
    }

    /** Drops what this node holds of the changed parcel: on the node that changed it, and on the others when told. */
    void drop(ParcelChanged event) {
        tiles.parcelBounds(event.parcelId()).ifPresent(box -> {
            int evicted = evict(box);
            log.debug("parcel {} changed: {} cached tiles dropped", event.parcelId(), evicted);
        });
        // The overview tiles show the parcel's whole block (or its zone's parcels outside blocks) as one feature.
        tiles.blockBounds(event.parcelId()).ifPresent(box -> cache.evict(TileLayer.PARCELS, box,
                TileRepository.OVERVIEW_MAX_ZOOM));
        if (event.formerExtent() != null) {
            int evicted = evict(MercatorBox.of(event.formerExtent()));
            log.debug("parcel {} moved: {} cached tiles of its former outline dropped", event.parcelId(), evicted);
        }
    }

    /** Drops every cached tile of a layer changed as a whole (a basemap import). */
    @TransactionalEventListener(fallbackExecution = true)
    void layerChanged(LayerChanged event) {
        TileLayer.byId(event.layerId()).ifPresent(layer -> {
            int evicted = cache.evict(layer);
            log.debug("layer {} changed: {} cached tiles dropped", layer, evicted);
        });
    }

    /** A zone or block made, redrawn or removed, or parcels placed in other blocks: every layer's tiles there go. */
    @TransactionalEventListener(fallbackExecution = true)
    void mapChanged(MapChanged event) {
        int evicted = cache.evictEverywhere(MercatorBox.of(event.extent()));
        log.debug("map changed in {}: {} cached tiles dropped", event.extent(), evicted);
    }

    /** Drops the tiles of every layer that shows parcels (the layer list says which) meeting the box. */
    private int evict(MercatorBox box) {
        int evicted = 0;
        for (TileLayer layer : TileLayer.ALL) {
            if (layer.showsParcels()) {
                evicted += cache.evict(layer, box);
            }
        }
        return evicted;
    }
}
