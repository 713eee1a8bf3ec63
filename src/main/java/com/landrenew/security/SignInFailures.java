package com.landrenew.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Failed sign-ins counted per key (a username, or an address), in this node's memory. Every change is
 * one atomic update of one key's count, so a store shared by several nodes can do the same: a table
 * keyed so, each update one upsert in a transaction.
 *
 * <p>Bounded: an attacker trying random usernames cannot fill the memory; the oldest counts go first.
 * A count not touched for {@code forgetAfter} is dropped (by then it would have started afresh anyway).
 */
final class SignInFailures {

    /**
     * A key's failures since {@code since}; the lockout they led to ({@code lockedUntil}, null before
     * the first) and how many lockouts this run of failures has had.
     */
    record Count(int failures, Instant since, Instant lockedUntil, int lockouts) {
    }

    private final Cache<String, Count> counts;

    SignInFailures(Duration forgetAfter, long maxKeys) {
        this.counts = Caffeine.newBuilder().expireAfterWrite(forgetAfter).maximumSize(maxKeys).build();
    }

    Optional<Count> get(String key) {
        return Optional.ofNullable(counts.getIfPresent(key));
    }

    /** Replaces the key's count (null when it has none) by what {@code change} makes of it, atomically. */
    Count update(String key, UnaryOperator<Count> change) {
        return counts.asMap().compute(key, (k, count) -> change.apply(count));
    }

    /** Forgets the key's count; answers whether it was locked at {@code now}. */
    boolean remove(String key, Instant now) {
        Count removed = counts.asMap().remove(key);
        return removed != null && removed.lockedUntil() != null && now.isBefore(removed.lockedUntil());
    }
}
