package com.landrenew.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Responses whose JSON body PostGIS has already built. */
public final class JsonAnswer {

    private JsonAnswer() {
    }

    public static ResponseEntity<String> ok(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
