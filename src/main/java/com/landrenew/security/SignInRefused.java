package com.landrenew.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked because its username or address is locked out (429 with Retry-After). */
final class SignInRefused extends AuthenticationException {

    private final Duration retryAfter;

    SignInRefused(Duration retryAfter) {
        super("too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the lockout ends, at least 1 (the Retry-After header's unit). */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
