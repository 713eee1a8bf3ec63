package com.landrenew.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files for import tests made as their users make them: with the command-line GDAL, zipped as a Shapefile is sent. */
public final class UploadFiles {

    private UploadFiles() {
    }

    /** Runs Debian's ogr2ogr with these arguments; it must succeed within a minute. */
    public static void ogr2ogr(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ogr2ogr"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** A zip of the files of {@code dir} that {@code keep} accepts, each under its bare name, in name order. */
    public static byte[] zip(Path dir, Predicate<Path> keep) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                if (keep.test(file)) {
                    zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
                    zip.write(Files.readAllBytes(file));
                    zip.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
