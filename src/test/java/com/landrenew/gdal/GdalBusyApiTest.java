package com.landrenew.gdal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With as many GDAL runs under way as the server takes (2), a visitor's GeoPackage export waits 10 s, then gets a 503. */
@LandRenewTest
class GdalBusyApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Gdal gdal;

    @Test
    void anExportWhileEveryGdalSlotIsTakenIsA503WithRetryAfter() throws Exception {
        List<Thread> holders = new ArrayList<>();
        try (WorkDirectory dir = WorkDirectory.create("import")) {
            for (int i = 0; i < 2; i++) {
                Thread holder = new Thread(() -> gdal.run(List.of("sleep", "13"), Set.of("GeoJSON"), dir, null));
                holder.start();
                holders.add(holder);
            }
            while (ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("sleep 13")).count() < 2) {
                Thread.sleep(20);
            }
            Api.Binary busy = new Api(port).getBinary("/api/exports/parcels?format=gpkg&zone=anji");
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo("10");
            assertThat(new String(busy.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("服务器正在转换其他文件（同时最多 2 个），请稍后重试。The server is converting other files (at most 2 at once)");
            for (Thread holder : holders) {
                holder.join();
            }
            // the slots are free again: the same export is a GeoPackage
            Api.Binary file = new Api(port).getBinary("/api/exports/parcels?format=gpkg&zone=anji");
            assertThat(file.status()).isEqualTo(200);
            assertThat(new String(file.body(), 0, 15, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3");
        }
    }
}
