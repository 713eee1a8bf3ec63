package com.landrenew.gdal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private folder (mode 0700) for one import or export: the upload, what is unpacked from it, what
 * GDAL writes. Closing deletes it whatever happened. Its name carries the server's process id, so a
 * server that starts again after a kill -9 can tell its own leftovers from another server's work.
 */
public final class WorkDirectory implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("landrenew-(?:import|export)-(?:(\\d{1,18})-)?.*");
    /** Files of servers before this naming (no process id) count as left over once this old. */
    private static final Duration UNNAMED_LEFTOVER_AGE = Duration.ofHours(1);

    private final Path dir;

    private WorkDirectory(Path dir) {
        this.dir = dir;
    }

    /** {@code purpose} is "import" or "export". */
    public static WorkDirectory create(String purpose) {
        try {
            return new WorkDirectory(Files.createTempDirectory("landrenew-" + purpose + "-" + ProcessHandle.current().pid() + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        delete(dir);
    }

    /** Deletes the temporary folders and files of imports and exports whose server is no longer running. */
    static int deleteLeftovers(Path tempDir) {
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tempDir, "landrenew-{import,export}-*")) {
            for (Path entry : entries) {
                if (isLeftover(entry)) {
                    delete(entry);
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted;
    }

    private static boolean isLeftover(Path entry) throws IOException {
        Matcher name = NAME.matcher(entry.getFileName().toString());
        if (name.matches() && name.group(1) != null) {
            long pid = Long.parseLong(name.group(1));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
        FileTime modified = Files.getLastModifiedTime(entry);
        return modified.toInstant().isBefore(Instant.now().minus(UNNAMED_LEFTOVER_AGE));
    }

    private static void delete(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Left for the next start-up's sweep.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Left for the next start-up's sweep.
        }
    }
}
