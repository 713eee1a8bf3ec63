package com.landrenew.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL + PostGIS server run from the machine's own binaries, in a folder this
 * application owns. It lets the demo and the tests use a real PostGIS with no set-up and no Docker.
 *
 * <p>Layout of {@code home} (mode 0700): {@code data/} (the cluster), {@code password} (the superuser
 * {@code landrenew}'s, who owns the tables and migrates them), {@code app-password} (the application's
 * login {@code landrenew_app}, see {@link AppLoginGrants}), both 0600, and {@code server.log}.
 * The server listens on 127.0.0.1 only, on a free port chosen at start; a server already running
 * on the folder is reused (and then left running on {@link #stop()}).
 */
public final class LocalPostgis {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgis.class);
    static final String SUPERUSER = "landrenew";
    static final String APP_USER = "landrenew_app";
    private static final String INSTALL_HINT =
            "Install them with: sudo apt-get install -y postgresql-15 postgresql-15-postgis-3 "
            + "(or run the README's demo command, which does it), "
            + "or point spring.datasource.url at an existing PostGIS server.";

    private final Path home;
    private final Path binDir;
    private final boolean asPostgresUser;
    private int port;
    private boolean startedHere;
    /** Set by {@link #stop()}: the watchdog leaves a server alone that this process stopped on purpose. */
    private boolean stopped;

    private LocalPostgis(Path home, Path binDir) {
        this.home = home;
        this.binDir = binDir;
        // PostgreSQL refuses to run as root; as root we run it as the 'postgres' system user.
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
    }

    /** Finds the PostgreSQL and PostGIS binaries or fails with a message saying how to install them. */
    public static LocalPostgis in(Path home) {
        Path bin = findBinDir();
        LocalPostgis server = new LocalPostgis(home.toAbsolutePath().normalize(), bin);
        return server.asPostgresUser ? server.reachableByPostgresUser() : server;
    }

    public synchronized void start() {
        try {
            if (!Files.isDirectory(home)) {
                Files.createDirectories(home.getParent());
                Files.createDirectory(home, PosixFilePermissions.asFileAttribute(SecretFiles.FOLDER));
            }
            if (asPostgresUser) {
                run(List.of("chown", "-R", "postgres:postgres", home.toString()), false);
            }
            if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
                initCluster();
            }
            // Older versions left the folder and the passwords readable by every local user.
            SecretFiles.tighten(home.resolve("password"));
            SecretFiles.tighten(home.resolve("app-password"));
            if (isRunning()) {
                port = readPortFromPidFile();
                log.info("Reusing the PostGIS server already running on {} at port {}", dataDir(), port);
                return;
            }
            port = freePort();
            log.info("Starting a private PostGIS server in {} on 127.0.0.1:{}", dataDir(), port);
            run(pgCommand("pg_ctl", "start", "-w", "-t", "120", "-D", dataDir().toString(),
                    "-l", home.resolve("server.log").toString(), "-o", "-p " + port), true);
            startedHere = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the private PostGIS server in " + home, e);
        }
    }

    /**
     * The watchdog's check: if the server died (killed, crashed, stopped by hand), starts it again on the same
     * port, which the application's connections name; PostgreSQL recovers from its write-ahead log, so nothing
     * committed is lost. The pool reconnects by itself. A failure is logged and tried again at the next check.
     */
    synchronized void restartIfStopped() {
        if (stopped) {
            return;
        }
        try {
            if (isRunning()) {
                return;
            }
            log.warn("The private PostGIS server in {} is not running; starting it again on 127.0.0.1:{}", dataDir(), port);
            run(pgCommand("pg_ctl", "start", "-w", "-t", "120", "-D", dataDir().toString(),
                    "-l", home.resolve("server.log").toString(), "-o", "-p " + port), true);
            startedHere = true;
            log.info("The private PostGIS server in {} is running again", dataDir());
        } catch (IOException | RuntimeException e) {
            log.warn("Could not start the private PostGIS server in {} again: {}", dataDir(), e.getMessage());
        }
    }

    /** Stops the server if this process started it. */
    public synchronized void stop() {
        stopped = true;
        if (!startedHere) {
            return;
        }
        try {
            run(pgCommand("pg_ctl", "stop", "-m", "fast", "-w", "-D", dataDir().toString()), true);
            startedHere = false;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop the private PostGIS server in {}: {}", dataDir(), e.getMessage());
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        try {
            return Files.readString(home.resolve("password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the private server's password in " + home, e);
        }
    }

    /** The application's login: it owns nothing and gets only the grants {@link AppLoginGrants} gives it. */
    public String appUsername() {
        return APP_USER;
    }

    /** The application login's password, made (0600) at its first use; DatabaseConfig sets it on the role. */
    public synchronized String appPassword() {
        Path file = home.resolve("app-password");
        try {
            if (!Files.exists(file)) {
                SecretFiles.write(file, randomPassword());
            }
            String password = Files.readString(file).strip();
            if (!password.matches("[0-9a-f]{16,}")) {
                // it goes into an ALTER ROLE statement, which takes no parameters
                throw new IllegalStateException(file + " does not hold a password this application made; delete it to make a new one");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the application login's password in " + home, e);
        }
    }

    public int port() {
        return port;
    }

    /** The folder of the cluster and the passwords (the fallback under /tmp when the postgres user cannot reach the one asked for). */
    Path home() {
        return home;
    }

    Path dataDir() {
        return home.resolve("data");
    }

    private void initCluster() throws IOException {
        Path passwordFile = home.resolve("password");
        SecretFiles.write(passwordFile, randomPassword());
        if (asPostgresUser) {
            // initdb, run as the postgres user, reads the file
            run(List.of("chown", "postgres:postgres", passwordFile.toString()), false);
        }
        log.info("Creating a private PostGIS cluster in {}", dataDir());
        run(pgCommand("initdb", "-D", dataDir().toString(), "-U", SUPERUSER, "-E", "UTF8", "--no-locale",
                "--auth-local=peer", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile), true);
        // Loopback TCP only: no unix socket whose path could be too long or clash with another server.
        Files.writeString(dataDir().resolve("postgresql.conf"),
                "\n# LandRenew private server\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\njit = off\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static String randomPassword() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private boolean isRunning() throws IOException {
        return run(pgCommand("pg_ctl", "status", "-D", dataDir().toString()), false) == 0;
    }

    private int readPortFromPidFile() throws IOException {
        // postmaster.pid: line 4 is the port (PostgreSQL documents the file's layout in pidfile.h).
        List<String> lines = Files.readAllLines(dataDir().resolve("postmaster.pid"));
        return Integer.parseInt(lines.get(3).strip());
    }

    /** A PostgreSQL program's command line, run as the postgres user when this process is root. */
    List<String> pgCommand(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binDir.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    /** A PostgreSQL client's command line (pg_dump, pg_restore): clients run as whoever runs this, root too. */
    List<String> clientCommand(String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binDir.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    /** As root, the cluster must sit where the postgres user can reach it; otherwise use a folder under /tmp. */
    private LocalPostgis reachableByPostgresUser() {
        Path probe = home;
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        try {
            if (probe != null && run(List.of("runuser", "-u", "postgres", "--", "test", "-x", probe.toString()), false) == 0) {
                return this;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "landrenew-postgis",
                Integer.toHexString(home.hashCode()));
        log.info("The postgres user cannot reach {}; using {} instead", home, fallback);
        return new LocalPostgis(fallback, binDir);
    }

    private static Path findBinDir() {
        String configured = System.getProperty("landrenew.postgres.bin", System.getenv("LANDRENEW_POSTGRES_BIN"));
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            if (!Files.isExecutable(bin.resolve("pg_ctl")) || !Files.isExecutable(bin.resolve("initdb"))) {
                throw new IllegalStateException("landrenew.postgres.bin is " + bin
                        + " but it holds no pg_ctl and initdb. " + INSTALL_HINT);
            }
            return bin;
        }
        Path debianRoot = Path.of("/usr/lib/postgresql");
        Path bin = null;
        if (Files.isDirectory(debianRoot)) {
            try (Stream<Path> versions = Files.list(debianRoot)) {
                bin = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(LocalPostgis::majorVersion))
                        .orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL server binaries (pg_ctl, initdb) were not found under "
                    + debianRoot + ". " + INSTALL_HINT);
        }
        Path postgisControl = Path.of("/usr/share/postgresql", String.valueOf(majorVersion(bin)), "extension",
                "postgis.control");
        if (!Files.exists(postgisControl)) {
            throw new IllegalStateException("PostGIS is not installed for PostgreSQL " + majorVersion(bin)
                    + " (no " + postgisControl + "). " + INSTALL_HINT);
        }
        return bin;
    }

    private static int majorVersion(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int run(List<String> command, boolean mustSucceed) throws IOException {
        return run(command, java.util.Map.of(), mustSucceed);
    }

    /** As {@link #run(List, boolean)}, with these environment variables set (a password, kept out of the process list). */
    int run(List<String> command, java.util.Map<String, String> environment, boolean mustSucceed) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
        }
        if (mustSucceed && process.exitValue() != 0) {
            throw new IllegalStateException("Command failed (exit " + process.exitValue() + "): "
                    + String.join(" ", command) + "\n" + output
                    + (Files.exists(home.resolve("server.log")) ? "\nSee " + home.resolve("server.log") : ""));
        }
        return process.exitValue();
    }
}
