package com.landrenew.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One {@link LocalPostgis} per folder for the whole JVM. Test runs create several Spring contexts that
 * must share one server and recreate their database only once; the last context to let go of a
 * server stops it. A JVM shutdown hook stops whatever is left (not every launcher runs hooks:
 * Maven's exec:java does not, hence the leases). While leased, a watchdog starts a server that died again.
 */
final class LocalServers {

    private static final Map<Path, LocalPostgis> servers = new HashMap<>();
    private static final Map<Path, Integer> leases = new HashMap<>();
    private static final Map<Path, ScheduledExecutorService> watchdogs = new HashMap<>();
    private static final Set<String> recreated = new HashSet<>();

    private LocalServers() {
    }

    /**
     * The running server for {@code dir}, started if need be, with a watchdog that starts it again (same port)
     * when it is found stopped, every {@code watchdogInterval}; give it back with {@link #release}.
     */
    static synchronized LocalPostgis acquire(Path dir, Duration watchdogInterval) {
        Path key = dir.toAbsolutePath().normalize();
        LocalPostgis server = servers.computeIfAbsent(key, d -> {
            LocalPostgis started = LocalPostgis.in(d);
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-local-postgis"));
            ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "local-postgis-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            watchdog.scheduleWithFixedDelay(started::restartIfStopped, watchdogInterval.toMillis(),
                    watchdogInterval.toMillis(), TimeUnit.MILLISECONDS);
            watchdogs.put(d, watchdog);
            return started;
        });
        leases.merge(key, 1, Integer::sum);
        return server;
    }

    static synchronized void release(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        if (leases.merge(key, -1, Integer::sum) <= 0) {
            leases.remove(key);
            LocalPostgis server = servers.remove(key);
            ScheduledExecutorService watchdog = watchdogs.remove(key);
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            if (server != null) {
                server.stop();
            }
        }
    }

    /** The server running for {@code dir} in this JVM, if any (tests stop it to see the application through an outage). */
    static synchronized LocalPostgis running(Path dir) {
        return servers.get(dir.toAbsolutePath().normalize());
    }

    /** True only the first time a database is asked for in this JVM, so it is dropped once per run. */
    static synchronized boolean firstRequestFor(String database) {
        return recreated.add(database);
    }
}
