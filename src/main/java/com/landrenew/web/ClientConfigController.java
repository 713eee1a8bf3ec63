package com.landrenew.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the page needs to know of the server's set-up: an optional basemap (none works offline). */
@RestController
class ClientConfigController {

    record Basemap(String url, String attribution) {
    }

    record ClientConfig(Basemap basemap) {
    }

    private final ClientConfig config;

    ClientConfigController(@Value("${landrenew.basemap.url:}") String url,
            @Value("${landrenew.basemap.attribution:}") String attribution) {
        this.config = new ClientConfig(url.isBlank() ? null : new Basemap(url, attribution));
    }

    @GetMapping("/api/config")
    ClientConfig config() {
        return config;
    }
}
