package com.landrenew.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.landrenew.layer.MapExtent;
import com.landrenew.layer.MapLayers;
import com.landrenew.security.OpenReads;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

import org.springframework.context.annotation.Bean;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Vector tiles of the map layers ({@code /tiles/{layer}/{z}/{x}/{y}.mvt}), a TileJSON 3.0 description
 * per layer ({@code /tiles/{layer}.json}) and the list of layers ({@code /tiles}).
 *
 * <p>Tiles are answered with an ETag and {@code Cache-Control: no-cache}: clients keep them but ask
 * again each time (If-None-Match, answered 304 from the server's cache), so a state change shows at
 * the next redraw instead of when a max-age runs out.
 */
@RestController
@RequestMapping("/tiles")
class TileController {

    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

    private final TileService tiles;
    private final MapExtent extent;

    TileController(TileService tiles, MapExtent extent) {
        this.tiles = tiles;
        this.extent = extent;
    }

    @GetMapping("/{layer}/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> tile(@PathVariable String layer, @PathVariable int z, @PathVariable int x,
            @PathVariable int y) {
        Tile tile = tiles.tile(TileKey.of(layer(layer), z, x, y));
        if (tile.isEmpty()) {
            return ResponseEntity.noContent().cacheControl(CacheControl.noCache()).build();
        }
        // Spring answers 304 itself when If-None-Match names this ETag.
        return ResponseEntity.ok().contentType(MVT).cacheControl(CacheControl.noCache()).eTag(tile.etag())
                .body(tile.bytes());
    }

    @GetMapping("/{layer}.json")
    Map<String, Object> tileJson(@PathVariable String layer) {
        return tileJson(layer(layer));
    }

    @GetMapping
    Map<String, Object> layers() {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (TileLayer layer : TileLayer.ALL) {
            layers.add(Map.of("id", layer.id(), "description", layer.description(), "minzoom", layer.minZoom(),
                    "maxzoom", layer.maxZoom(), "tilejson", base() + "/tiles/" + layer.id() + ".json",
                    "tiles", tileUrl(layer)));
        }
        return Map.of("layers", layers);
    }

    /** TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec). */
    private Map<String, Object> tileJson(TileLayer layer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tilejson", "3.0.0");
        json.put("name", "LandRenew " + layer.id());
        json.put("description", layer.description());
        json.put("version", "1.0.0");
        json.put("attribution", "LandRenew");
        json.put("scheme", "xyz");
        json.put("tiles", List.of(tileUrl(layer)));
        json.put("minzoom", layer.minZoom());
        json.put("maxzoom", layer.maxZoom());
        extent.lonLat().ifPresent(b -> {
            json.put("bounds", List.of(round(b.minLon()), round(b.minLat()), round(b.maxLon()), round(b.maxLat())));
            json.put("center", List.of(round((b.minLon() + b.maxLon()) / 2), round((b.minLat() + b.maxLat()) / 2),
                    Math.max(layer.minZoom(), 13)));
        });
        json.put("vector_layers", List.of(Map.of("id", layer.id(), "description", layer.description(),
                "minzoom", layer.minZoom(), "maxzoom", layer.maxZoom(), "fields", layer.fields())));
        return json;
    }

    /** Each layer's tiles open to the readers the layer list gives it (security/SecurityConfig adds them). */
    @Bean
    static OpenReads tileReads() {
        return MapLayers.openReads(layer -> layer.tiles() != null, layer -> "/tiles/" + layer.id() + "/**");
    }

    private static TileLayer layer(String id) {
        return TileLayer.byId(id).orElseThrow(() -> new NotFoundException("没有瓦片图层 '" + Excerpt.of(id) + "'；图层有："
                + TileLayer.ALL.stream().map(TileLayer::id).collect(Collectors.joining("、")) + "。No tile layer '" + Excerpt.of(id)
                + "'; layers: " + TileLayer.ALL.stream().map(TileLayer::id).collect(Collectors.joining(", ")) + "."));
    }

    private static String tileUrl(TileLayer layer) {
        return base() + "/tiles/" + layer.id() + "/{z}/{x}/{y}.mvt";
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
