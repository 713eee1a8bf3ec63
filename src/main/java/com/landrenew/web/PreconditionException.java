package com.landrenew.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A conditional write whose condition fails: 412 when If-Match names a version that is no longer current,
 * 428 when a write that must be conditional comes without If-Match (RFC 9110, RFC 6585).
 */
public class PreconditionException extends ProblemException {

    private PreconditionException(HttpStatus status, String message, Map<String, Object> details) {
        super(status, message, details);
    }

    public static PreconditionException failed(String message, Map<String, Object> details) {
        return new PreconditionException(HttpStatus.PRECONDITION_FAILED, message, details);
    }

    public static PreconditionException required(String message) {
        return new PreconditionException(HttpStatus.PRECONDITION_REQUIRED, message, Map.of());
    }
}
