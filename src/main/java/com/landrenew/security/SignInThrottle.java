package com.landrenew.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows password guessing down. After {@link Limits#maxPerUser} failed sign-ins for one username within
 * the window, or {@link Limits#maxPerAddress} from one address, attempts for it are refused without
 * looking at the password (the right one too) until the lockout ends or an admin lifts it. Each further
 * failure after a lockout ends starts the next one, twice as long (up to the longest). A run of
 * failures ends when a whole window has passed since it began and since its last lockout ended, or when
 * an admin unlocks the username. The counts are kept in PostgreSQL ({@link SignInFailures}), shared by every
 * node. A successful sign-in does not end it: a GIS client signing in with every
 * request would otherwise reset the count for anyone guessing the same user's password in between.
 */
final class SignInThrottle {

    /** The configured limits (landrenew.sign-in.* in application.properties). */
    record Limits(int maxPerUser, int maxPerAddress, Duration window, Duration firstLockout, Duration longestLockout) {
    }

    /** What a failure led to: the counts, and the lockouts it started (null when none). */
    record Failure(int userFailures, Instant userLockedUntil, int addressFailures, Instant addressLockedUntil) {
    }

    /** Usernames are counted by this much of what was typed, in lower case. */
    static final int MAX_USERNAME = 100;

    private final Limits limits;
    private final Clock clock;
    private final SignInFailures users;
    private final SignInFailures addresses;

    SignInThrottle(Limits limits, Clock clock, JdbcClient jdbc, TransactionTemplate transaction) {
        this.limits = limits;
        this.clock = clock;
        Duration forgetAfter = limits.window().plus(limits.longestLockout()).multipliedBy(2);
        this.users = new SignInFailures(jdbc, transaction, "username", forgetAfter);
        this.addresses = new SignInFailures(jdbc, transaction, "address", forgetAfter);
    }

    /** How long attempts for this username or from this address are still refused, if they are. */
    Optional<Duration> refusal(String username, String address) {
        Instant now = clock.instant();
        return Stream.of(users.get(key(username)), addresses.get(address))
                .flatMap(Optional::stream)
                .map(SignInFailures.Count::lockedUntil)
                .filter(until -> until != null && now.isBefore(until))
                .max(Instant::compareTo)
                .map(until -> Duration.between(now, until));
    }

    /** Counts a failed sign-in for the username and the address. */
    Failure failed(String username, String address) {
        Instant now = clock.instant();
        Counted user = fail(users, key(username), now, limits.maxPerUser());
        Counted from = fail(addresses, address, now, limits.maxPerAddress());
        return new Failure(user.failures(), user.lockStarted(), from.failures(), from.lockStarted());
    }

    /** An admin lifts the username's lockout (and forgets its failures); answers whether it was locked. */
    boolean unlock(String username) {
        return users.remove(key(username), clock.instant());
    }

    /** Until when attempts for the username are refused, if they are now. */
    Optional<Instant> lockedUntil(String username) {
        Instant now = clock.instant();
        return users.get(key(username)).map(SignInFailures.Count::lockedUntil)
                .filter(until -> until != null && now.isBefore(until));
    }

    /**
     * The key a username is counted by: what was typed, cut short, in lower case, control characters as '?'
     * (text in PostgreSQL cannot hold NUL).
     */
    static String key(String username) {
        String name = username == null ? "" : username.strip().toLowerCase();
        name = name.length() <= MAX_USERNAME ? name : name.substring(0, MAX_USERNAME);
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    /** A key's failures after this one, and the lockout this one started (null when none). */
    private record Counted(int failures, Instant lockStarted) {
    }

    private Counted fail(SignInFailures store, String key, Instant now, int max) {
        Instant[] started = {null};
        SignInFailures.Count count = store.update(key, now, before -> {
            SignInFailures.Count after = next(before, now, max);
            if (before == null || after.lockouts() != before.lockouts()) {
                started[0] = after.lockedUntil();
            }
            return after;
        });
        return new Counted(count.failures(), started[0]);
    }

    private SignInFailures.Count next(SignInFailures.Count count, Instant now, int max) {
        if (count == null || !now.isBefore(runEnds(count))) {
            count = new SignInFailures.Count(0, now, null, 0);
        }
        int failures = count.failures() + 1;
        boolean locked = count.lockedUntil() != null && now.isBefore(count.lockedUntil());
        if (failures < max || locked) {
            // a guess sent in parallel, answered after the lockout began, is counted but locks no longer
            return new SignInFailures.Count(failures, count.since(), count.lockedUntil(), count.lockouts());
        }
        int lockouts = count.lockouts() + 1;
        return new SignInFailures.Count(failures, count.since(), now.plus(lockout(lockouts)), lockouts);
    }

    /** A run of failures ends a whole window after it began and after its last lockout ended. */
    private Instant runEnds(SignInFailures.Count count) {
        return (count.lockedUntil() == null ? count.since() : count.lockedUntil()).plus(limits.window());
    }

    /** The n-th lockout of a run: the first doubled n - 1 times, at most the longest. */
    private Duration lockout(int n) {
        Duration lockout = limits.firstLockout();
        for (int i = 1; i < n && lockout.compareTo(limits.longestLockout()) < 0; i++) {
            lockout = lockout.multipliedBy(2);
        }
        return lockout.compareTo(limits.longestLockout()) < 0 ? lockout : limits.longestLockout();
    }
}
