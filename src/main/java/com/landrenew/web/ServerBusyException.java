package com.landrenew.web;

/**
 * The server has as much of some work under way as it takes at once (GDAL conversions): 503 with
 * Retry-After, so a client waits and asks again instead of piling more work on.
 */
public class ServerBusyException extends RuntimeException {

    private final int retryAfterSeconds;

    public ServerBusyException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
