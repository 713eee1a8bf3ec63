package com.landrenew.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Times the server with wrk (Debian package {@code wrk}), a load client in a process of its own: a
 * client inside the bench's JVM added 1-4 ms of its own to each request. The script
 * {@code bench/wrk-paths.lua} asks for a list of paths in turn and prints one line of results; with
 * one connection it times each request itself (its comments say why). Output goes to
 * {@code target/bench/wrk-<name>.txt}.
 */
final class Wrk {

    /** What a run measured: answers, failures (socket errors and answers outside 2xx), latency percentiles in ms. */
    record Run(long requests, long failures, double p50, double p95, double p99) {
    }

    /** Long enough for any one pass; the script ends wrk as soon as the pass is done. */
    private static final int ONE_PASS_LIMIT_S = 300;

    private final String base;
    private final String authorization;
    private final Path dir;
    private final Path script;

    Wrk(String base, String authorization, Path dir) {
        this.base = base;
        this.authorization = authorization;
        this.dir = dir;
        this.script = dir.resolve("wrk-paths.lua");
        try (InputStream lua = Wrk.class.getResourceAsStream("/bench/wrk-paths.lua")) {
            Files.createDirectories(dir);
            Files.write(script, lua.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each path once, one request at a time (uncached tiles: each is made once); fails unless all were answered. */
    Run once(String name, List<String> paths, String accept) {
        Run run = run(name, paths, accept, 1, 1, ONE_PASS_LIMIT_S, paths.size());
        if (run.requests() != paths.size()) {
            throw new IllegalStateException("wrk " + name + ": " + run.requests() + " of " + paths.size()
                    + " requests answered; see " + dir.resolve("wrk-" + name + ".txt"));
        }
        return run;
    }

    /** The paths in turn, one request at a time, for {@code seconds}. */
    Run cycle(String name, List<String> paths, String accept, int seconds) {
        return run(name, paths, accept, 1, 1, seconds, 0);
    }

    /**
     * {@code connections} connections at once on two threads for {@code seconds}. The percentiles are
     * then wrk's own (with its coordinated-omission correction): the script cannot tell connections apart.
     */
    Run concurrent(String name, List<String> paths, int connections, int seconds) {
        return run(name, paths, null, 2, connections, seconds, 0);
    }

    private Run run(String name, List<String> paths, String accept, int threads, int connections, int seconds,
            int stopAfter) {
        try {
            Path pathList = dir.resolve("wrk-" + name + ".paths");
            Files.write(pathList, paths, StandardCharsets.UTF_8);
            Path output = dir.resolve("wrk-" + name + ".txt");
            ProcessBuilder builder = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                    "--timeout", "10s", "-s", script.toString(), base)
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            env.put("BENCH_PATHS", pathList.toString());
            env.put("BENCH_AUTHORIZATION", authorization);
            env.put("BENCH_ACCEPT", accept == null ? "" : accept);
            env.put("BENCH_STOP_AFTER", Integer.toString(stopAfter));
            env.put("BENCH_SELF_TIMED", connections == threads ? "1" : "0");
            Process wrk = builder.start();
            if (!wrk.waitFor(seconds + 60, TimeUnit.SECONDS)) {
                wrk.destroyForcibly();
                throw new IllegalStateException("wrk " + name + " did not end; see " + output);
            }
            String text = Files.readString(output);
            String line = text.lines().filter(l -> l.startsWith("bench-result ")).findFirst().orElse(null);
            if (wrk.exitValue() != 0 || line == null) {
                throw new IllegalStateException("wrk " + name + " failed (exit " + wrk.exitValue() + "):\n" + text);
            }
            Map<String, String> result = new HashMap<>();
            for (String pair : line.substring("bench-result ".length()).split(" ")) {
                String[] kv = pair.split("=", 2);
                result.put(kv[0], kv[1]);
            }
            long failures = Long.parseLong(result.get("socket_errors")) + Long.parseLong(result.get("non2xx"));
            return new Run(Long.parseLong(result.get("requests")), failures, ms(result.get("p50_us")),
                    ms(result.get("p95_us")), ms(result.get("p99_us")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Milliseconds from the script's microseconds (-1: nothing answered). */
    private static double ms(String microseconds) {
        double us = Double.parseDouble(microseconds);
        return us < 0 ? Double.NaN : us / 1000;
    }
}
