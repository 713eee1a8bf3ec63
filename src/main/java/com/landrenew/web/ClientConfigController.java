package com.landrenew.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the page needs to know of the server's set-up: the optional online basemaps the layer switcher
 * offers beside this server's own (which needs nothing online): any XYZ basemap ({@code
 * landrenew.basemap.url}) and, given a key ({@code landrenew.basemap.tianditu-key}), 天地图's vector and
 * imagery maps with their annotation. Tianditu is CGCS2000 with no offset, so it lies on the parcels.
 */
@RestController
class ClientConfigController {

    record Basemap(String url, String attribution) {
    }

    /** Tianditu's tiles (Web Mercator WMTS, servers t0–t7 as Leaflet's {s}): each map and its annotation. */
    record Tianditu(String vector, String vectorAnnotation, String imagery, String imageryAnnotation, String attribution) {

        private static final String WMTS = "https://t{s}.tianditu.gov.cn/%1$s_w/wmts?SERVICE=WMTS&REQUEST=GetTile"
                + "&VERSION=1.0.0&LAYER=%1$s&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
                + "&TILECOL={x}&tk=%2$s";

        static Tianditu withKey(String key) {
            // A key is a token of letters and digits; anything else would be pasted into every tile URL.
            if (!key.matches("[A-Za-z0-9]{1,64}")) {
                throw new IllegalStateException("landrenew.basemap.tianditu-key must be the key Tianditu issued "
                        + "(letters and digits, at most 64)");
            }
            return new Tianditu(WMTS.formatted("vec", key), WMTS.formatted("cva", key), WMTS.formatted("img", key),
                    WMTS.formatted("cia", key), "© 天地图 Tianditu");
        }
    }

    record ClientConfig(Basemap basemap, Tianditu tianditu) {
    }

    private final ClientConfig config;

    ClientConfigController(@Value("${landrenew.basemap.url:}") String url,
            @Value("${landrenew.basemap.attribution:}") String attribution,
            @Value("${landrenew.basemap.tianditu-key:}") String tiandituKey) {
        this.config = new ClientConfig(url.isBlank() ? null : new Basemap(url, attribution),
                tiandituKey.isBlank() ? null : Tianditu.withKey(tiandituKey.strip()));
    }

    @GetMapping("/api/config")
    ClientConfig config() {
        return config;
    }
}
