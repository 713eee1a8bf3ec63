package com.landrenew.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.stereotype.Component;

/**
 * The clock of the sign-in throttle in tests (security/SecurityConfig takes a Clock bean when there is
 * one): real time plus an offset a test moves forward, so a lockout ends without waiting for it.
 */
@Component
public class MovableClock extends Clock {

    /**
     * One offset for the whole test JVM: every application node a test starts (see TwoNodesTest) keeps the
     * same time, as nodes behind one balancer do, since the sign-in lockouts they share are instants.
     */
    private static volatile Duration offset = Duration.ZERO;

    public void advance(Duration duration) {
        synchronized (MovableClock.class) {
            offset = offset.plus(duration);
        }
    }

    /**
     * Past the longest lockout and a whole window (application.properties' landrenew.sign-in.*): every
     * run of failed sign-ins has ended, so a test's wrong passwords cannot lock 127.0.0.1 for the next.
     */
    public void passSignInLockouts() {
        advance(Duration.ofHours(1).plusMinutes(15).plusMinutes(1));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
