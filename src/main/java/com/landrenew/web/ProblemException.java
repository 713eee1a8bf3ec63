package com.landrenew.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** A 4xx answer that carries, beside its message, members a client can act on (allowed states, a report). */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> details;

    protected ProblemException(HttpStatus status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = Map.copyOf(details);
    }

    public HttpStatus status() {
        return status;
    }

    /** Extra members of the problem answer. */
    public Map<String, Object> details() {
        return details;
    }
}
