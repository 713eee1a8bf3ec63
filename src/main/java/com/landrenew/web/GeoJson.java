package com.landrenew.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Responses whose GeoJSON body PostGIS has already built. */
public final class GeoJson {

    public static final MediaType MEDIA_TYPE = MediaType.parseMediaType("application/geo+json");

    private GeoJson() {
    }

    public static ResponseEntity<String> ok(String body) {
        return ResponseEntity.ok().contentType(MEDIA_TYPE).body(body);
    }
}
