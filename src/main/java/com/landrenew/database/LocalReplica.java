package com.landrenew.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * A streaming replica of a private server ({@link LocalPostgis}), in the folder beside it ({@code <home>-replica}):
 * copied with {@code pg_basebackup -R} (which writes the standby's settings) as the owner, who may replicate
 * (initdb's pg_hba.conf allows replication from 127.0.0.1; wal_level is {@code replica} by default), and
 * started on a free port of its own. The application's login and password are the primary's (roles replicate).
 * {@code bash src/sh/landrenew.sh replica} runs {@link #main}; the replica test makes one of the test server.
 */
public final class LocalReplica {

    private final LocalPostgis primary;
    private final Path home;
    private int port;

    private LocalReplica(LocalPostgis primary, Path home) {
        this.primary = primary;
        this.home = home;
    }

    /** The primary's replica folder, copied from the running primary unless it holds one, and started. */
    static LocalReplica of(LocalPostgis primary) throws IOException {
        LocalReplica replica = new LocalReplica(primary, primary.home().resolveSibling(primary.home().getFileName() + "-replica"));
        replica.start();
        return replica;
    }

    /** A replica copied afresh (a leftover of an earlier run is stopped and deleted first): tests. */
    static LocalReplica fresh(LocalPostgis primary) throws IOException {
        LocalReplica leftover = new LocalReplica(primary, primary.home().resolveSibling(primary.home().getFileName() + "-replica"));
        if (Files.exists(leftover.home)) {
            leftover.stopAndDelete();
        }
        return of(primary);
    }

    private Path dataDir() {
        return home.resolve("data");
    }

    private void start() throws IOException {
        if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
            if (!Files.isDirectory(home)) {
                Files.createDirectory(home, PosixFilePermissions.asFileAttribute(SecretFiles.FOLDER));
            }
            primary.run(List.of("chown", "postgres:postgres", home.toString()), false);   // as root only; harmless otherwise
            primary.run(primary.pgCommand("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(primary.port()),
                    "-U", primary.username(), "-D", dataDir().toString(), "-R", "-X", "stream", "-c", "fast"),
                    Map.of("PGPASSWORD", primary.password()), true);
        }
        if (primary.run(primary.pgCommand("pg_ctl", "status", "-D", dataDir().toString()), false) == 0) {
            List<String> pid = Files.readAllLines(dataDir().resolve("postmaster.pid"));
            port = Integer.parseInt(pid.get(3).strip());   // the port is line 4 (as LocalPostgis reads it)
            return;
        }
        port = LocalPostgis.freePort();
        primary.run(primary.pgCommand("pg_ctl", "start", "-w", "-t", "120", "-D", dataDir().toString(),
                "-l", home.resolve("server.log").toString(), "-o", "-p " + port), true);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the replica, keeping its folder and port (tests: a replica that goes away). */
    void stop() throws IOException {
        primary.run(primary.pgCommand("pg_ctl", "stop", "-m", "fast", "-w", "-D", dataDir().toString()), true);
    }

    /** Starts the stopped replica again on the port it had (tests: the nodes' replica address stays right). */
    void startAgain() throws IOException {
        primary.run(primary.pgCommand("pg_ctl", "start", "-w", "-t", "120", "-D", dataDir().toString(),
                "-l", home.resolve("server.log").toString(), "-o", "-p " + port), true);
    }

    /** Stops the replica and deletes its folder (tests). */
    void stopAndDelete() throws IOException {
        primary.run(primary.pgCommand("pg_ctl", "stop", "-m", "fast", "-w", "-D", dataDir().toString()), false);
        primary.run(List.of("rm", "-rf", home.toString()), true);
    }

    /**
     * {@code bash src/sh/landrenew.sh replica [folder]}: a replica of the private server in the folder (the demo's,
     * .landrenew/postgis, by default), started if need be, and how to point nodes at it.
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : ".landrenew/postgis");
        LocalPostgis primary = LocalPostgis.in(dir);
        primary.start();   // reuses the running server; otherwise starts it and leaves it running for the nodes
        try {
            LocalReplica replica = of(primary);
            System.out.printf("""
                    A streaming replica of %s runs on 127.0.0.1:%d (folder %s).
                    Point each node's reads that may lag at it (docs/operations.md, "Read replica"):
                      --landrenew.datasource.replica.url=%s
                      --landrenew.datasource.replica.username=%s
                      --landrenew.datasource.replica.password=<the contents of %s>
                    Stop it with: pg_ctl stop -D %s (as the postgres user when root)
                    """, primary.dataDir(), replica.port(), replica.home, replica.jdbcUrl("landrenew"),
                    primary.appUsername(), primary.home().resolve("app-password"), replica.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
