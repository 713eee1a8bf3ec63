package com.landrenew.tiles;

import java.time.LocalDate;

import com.landrenew.geo.ChinaTime;

import org.springframework.stereotype.Service;

/** Tiles from the cache, made in PostGIS when missing. Idle land depends on the date, so a new day starts a new cache. */
@Service
class TileService {

    private final TileRepository tiles;
    private final TileCache cache;
    private volatile LocalDate cacheDay = ChinaTime.today();

    TileService(TileRepository tiles, TileCache cache) {
        this.tiles = tiles;
        this.cache = cache;
    }

    Tile tile(TileKey key) {
        LocalDate today = ChinaTime.today();
        if (!today.equals(cacheDay)) {
            synchronized (this) {
                if (!today.equals(cacheDay)) {
                    cache.clear();
                    cacheDay = today;
                }
            }
        }
        return cache.get(key, k -> Tile.of(tiles.tile(k, today)));
    }
}
