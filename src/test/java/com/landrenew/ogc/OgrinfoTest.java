package com.landrenew.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real OGC API client against the running server: GDAL's ogrinfo (Debian gdal-bin) lists the
 * collections and reads every parcel, following the next links page by page.
 */
@LandRenewTest
class OgrinfoTest {

    private static final Path OGRINFO = Path.of("/usr/bin/ogrinfo");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void ogrinfoListsTheCollectionsAndReadsEveryParcel() throws Exception {
        if (!Files.isExecutable(OGRINFO)) {
            fail(OGRINFO + " is missing: run the tests with the README's test command, `bash src/sh/landrenew.sh test`,"
                    + " which installs gdal-bin.");
        }
        String source = "OAPIF:http://localhost:" + port + "/ogc";

        String listing = ogrinfo("-ro", "-so", source);
        assertThat(listing).contains("using driver `OAPIF' successful", "1: zones", "2: blocks", "3: parcels (",
                "4: available-land", "5: buildings");

        String summary = ogrinfo("-ro", "-so", source, "parcels");
        long parcels = jdbc.sql("select count(*) from parcel").query(Long.class).single();
        assertThat(summary).contains("Feature Count: " + parcels, "state: String", "area_mu: Real");

        // Every feature, 1,000 a page: each is printed as "OGRFeature(parcels):<id>".
        String all = ogrinfo("-ro", "-q", "-oo", "PAGE_SIZE=1000", source, "parcels");
        Matcher features = Pattern.compile("(?m)^OGRFeature\\(parcels\\):(\\d+)$").matcher(all);
        List<Long> ids = new ArrayList<>();
        while (features.find()) {
            ids.add(Long.parseLong(features.group(1)));
        }
        assertThat(ids).hasSize((int) parcels);
        assertThat(ids).doesNotHaveDuplicates();
        long maxId = jdbc.sql("select max(id) from parcel").query(Long.class).single();
        assertThat(ids).contains(maxId);
    }

    @Test
    void aVisitorListsTheCollectionsWithoutAnHttpError() throws Exception {
        String listing = run(false, "-ro", "-so", "OAPIF:http://localhost:" + port + "/ogc");
        // the listing names only what a visitor may read, so GDAL never meets a 401 on the way
        assertThat(listing).contains("using driver `OAPIF' successful", "1: zones", "2: blocks", "3: available-land",
                "4: buildings").doesNotContain("HTTP error", "401", "parcels (");
    }

    private static String ogrinfo(String... args) throws IOException, InterruptedException {
        return run(true, args);
    }

    static String run(boolean signedIn, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(OGRINFO)) {
            fail(OGRINFO + " is missing: run the tests with the README's test command, `bash src/sh/landrenew.sh test`,"
                    + " which installs gdal-bin.");
        }
        List<String> command = new ArrayList<>();
        command.add(OGRINFO.toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("ogrinfo-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            // Parcels are for signed-in users: GDAL sends HTTP Basic credentials, as QGIS would.
            if (signedIn) {
                builder.environment().put("GDAL_HTTP_AUTH", "BASIC");
                builder.environment().put("GDAL_HTTP_USERPWD", TestUsers.PLANNER + ":" + TestUsers.password(TestUsers.PLANNER));
            }
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("ogrinfo did not finish in 120 s: " + command);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("ogrinfo exit code; output:\n" + text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
