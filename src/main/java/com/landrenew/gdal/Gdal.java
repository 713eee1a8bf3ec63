package com.landrenew.gdal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.landrenew.web.ServerBusyException;
import com.landrenew.web.TooLargeException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Runs Debian's GDAL tools (ogr2ogr, ogrinfo) on files that may have been crafted to attack us. Every
 * run gets an environment that closes GDAL's doors to other files and to the network (GDAL 3.6 has no
 * {@code -if}, so the drivers are pinned through GDAL_SKIP), a time limit, a limit on what it writes,
 * and is killed, with anything it started, as soon as it is not needed any more; at most
 * {@code landrenew.gdal.max-runs} run at once (a request waits up to {@code landrenew.gdal.queue-wait}, then gets
 * a 503). docs/import-export.md lists the options and what each guards.
 */
@Component
public class Gdal {

    private static final Logger log = LoggerFactory.getLogger(Gdal.class);

    /** A proxy curl cannot use: every HTTP(S)/FTP request GDAL or PROJ would make fails before connecting. */
    static final String NO_NETWORK_PROXY = "landrenew-no-network://";

    private static final Pattern DRIVER_LINE = Pattern.compile("^  (\\S.*?) -[a-z ,]+- \\(.*");
    /** Variables of the server's environment a GDAL run keeps; every other one (GDAL_*, OGR_*, proxies...) is dropped. */
    private static final List<String> KEPT_ENVIRONMENT = List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "GDAL_DATA",
            "PROJ_DATA", "PROJ_LIB");
    private static final int MESSAGES_SHOWN = 64 * 1024;

    private final Duration timeout;
    private final DataSize maxOutput;
    /** One permit per GDAL run at once: imports and exports (which visitors may ask for) cannot pile up processes. */
    private final Semaphore slots;
    private final int maxRuns;
    private final Duration queueWait;
    private volatile List<String> vectorDrivers;

    Gdal(@Value("${landrenew.import.gdal-timeout:120s}") Duration timeout,
            @Value("${landrenew.import.max-converted-size:300MB}") DataSize maxOutput,
            @Value("${landrenew.gdal.max-runs:2}") int maxRuns,
            @Value("${landrenew.gdal.queue-wait:10s}") Duration queueWait) {
        this.timeout = timeout;
        this.maxOutput = maxOutput;
        this.maxRuns = maxRuns;
        this.slots = new Semaphore(maxRuns, true);
        this.queueWait = queueWait;
    }

    /** A server killed during an import or export (kill -9) left its folder behind; the next start removes it. */
    @EventListener(ApplicationReadyEvent.class)
    void deleteLeftovers() {
        int deleted = WorkDirectory.deleteLeftovers(Path.of(System.getProperty("java.io.tmpdir")));
        if (deleted > 0) {
            log.info("Deleted {} folders and files left behind by earlier imports and exports", deleted);
        }
    }

    /** How a run ended: GDAL's exit code and (the start of) what it printed. */
    public record Result(int exitCode, String messages) {

        /** GDAL tried a URL (a GeoJSON "link" CRS, a /vsicurl/ path...) and our proxy stopped it. */
        public boolean triedNetwork() {
            return messages.contains("landrenew-no-network");
        }
    }

    /**
     * Runs {@code command} with only {@code drivers} registered, in {@code dir}; {@code watched} (may be
     * null) is the file it writes, whose size, with GDAL's messages, must stay within the output limit.
     */
    public Result run(List<String> command, Set<String> drivers, WorkDirectory dir, Path watched) {
        takeSlot();
        try {
            return runInSlot(command, drivers, dir, watched);
        } finally {
            slots.release();
        }
    }

    /** Waits up to the queue wait for one of the runs allowed at once; 503 when none comes free. */
    private void takeSlot() {
        try {
            if (slots.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to run GDAL", e);
        }
        throw new ServerBusyException("服务器正在转换其他文件（同时最多 " + maxRuns + " 个），请稍后重试。The server is converting "
                + "other files (at most " + maxRuns + " at once); retry shortly.", (int) Math.max(1, queueWait.toSeconds()));
    }

    private Result runInSlot(List<String> command, Set<String> drivers, WorkDirectory dir, Path watched) {
        Map<String, String> environment = environment(dir);
        environment.put("GDAL_SKIP", String.join(",", skipped(drivers)));
        Path log = dir.resolve("gdal-" + System.nanoTime() + ".log");
        List<String> wrapped = new ArrayList<>(List.of("timeout", "-s", "KILL", (timeout.toSeconds() + 10) + "s"));
        // timeout(1) also stops a GDAL left behind by a server killed with kill -9.
        wrapped.addAll(command);
        Process process = start(wrapped, environment, dir.path(), log);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    throw new TooLargeException("读取文件超过 " + timeout.toSeconds() + " 秒，已停止。Reading the file took longer than "
                            + timeout.toSeconds() + " s and was stopped.");
                }
                checkOutputSize(watched, log);
            }
            checkOutputSize(watched, log);
            int exit = process.exitValue();
            if (exit == 126 || exit == 127) {
                throw notInstalled(command.get(0), readHead(log));
            }
            return new Result(exit, readHead(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while GDAL's " + command.get(0) + " ran", e);
        } finally {
            kill(process);
        }
    }

    /** The vector drivers this GDAL has, from its own list (read once). */
    List<String> vectorDrivers() {
        List<String> drivers = vectorDrivers;
        if (drivers == null) {
            try (WorkDirectory dir = WorkDirectory.create("import")) {
                Path log = dir.resolve("formats.log");
                Process process = start(List.of("ogrinfo", "--formats"), environment(dir), dir.path(), log);
                try {
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("ogrinfo --formats did not answer within 60 s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } finally {
                    kill(process);
                }
                drivers = new ArrayList<>();
                for (String line : readHead(log).split("\n")) {
                    Matcher m = DRIVER_LINE.matcher(line);
                    if (m.matches()) {
                        drivers.add(m.group(1));
                    }
                }
                drivers = List.copyOf(drivers);
                vectorDrivers = drivers;
            }
        }
        return drivers;
    }

    /** Every vector driver but {@code allowed}; refuses to run at all when one of them is not in GDAL's list. */
    private List<String> skipped(Set<String> allowed) {
        List<String> all = vectorDrivers();
        for (String driver : allowed) {
            if (!all.contains(driver)) {
                throw new IllegalStateException("GDAL's driver list (ogrinfo --formats) has no " + driver + " driver");
            }
        }
        return all.stream().filter(d -> !allowed.contains(d)).toList();
    }

    private static Map<String, String> environment(WorkDirectory dir) {
        Map<String, String> environment = new HashMap<>();
        for (String name : KEPT_ENVIRONMENT) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        String home = dir.path().toString();
        environment.put("HOME", home);
        environment.put("TMPDIR", home);
        environment.put("CPL_TMPDIR", home);
        environment.put("SQLITE_TMPDIR", home);
        // No driver plugins from disk: only the drivers built into Debian's libgdal, minus GDAL_SKIP.
        environment.put("GDAL_DRIVER_PATH", "disable");
        // A GeoPackage is SQLite. SpatiaLite's virtual tables (VirtualText, VirtualShape, VirtualDbf,
        // VirtualXL...) read other files: with SpatiaLite loaded, a crafted .gpkg read a CSV of the server.
        environment.put("SPATIALITE_LOAD", "NO");
        environment.put("ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW", "NO");
        environment.put("ALLOW_VIRTUAL_OGR_FROM_TRIGGER_AND_VIEW", "NO");
        // No network: GDAL's HTTP (a GeoJSON "link" CRS, /vsicurl/...) goes through a proxy that cannot
        // exist, /vsicurl/ accepts no file name, and PROJ fetches no grids.
        environment.put("GDAL_HTTP_PROXY", NO_NETWORK_PROXY);
        environment.put("all_proxy", NO_NETWORK_PROXY);
        environment.put("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".landrenew-no-network");
        environment.put("PROJ_NETWORK", "OFF");
        return environment;
    }

    private static Process start(List<String> command, Map<String, String> environment, Path dir, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(new File("/dev/null")).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw notInstalled(command.get(0), e.getMessage());
        }
    }

    private static IllegalStateException notInstalled(String tool, String why) {
        return new IllegalStateException("GDAL's " + tool + " could not be run; install Debian's gdal-bin "
                + "(the README's commands do): " + why);
    }

    private void checkOutputSize(Path watched, Path log) {
        long written = size(log) + (watched == null ? 0 : size(watched));
        if (written > maxOutput.toBytes()) {
            throw new TooLargeException("文件转换后超过 " + megabytes(maxOutput) + "，已停止。The file is larger than "
                    + megabytes(maxOutput) + " once converted; reading it was stopped.");
        }
    }

    /** Kills the process and anything it started, and waits for it to go; a no-op once it has ended. */
    private static void kill(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static String megabytes(DataSize size) {
        return size.toBytes() % (1024 * 1024) == 0 ? size.toMegabytes() + " MB" : size.toBytes() + " bytes";
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readHead(Path log) {
        if (!Files.exists(log)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(log)) {
            return new String(in.readNBytes(MESSAGES_SHOWN), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
