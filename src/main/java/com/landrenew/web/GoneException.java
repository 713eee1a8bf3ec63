package com.landrenew.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** What the request names existed but is no longer current (a parcel retired by a split or merge): 410. */
public class GoneException extends ProblemException {

    public GoneException(String message, Map<String, Object> details) {
        super(HttpStatus.GONE, message, details);
    }
}
