package com.landrenew.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Responses whose JSON body PostGIS has already built. */
public final class JsonAnswer {

    private JsonAnswer() {
    }

    public static ResponseEntity<String> ok(String body) {
        return status(HttpStatus.OK, body);
    }

    /** As {@link #ok}, with another status (201 for something made). */
    public static ResponseEntity<String> status(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
