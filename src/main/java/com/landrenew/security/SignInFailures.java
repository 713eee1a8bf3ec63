package com.landrenew.security;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed sign-ins counted per key (a username, or an address) in sign_in_failure_count (V16), so every
 * node behind the balancer counts the same failures and refuses the same lockouts. Every change is one
 * update of one key's row under its row lock, in a transaction of its own.
 *
 * <p>Bounded: a count not touched for {@code forgetAfter} is deleted when a new key is counted (by then it
 * would have started afresh anyway), so an attacker trying random usernames leaves only recent rows.
 */
final class SignInFailures {

    /**
     * A key's failures since {@code since}; the lockout they led to ({@code lockedUntil}, null before
     * the first) and how many lockouts this run of failures has had.
     */
    record Count(int failures, Instant since, Instant lockedUntil, int lockouts) {
    }

    private static final String SELECT = """
            select failures, since, locked_until, lockouts from sign_in_failure_count
            where kind = :kind and key = :key""";
    private static final String LOCK = SELECT + " for update";
    private static final String INSERT = """
            insert into sign_in_failure_count (kind, key, failures, since, locked_until, lockouts, touched)
            values (:kind, :key, :failures, :since, :lockedUntil, :lockouts, :touched)
            on conflict (kind, key) do nothing""";
    private static final String UPDATE = """
            update sign_in_failure_count
            set failures = :failures, since = :since, locked_until = :lockedUntil, lockouts = :lockouts, touched = :touched
            where kind = :kind and key = :key""";
    private static final String FORGET_OLD = "delete from sign_in_failure_count where kind = :kind and touched < :before";
    private static final String REMOVE = "delete from sign_in_failure_count where kind = :kind and key = :key returning locked_until";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String kind;
    private final Duration forgetAfter;

    /** {@code kind}: 'username' or 'address' (the table's check). */
    SignInFailures(JdbcClient jdbc, TransactionTemplate transaction, String kind, Duration forgetAfter) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kind = kind;
        this.forgetAfter = forgetAfter;
    }

    Optional<Count> get(String key) {
        return jdbc.sql(SELECT).param("kind", kind).param("key", key).query(SignInFailures::count).optional();
    }

    /** Replaces the key's count (null when it has none) by what {@code change} makes of it, atomically. */
    Count update(String key, Instant now, UnaryOperator<Count> change) {
        return transaction.execute(status -> {
            while (true) {
                Optional<Count> before = jdbc.sql(LOCK).param("kind", kind).param("key", key)
                        .query(SignInFailures::count).optional();
                Count after = change.apply(before.orElse(null));
                if (before.isPresent()) {
                    write(UPDATE, key, after, now);
                    return after;
                }
                if (write(INSERT, key, after, now) == 1) {
                    jdbc.sql(FORGET_OLD).param("kind", kind).param("before", time(now.minus(forgetAfter))).update();
                    return after;
                }
                // another node counted the key's first failure in between: its row is there to lock now
            }
        });
    }

    /** Forgets the key's count; answers whether it was locked at {@code now}. */
    boolean remove(String key, Instant now) {
        return jdbc.sql(REMOVE).param("kind", kind).param("key", key)
                .query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).optional()
                .map(until -> until != null && now.isBefore(until.toInstant())).orElse(false);
    }

    private int write(String sql, String key, Count count, Instant now) {
        return jdbc.sql(sql).param("kind", kind).param("key", key).param("failures", count.failures())
                .param("since", time(count.since())).param("lockedUntil", time(count.lockedUntil()))
                .param("lockouts", count.lockouts()).param("touched", time(now)).update();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Count count(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
        return new Count(rs.getInt("failures"), rs.getObject("since", OffsetDateTime.class).toInstant(),
                lockedUntil == null ? null : lockedUntil.toInstant(), rs.getInt("lockouts"));
    }
}
