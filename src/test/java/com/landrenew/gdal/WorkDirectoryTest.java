package com.landrenew.gdal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private folders of imports: mode 0700, gone when closed, and a dead server's left-overs swept at start-up. */
class WorkDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aFolderIsPrivateAndGoneOnceClosed() throws Exception {
        Path path;
        try (WorkDirectory dir = WorkDirectory.create("import")) {
            path = dir.path();
            Files.writeString(dir.resolve("upload"), "x");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rwx------");
            assertThat(path.getFileName().toString()).startsWith("landrenew-import-" + ProcessHandle.current().pid() + "-");
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void leftOversOfServersNoLongerRunningAreDeleted() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path dead = Files.createDirectory(temp.resolve("landrenew-import-" + ended.pid() + "-123"));
        Files.writeString(dead.resolve("survey.geojson"), "{}");
        Path alive = Files.createDirectory(temp.resolve("landrenew-import-" + ProcessHandle.current().pid() + "-456"));
        Path oldUnnamed = Files.writeString(temp.resolve("landrenew-import-8812.geojson"), "{}");
        Files.setLastModifiedTime(oldUnnamed, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        Path newUnnamed = Files.writeString(temp.resolve("landrenew-import-8813.geojson"), "{}");
        Path other = Files.writeString(temp.resolve("someone-else.txt"), "x");

        assertThat(WorkDirectory.deleteLeftovers(temp)).isEqualTo(2);
        assertThat(dead).doesNotExist();
        assertThat(oldUnnamed).doesNotExist();
        assertThat(alive).exists();
        assertThat(newUnnamed).exists();
        assertThat(other).exists();
    }
}
