package com.landrenew.tiles;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineStatsCounter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Produced tiles kept in memory, bounded by their size in bytes (least recently used go first).
 * A tile is made once however many requests ask for it at the same time: the first request makes it,
 * the others wait for its result. Eviction removes the entry, so a tile still being made when its
 * parcel changed is not kept either.
 *
 * <p>Metrics (docs/operations.md): {@code cache_gets_total{cache="tiles",result="hit"|"miss"}}, evictions
 * and size, through Micrometer's Caffeine counter.
 */
@Component
public class TileCache {

    private final AsyncCache<TileKey, Tile> cache;
    private final long maxBytes;
    /** Hits and misses are counted here by {@link #get}: the map view it works through records none itself. */
    private final CaffeineStatsCounter stats;

    TileCache(@Value("${landrenew.tiles.cache-mb:256}") long maxMegabytes, MeterRegistry meters) {
        this.maxBytes = maxMegabytes * 1024 * 1024;
        this.stats = new CaffeineStatsCounter(meters, "tiles");
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((TileKey key, Tile tile) -> tile.weight())
                .recordStats(() -> stats)
                .buildAsync();
        stats.registerSizeMetric(cache.synchronous());
    }

    /** The cached tile, or the one {@code make} produces in this thread (and caches). */
    Tile get(TileKey key, Function<TileKey, Tile> make) {
        CompletableFuture<Tile> mine = new CompletableFuture<>();
        CompletableFuture<Tile> existing = cache.asMap().putIfAbsent(key, mine);
        if (existing == null) {
            stats.recordMisses(1);
            try {
                mine.complete(make.apply(key));
            } catch (RuntimeException | Error e) {
                // a failed tile is not cached: those waiting for it see the error, the next request tries again
                mine.completeExceptionally(e);
                cache.asMap().remove(key, mine);
                throw e;
            }
            return mine.join();
        }
        stats.recordHits(1);
        try {
            return existing.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Drops the layer's tiles that show anything of the box (EPSG:3857), at every zoom, buffers
     * included: a parcel names a few dozen keys, so a change costs the same however full the cache is.
     */
    int evict(TileLayer layer, MercatorBox box) {
        return evict(layer, box, layer.maxZoom());
    }

    /** As {@link #evict(TileLayer, MercatorBox)}, at the layer's zooms up to {@code maxZoom}. */
    int evict(TileLayer layer, MercatorBox box, int maxZoom) {
        int evicted = 0;
        for (int z = layer.minZoom(); z <= Math.min(maxZoom, layer.maxZoom()); z++) {
            int[] range = TileKey.covering(z, box, TileRepository.MARGIN);
            for (int x = range[0]; x <= range[1]; x++) {
                for (int y = range[2]; y <= range[3]; y++) {
                    if (cache.asMap().remove(new TileKey(layer, z, x, y)) != null) {
                        evicted++;
                    }
                }
            }
        }
        return evicted;
    }

    /** Drops every tile of the layer (a layer replaced as a whole); answers how many. */
    int evict(TileLayer layer) {
        int[] evicted = {0};
        cache.asMap().keySet().removeIf(key -> key.layer() == layer && ++evicted[0] > 0);
        return evicted[0];
    }

    /**
     * Drops the tiles of every layer that show anything of the box, at every zoom, by looking at each cached
     * tile: a zone or block change names a box far too large to list its keys at the deepest zooms.
     */
    int evictEverywhere(MercatorBox box) {
        int[] before = {cache.asMap().size()};
        cache.asMap().keySet().removeIf(key -> {
            int[] range = TileKey.covering(key.z(), box, TileRepository.MARGIN);
            return key.x() >= range[0] && key.x() <= range[1] && key.y() >= range[2] && key.y() <= range[3];
        });
        return before[0] - cache.asMap().size();
    }

    boolean contains(TileKey key) {
        return cache.asMap().containsKey(key);
    }

    /** Empties the cache (the benchmark times uncached tiles this way; a new day changes idle land). */
    public void clear() {
        cache.synchronous().invalidateAll();
    }

    public long entries() {
        return cache.synchronous().estimatedSize();
    }

    public long maxBytes() {
        return maxBytes;
    }
}
