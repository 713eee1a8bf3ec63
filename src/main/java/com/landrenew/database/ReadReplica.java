package com.landrenew.database;

import java.time.Duration;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads that may lag the last write a little (tiles, OGC items, the finder, exports) go to a streaming
 * replica when {@code landrenew.datasource.replica.url} (and {@code .username}, {@code .password}) name
 * one; everything else, and everything that must see the user's own write, stays on the primary (the
 * application's DataSource). Without a replica these reads go to the primary too.
 *
 * <p>Readiness includes the replica ({@code replica}, below): a node whose replica is away takes no traffic
 * until it is back. docs/operations.md, "Read replica".
 */
@Component("replica")
public class ReadReplica implements HealthIndicator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);

    private final JdbcClient primary;
    private final HikariDataSource pool;
    private final JdbcClient reads;

    ReadReplica(JdbcClient primary, @Value("${landrenew.datasource.replica.url:}") String url,
            @Value("${landrenew.datasource.replica.username:}") String username,
            @Value("${landrenew.datasource.replica.password:}") String password,
            @Value("${landrenew.database.connection-timeout:3s}") Duration connectionTimeout) {
        this.primary = primary;
        if (url.isBlank()) {
            pool = null;
            reads = primary;
            return;
        }
        pool = new HikariDataSource();
        pool.setPoolName("replica");
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setMaximumPoolSize(10);
        pool.setReadOnly(true);
        pool.setConnectionTimeout(connectionTimeout.toMillis());
        pool.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 5000));
        pool.setConnectionInitSql("set jit = off");   // as on the primary (DatabaseConfig)
        pool.setInitializationFailTimeout(-1);   // a replica that is away at start makes the node unready, not dead
        reads = JdbcClient.create(pool);
        log.info("Reads that may lag go to the replica at {}", url);
    }

    /** Where reads that may lag go: the replica's pool, or the primary's without one. */
    public JdbcClient reads() {
        return reads;
    }

    public boolean configured() {
        return pool != null;
    }

    /**
     * Waits until the replica has replayed everything the primary had written when this was called (at most
     * {@code max}): after a change is heard of, the tiles dropped are made again from the replica, so they must
     * not be made from before the change. True when caught up (at once without a replica).
     */
    public boolean awaitCaughtUp(Duration max) {
        if (pool == null) {
            return true;
        }
        String written = primary.sql("select pg_current_wal_lsn()::text").query(String.class).single();
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            Boolean replayed = reads.sql("select coalesce(pg_last_wal_replay_lsn() >= :written::pg_lsn, true)")
                    .param("written", written).query(Boolean.class).single();
            if (Boolean.TRUE.equals(replayed)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** UP with no replica configured; with one, UP when it answers, with how far behind it is (seconds). */
    @Override
    public Health health() {
        if (pool == null) {
            return Health.up().withDetail("replica", "none: lagging reads go to the primary").build();
        }
        try {
            Optional<Double> lag = reads.sql("select extract(epoch from now() - pg_last_xact_replay_timestamp())::float8")
                    .query((rs, i) -> (Double) rs.getObject(1)).optional();
            return Health.up().withDetail("lagSeconds", lag.orElse(null)).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    @Override
    public void destroy() {
        if (pool != null) {
            pool.close();
        }
    }
}
