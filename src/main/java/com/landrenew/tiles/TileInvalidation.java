package com.landrenew.tiles;

import com.landrenew.renewal.ParcelChanged;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Drops the cached parcel and available-land tiles that show a parcel once a change of it is committed (not before: a
 * tile made in between would still read the old state), so the next request cuts them afresh.
 * State changes do not move a parcel, so its present outline names every tile that showed it.
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
        tiles.parcelBounds(event.parcelId()).ifPresent(box -> {
            int evicted = cache.evict(TileLayer.PARCELS, box) + cache.evict(TileLayer.AVAILABLE, box);
            log.debug("parcel {} changed: {} cached tiles dropped", event.parcelId(), evicted);
        });
    }
}
