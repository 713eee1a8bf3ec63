package com.landrenew.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** The signed-in user may not see or do this (another enterprise's parcel, a planner's action): 403. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String message) {
        super(HttpStatus.FORBIDDEN, message, Map.of());
    }
}
