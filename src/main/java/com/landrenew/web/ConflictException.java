package com.landrenew.web;

import java.util.Map;

/** The request clashes with what is stored (an illegal state change, a stale version): answered with 409. */
public class ConflictException extends RuntimeException {

    private final Map<String, Object> details;

    public ConflictException(String message, Map<String, Object> details) {
        super(message);
        this.details = Map.copyOf(details);
    }

    /** Extra members of the problem answer, e.g. the states a parcel may move to. */
    public Map<String, Object> details() {
        return details;
    }
}
