package com.landrenew.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Failed sign-ins, lockouts and unlocks as rows of sign_in_event (V14), which the audit trail records. */
@Repository
class SignInEvents {

    private static final String INSERT = """
            insert into sign_in_event (kind, username, address, failures, locked_until)
            values (:kind, :username, :address, :failures, :lockedUntil)""";

    private final JdbcClient jdbc;
    private final Actor actor;

    SignInEvents(JdbcClient jdbc, Actor actor) {
        this.jdbc = jdbc;
        this.actor = actor;
    }

    /** A failed attempt, and the lockouts it started. */
    @Transactional
    void failed(String username, String address, SignInThrottle.Failure failure) {
        actor.attributeWritesToSignIn();
        insert("failure", username, address, failure.userFailures(), null);
        if (failure.userLockedUntil() != null) {
            insert("user_locked", username, address, failure.userFailures(), failure.userLockedUntil());
        }
        if (failure.addressLockedUntil() != null) {
            insert("address_locked", username, address, failure.addressFailures(), failure.addressLockedUntil());
        }
    }

    /** An admin lifted a username's lockout. */
    @Transactional
    void unlocked(String username, String address) {
        actor.attributeWritesToCurrentUser();
        insert("unlocked", username, address, null, null);
    }

    private void insert(String kind, String username, String address, Integer failures, Instant lockedUntil) {
        jdbc.sql(INSERT).param("kind", kind).param("username", printable(username)).param("address", address)
                .param("failures", failures)
                .param("lockedUntil", lockedUntil == null ? null : OffsetDateTime.ofInstant(lockedUntil, ZoneOffset.UTC))
                .update();
    }

    /** What was typed, cut short, control characters (NUL included, which text cannot hold) as '?'. */
    static String printable(String username) {
        String name = username == null ? "" : username;
        name = name.length() <= SignInThrottle.MAX_USERNAME ? name : name.substring(0, SignInThrottle.MAX_USERNAME);
        return name.replaceAll("\\p{Cntrl}", "?");
    }
}
