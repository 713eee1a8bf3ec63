package com.landrenew.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Times hand-written SQL with pgbench (shipped in Debian's postgresql-15): like the server's load
 * client, a process of its own, one connection, statements prepared once (as the server's JDBC driver
 * does). The SQL reads its input from a bench table row numbered by a pgbench variable that goes
 * through 1..count in turn, so pgbench does the same cases as wrk. Two passes: the first is not
 * counted, as a new connection first loads PostGIS and prepares and plans the statement (the first
 * transaction took 83 ms where the others took 0.3). Latencies come from pgbench's per-transaction log
 * ({@code -l}); a run that fails or logs fewer transactions than asked fails the bench.
 */
final class Pgbench {

    /** Transactions logged and latency percentiles in ms. */
    record Run(long transactions, double p50, double p95, double p99) {
    }

    private final String executable;
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Path dir;

    /** Connects as {@code dataSource} does (the owner's login on the private server: its URL, user and password). */
    Pgbench(DataSource dataSource, Path dir) throws SQLException {
        SimpleDriverDataSource login = dataSource.unwrap(SimpleDriverDataSource.class);
        URI url = URI.create(login.getUrl().substring("jdbc:".length()));
        this.host = url.getHost();
        this.port = url.getPort();
        this.database = url.getPath().substring(1);
        this.user = login.getUsername();
        this.password = login.getPassword();
        this.dir = dir;
        this.executable = findExecutable();
    }

    /**
     * Two passes of {@code sql} over inputs 1..{@code count}, the second timed: before each transaction
     * the variable {@code variable} moves to the next input. Name variables so that no other text of the
     * SQL reads as {@code :variable} (pgbench would substitute it).
     */
    Run run(String name, String variable, int count, String sql) {
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve("pgbench-" + name + ".sql");
            // variables keep their value from one transaction to the next; -D starts this one at 0
            Files.writeString(script, "\\set " + variable + " :" + variable + " % " + count + " + 1\n" + sql.strip() + ";\n");
            String logPrefix = "pgbench-" + name + "-log";
            for (Path old : logs(logPrefix)) {
                Files.delete(old);
            }
            Path output = dir.resolve("pgbench-" + name + ".txt");
            ProcessBuilder builder = new ProcessBuilder(executable, "-h", host, "-p", Integer.toString(port), "-U", user,
                    "-n", "-M", "prepared", "-c", "1", "-t", Integer.toString(2 * count), "-D", variable + "=0",
                    "-f", script.toString(), "-l", "--log-prefix=" + dir.resolve(logPrefix), database)
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("PGPASSWORD", password);
            // the server's sessions run with jit off (DatabaseConfig); so do these
            builder.environment().put("PGOPTIONS", "-c jit=off");
            Process pgbench = builder.start();
            if (!pgbench.waitFor(10, TimeUnit.MINUTES)) {
                pgbench.destroyForcibly();
                throw new IllegalStateException("pgbench " + name + " did not end; see " + output);
            }
            List<Double> latencies = new ArrayList<>();
            for (Path log : logs(logPrefix)) {
                for (String line : Files.readAllLines(log)) {
                    // client_id transaction_no (from 1) latency_us script_no time_epoch time_us
                    String[] columns = line.split(" ");
                    if (columns.length >= 3 && columns[2].matches("[0-9]+") && Long.parseLong(columns[1]) > count) {
                        latencies.add(Long.parseLong(columns[2]) / 1000.0);
                    }
                }
            }
            if (pgbench.exitValue() != 0 || latencies.size() != count) {
                throw new IllegalStateException("pgbench " + name + " failed (exit " + pgbench.exitValue() + ", "
                        + latencies.size() + " of " + count + " timed transactions logged):\n" + Files.readString(output)
                        + "\nscript " + script + ":\n" + Files.readString(script));
            }
            double[] ms = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            return new Run(ms.length, Bench.percentile(ms, 50), Bench.percentile(ms, 95), Bench.percentile(ms, 99));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** pgbench's log files of a prefix: prefix.pid, or prefix.pid.thread with several threads. */
    private List<Path> logs(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(prefix)
                    + "\\.[0-9]+(\\.[0-9]+)?")).toList();
        }
    }

    /** PostgreSQL's bin directory holds pgbench; Debian does not put it on the PATH. */
    private static String findExecutable() {
        Path debian = Path.of("/usr/lib/postgresql/15/bin/pgbench");
        if (Files.isExecutable(debian)) {
            return debian.toString();
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable).map(Path::toString)
                    .findFirst().orElse("pgbench");
        } catch (IOException e) {
            return "pgbench";
        }
    }
}
