package com.landrenew.web;

/** An id in the request names nothing stored: answered with 404 and this message. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
