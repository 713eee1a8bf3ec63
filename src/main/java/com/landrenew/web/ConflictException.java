package com.landrenew.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** The request clashes with what is stored (an illegal state change, a stale version): answered with 409. */
public class ConflictException extends ProblemException {

    public ConflictException(String message, Map<String, Object> details) {
        super(HttpStatus.CONFLICT, message, details);
    }
}
