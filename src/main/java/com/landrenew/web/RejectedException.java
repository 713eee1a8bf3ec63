package com.landrenew.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** Well-formed input whose content fails validation (e.g. an import with bad features): answered with 422. */
public class RejectedException extends ProblemException {

    public RejectedException(String message, Map<String, Object> details) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, message, details);
    }
}
