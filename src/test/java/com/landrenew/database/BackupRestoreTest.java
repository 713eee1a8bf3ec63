package com.landrenew.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.landrenew.support.LandRenewTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A backup of the suite's database (pg_dump, custom format, as `bash src/sh/landrenew.sh backup` makes it),
 * restored into a fresh private server of its own (as `restore` does), holds the same parcels, ledger and
 * tally of states and areas. The restored server is stopped and deleted after the class.
 */
@LandRenewTest
class BackupRestoreTest {

    static final Path BACKUP = Path.of("target/backup-test/landrenew_test.dump");
    static final Path RESTORED = Path.of("target/postgis-restored-test");

    /** Parcels per state with their areas (m², EPSG:4549), ledger events and zones: what a restore must give back. */
    static final String TALLY = """
            select p.state || ' ' || count(*) || ' ' || round(sum(ST_Area(p.geom))::numeric, 1)
            from parcel p group by p.state
            union all select 'events ' || count(*) from parcel_event
            union all select 'zones ' || count(*) from zone
            union all select 'users ' || count(*) from app_user
            order by 1""";

    private static LocalPostgis restored;

    @Autowired
    Flyway flyway;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void stopTheRestoredServer() throws IOException {
        if (restored != null) {
            restored.stop();
            restored.run(List.of("rm", "-rf", restored.home().toString(), BACKUP.getParent().toString()), true);
        }
    }

    @Test
    void aBackupRestoredIntoAFreshServerHoldsTheSameParcelsAndTally() throws IOException {
        LocalPostgis server = LocalServers.running(Path.of("target/postgis-test"));
        restored = LocalPostgis.in(RESTORED);
        restored.run(List.of("rm", "-rf", restored.home().toString(), BACKUP.getParent().toString()), true);   // a leftover run

        LocalBackup.backup(server, "landrenew_test", BACKUP);
        assertThat(Files.size(BACKUP)).isPositive();
        List<String> before = jdbc.sql(TALLY).query(String.class).list();

        restored = LocalBackup.restore(BACKUP, RESTORED, "landrenew_copy");
        JdbcClient copy = JdbcClient.create(new DriverManagerDataSource(restored.jdbcUrl("landrenew_copy"),
                restored.username(), restored.password()));
        assertThat(copy.sql(TALLY).query(String.class).list()).as("the restored database's tally").isEqualTo(before)
                .anySatisfy(line -> assertThat(line).startsWith("in_use "));
        assertThat(copy.sql("select count(*) from parcel").query(Long.class).single())
                .isEqualTo(jdbc.sql("select count(*) from parcel").query(Long.class).single()).isPositive();
        String lastMigration = "select version from flyway_schema_history order by installed_rank desc limit 1";
        assertThat(copy.sql(lastMigration).query(String.class).single())
                .as("migrated already: the application starts on it as it is")
                .isEqualTo(flyway.info().current().getVersion().getVersion());

        assertThatThrownBy(() -> LocalBackup.restore(BACKUP, RESTORED, "landrenew_copy"))
                .as("never restored over a database").hasMessageContaining("exists already");
    }
}
