package com.landrenew.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** An upload over a limit (bytes, features): answered with 413 naming the limit. */
public class TooLargeException extends ProblemException {

    public TooLargeException(String message) {
        super(HttpStatus.CONTENT_TOO_LARGE, message, Map.of());
    }
}
