package com.landrenew.gdal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.landrenew.web.ServerBusyException;
import com.landrenew.web.TooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

/** Debian's GDAL run the way imports run it: only the drivers asked for, limited in time and output, killed after. */
class GdalTest {

    @TempDir
    Path temp;

    private final Gdal gdal = new Gdal(Duration.ofSeconds(2), DataSize.ofMegabytes(1), 2, Duration.ofSeconds(10));

    @Test
    void onlyTheDriversAskedForOpenAFile() throws Exception {
        Path secret = temp.resolve("secret.csv");
        Files.writeString(secret, "name,password\nalice,SECRET-pw-77\n");
        Path vrt = temp.resolve("evil.json");
        Files.writeString(vrt, "<OGRVRTDataSource><OGRVRTLayer name=\"secret\"><SrcDataSource>CSV:" + secret
                + "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>");
        try (WorkDirectory dir = WorkDirectory.create("import")) {
            Gdal.Result pinned = gdal.run(List.of("ogrinfo", "-ro", "-al", vrt.toString()), Set.of("GeoJSON"), dir, null);
            assertThat(pinned.exitCode()).isNotZero();
            assertThat(pinned.messages()).doesNotContain("SECRET").contains("GeoJSON");
            // The same file with the VRT and CSV drivers let in, to show that the refusal above is GDAL_SKIP's.
            Gdal.Result open = gdal.run(List.of("ogrinfo", "-ro", "-al", vrt.toString()), Set.of("OGR_VRT", "CSV"), dir, null);
            assertThat(open.messages()).contains("SECRET-pw-77");
        }
    }

    @Test
    void aRunOverItsTimeIsKilled() {
        try (WorkDirectory dir = WorkDirectory.create("import")) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> gdal.run(List.of("sleep", "60"), Set.of("GeoJSON"), dir, null))
                    .isInstanceOf(TooLargeException.class).hasMessageContaining("2 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("sleep 60")))
                    .as("no process left running").isEmpty();
        }
    }

    @Test
    void runsOverTheLimitAtOnceWaitThenGetA503AndEveryEndFreesItsSlot() throws Exception {
        Gdal one = new Gdal(Duration.ofSeconds(5), DataSize.ofMegabytes(1), 1, Duration.ofMillis(300));
        try (WorkDirectory dir = WorkDirectory.create("import")) {
            // a run that ends over its time frees its slot too
            assertThatThrownBy(() -> one.run(List.of("sleep", "60"), Set.of("GeoJSON"), dir, null))
                    .isInstanceOf(TooLargeException.class);
            Thread first = new Thread(() -> one.run(List.of("sleep", "2"), Set.of("GeoJSON"), dir, null));
            first.start();
            long waited = System.nanoTime();
            while (ProcessHandle.current().descendants().noneMatch(p -> p.info().commandLine().orElse("").contains("sleep 2"))) {
                assertThat(Duration.ofNanos(System.nanoTime() - waited)).as("the first run starts").isLessThan(Duration.ofSeconds(10));
                Thread.sleep(20);
            }
            long asked = System.nanoTime();
            assertThatThrownBy(() -> one.run(List.of("true"), Set.of("GeoJSON"), dir, null))
                    .isInstanceOfSatisfying(ServerBusyException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1))
                    .hasMessage("服务器正在转换其他文件（同时最多 1 个），请稍后重试。The server is converting other files "
                            + "(at most 1 at once); retry shortly.");
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("it waited for a slot first")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
            first.join();
            assertThat(one.run(List.of("true"), Set.of("GeoJSON"), dir, null).exitCode()).isZero();
        }
    }

    @Test
    void aRunWritingOverTheLimitIsKilled() {
        try (WorkDirectory dir = WorkDirectory.create("import")) {
            Path out = dir.resolve("out.txt");
            assertThatThrownBy(() -> gdal.run(List.of("sh", "-c", "exec yes landrenew > " + out), Set.of("GeoJSON"), dir, out))
                    .isInstanceOf(TooLargeException.class).hasMessageContaining("1 MB");
            assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("yes landrenew")))
                    .as("no process left running").isEmpty();
        }
    }
}
