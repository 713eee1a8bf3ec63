package com.landrenew.database;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One {@link LocalPostgis} per folder for the whole JVM, stopped when the JVM exits. Test runs create
 * several Spring contexts; they must share one server and recreate their database only once.
 */
final class LocalServers {

    private static final Map<Path, LocalPostgis> servers = new HashMap<>();
    private static final Set<String> recreated = new HashSet<>();

    private LocalServers() {
    }

    static synchronized LocalPostgis started(Path dir) {
        return servers.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> {
            LocalPostgis server = LocalPostgis.in(d);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-local-postgis"));
            return server;
        });
    }

    /** True only the first time a database is asked for in this JVM, so it is dropped once per run. */
    static synchronized boolean firstRequestFor(String database) {
        return recreated.add(database);
    }
}
