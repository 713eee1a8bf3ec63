package com.landrenew.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** The private server the demo and the tests run on: created once, reused, and kept across restarts. */
class LocalPostgisTest {

    private static final Path HOME = Path.of("target", "postgis-lifecycle-test");

    @Test
    void keepsDataAcrossRestartsAndReusesARunningServer() throws Exception {
        LocalPostgis first = LocalPostgis.in(HOME);
        first.start();
        try {
            execute(first, "drop table if exists kept; create table kept (note text); insert into kept values ('still here')");

            LocalPostgis second = LocalPostgis.in(HOME);
            second.start();
            assertThat(second.port()).as("a second start reuses the running server").isEqualTo(first.port());
            second.stop(); // did not start it, so must not stop it
            assertThat(query(first, "select note from kept")).isEqualTo("still here");
        } finally {
            first.stop();
        }

        // Older versions left the folder and the password readable by every local user: a start tightens them.
        Files.setPosixFilePermissions(first.home(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(first.home().resolve("password"), PosixFilePermissions.fromString("rw-r--r--"));
        LocalPostgis restarted = LocalPostgis.in(HOME);
        restarted.start();
        try {
            assertThat(SecretFilesTest.mode(restarted.home())).isEqualTo("rwx------");
            assertThat(SecretFilesTest.mode(restarted.home().resolve("password"))).isEqualTo("rw-------");
            assertThat(query(restarted, "select note from kept")).isEqualTo("still here");
            assertThat(query(restarted, "select postgis_lib_version()")).startsWith("3.");
        } finally {
            restarted.stop();
        }
    }

    @Test
    void missingBinariesAreNamedWithHowToInstallThem() {
        System.setProperty("landrenew.postgres.bin", "/nonexistent/postgres/bin");
        try {
            assertThatThrownBy(() -> LocalPostgis.in(HOME))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/nonexistent/postgres/bin")
                    .hasMessageContaining("apt-get install");
        } finally {
            System.clearProperty("landrenew.postgres.bin");
        }
    }

    private static void execute(LocalPostgis server, String sql) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute("create extension if not exists postgis");
            s.execute(sql);
        }
    }

    private static String query(LocalPostgis server, String sql) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static Connection connect(LocalPostgis server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
    }
}
