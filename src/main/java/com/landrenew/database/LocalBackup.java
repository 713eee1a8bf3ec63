package com.landrenew.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Backups of a private server's database: {@code pg_dump} in its custom format as the owner (one consistent
 * snapshot, taken while the application runs), and their restoring into a fresh private server, which the
 * application then runs on with {@code --landrenew.local-db.dir=<folder>} (Flyway finds it migrated already).
 * {@code bash src/sh/landrenew.sh backup [file]} and {@code restore <file> [folder]} run {@link #main};
 * docs/operations.md, "Backups", says how often and how to check one.
 */
public final class LocalBackup {

    private LocalBackup() {
    }

    /** Dumps {@code database} of the running server into {@code file} (custom format: pg_restore reads it). */
    static void backup(LocalPostgis server, String database, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        server.run(server.clientCommand("pg_dump", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-U", server.username(), "-d", database, "-Fc", "-f", file.toAbsolutePath().toString()),
                Map.of("PGPASSWORD", server.password()), true);
    }

    /**
     * Restores a dump into {@code database} of the private server in {@code folder}, started (and made) if need
     * be; refuses a database that exists already, so nothing is restored over. Answers the server, left running.
     */
    static LocalPostgis restore(Path file, Path folder, String database) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("no backup file " + file);
        }
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("the database must be a plain lower-case name: " + database);
        }
        LocalPostgis server = LocalPostgis.in(folder);
        server.start();
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
                Statement sql = admin.createStatement()) {
            if (sql.executeQuery("select 1 from pg_database where datname = '" + database + "'").next()) {
                throw new IllegalStateException("database " + database + " exists already in " + folder
                        + ": restore into a new folder");
            }
            sql.execute("create database " + database);
            // the dump grants to the application's login; it gets its password when the application starts (DatabaseConfig)
            if (!sql.executeQuery("select 1 from pg_roles where rolname = '" + server.appUsername() + "'").next()) {
                sql.execute("create role " + server.appUsername());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare database " + database + " in " + folder + ": " + e.getMessage(), e);
        }
        server.run(server.clientCommand("pg_restore", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-U", server.username(), "-d", database, "--exit-on-error", "--no-password",
                file.toAbsolutePath().toString()), Map.of("PGPASSWORD", server.password()), true);
        return server;
    }

    /**
     * {@code backup [file] [folder]}: the demo's database (folder .landrenew/postgis) into the file (by default
     * backups/landrenew-<date-time>.dump); {@code restore <file> [folder]}: into a fresh private server in the
     * folder (by default .landrenew/postgis-restored).
     */
    public static void main(String[] args) throws IOException {
        String command = args.length > 0 ? args[0] : "";
        if (command.equals("backup")) {
            Path file = Path.of(args.length > 1 ? args[1]
                    : "backups/landrenew-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".dump");
            LocalPostgis server = LocalPostgis.in(Path.of(args.length > 2 ? args[2] : ".landrenew/postgis"));
            server.start();   // reuses the running server (and leaves it running); one it started it stops again
            try {
                backup(server, "landrenew", file);
            } finally {
                server.stop();
            }
            System.out.printf("Backed up database landrenew to %s (%d bytes). Check it: pg_restore --list %s%n",
                    file, Files.size(file), file);
        } else if (command.equals("restore") && args.length > 1) {
            Path folder = Path.of(args.length > 2 ? args[2] : ".landrenew/postgis-restored");
            LocalPostgis server = restore(Path.of(args[1]), folder, "landrenew");
            server.stop();   // the application starts it again
            System.out.printf("""
                    Restored %s into a private server in %s.
                    Run the application on it with: bash src/sh/landrenew.sh demo --landrenew.local-db.dir=%s
                    """, args[1], folder, folder);
        } else {
            System.err.println("usage: backup [file] [folder] | restore <file> [folder]");
            System.exit(2);
        }
    }
}
