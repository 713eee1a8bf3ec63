package com.landrenew.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application's database login (its DataSource) reads and writes rows and nothing more: whoever
 * has its password still cannot get around the ledger's and the trail's triggers. That the
 * application works with it is what the rest of the suite shows.
 */
@LandRenewTest
class AppLoginTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Flyway flyway;

    @Test
    void isNeitherSuperuserNorOwnerNorTheLoginThatMigrates() throws SQLException {
        assertThat(jdbc.sql("select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls from pg_roles where rolname = current_user")
                .query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("""
                select count(*) from pg_class c where c.relnamespace = 'public'::regnamespace
                  and pg_has_role(current_user, c.relowner, 'USAGE')""").query(Long.class).single())
                .as("tables, views and sequences it owns").isZero();
        assertThat(jdbc.sql("""
                select count(*) from pg_proc p where p.pronamespace = 'public'::regnamespace
                  and pg_has_role(current_user, p.proowner, 'USAGE')""").query(Long.class).single())
                .as("functions it owns").isZero();
        try (Connection app = dataSource.getConnection(); Connection owner = flyway.getConfiguration().getDataSource().getConnection()) {
            assertThat(app.getMetaData().getUserName()).isNotEqualTo(owner.getMetaData().getUserName());
        }
    }

    /** A function whose signature is longer than a PostgreSQL name (63 characters) is granted whole, not cut short. */
    @Test
    void migratingGrantsFunctionsWithLongSignaturesToo() {
        JdbcClient owner = JdbcClient.create(flyway.getConfiguration().getDataSource());
        String function = "a_function_named_so_that_its_signature_is_longer_than_a_name(bigint, text)";
        assertThat(function.length()).isGreaterThan(63);
        owner.sql("create function a_function_named_so_that_its_signature_is_longer_than_a_name(a bigint, b text) "
                + "returns int language sql as 'select 1'").update();
        try {
            flyway.migrate();   // nothing to apply; the grants run again after it
            assertThat(jdbc.sql("select has_function_privilege(current_user, '" + function + "', 'execute')")
                    .query(Boolean.class).single()).isTrue();
        } finally {
            owner.sql("drop function " + function).update();
        }
    }

    @Test
    void cannotDisableTriggersNorSkipThemNorAlterTables() {
        assertThat(refused("alter table parcel_all disable trigger all")).contains("must be owner");
        assertThat(refused("alter table audit_log disable trigger audit_log_append_only")).contains("must be owner");
        assertThat(refused("alter table parcel_event drop constraint parcel_event_pkey")).contains("must be owner");
        assertThat(refused("set session_replication_role = replica")).contains("permission denied");
        assertThat(refused("create table shadow (id int)")).contains("permission denied");
    }

    @Test
    void cannotChangeTheTrailNorTheLedgerExceptByAddingRows() {
        for (String sql : new String[] {"update audit_log set actor = 'someone else'", "delete from audit_log",
                "truncate audit_log", "insert into audit_log (actor, action, table_name, row_key) values ('x', 'insert', 'parcel', 'x')",
                "update parcel_event set reason = 'rewritten'", "delete from parcel_event", "delete from parcel_lineage",
                "delete from parcel_stats", "select refresh_parcel_stats()", "update life_cycle_transition set to_state = 'supplied'"}) {
            assertThat(refused(sql)).as(sql).contains("permission denied");
        }
    }

    @Test
    void cannotSwitchTheTrailOff() {
        int[] id = new int[1];
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> {
            jdbc.sql("select set_config('landrenew.audit', 'off', true)").query().singleRow();
            id[0] = new Fixtures(jdbc).enterprise("关闭审计企业");
        });
        String creditCode = jdbc.sql("select credit_code from enterprise where id = :id").param("id", id[0]).query(String.class).single();
        assertThat(jdbc.sql("select count(*) from audit_log where table_name = 'enterprise' and row_key = :code")
                .param("code", creditCode).query(Long.class).single())
                .as("only a session of the owner (the sample loader) may switch the trail off").isEqualTo(1);
    }

    /** Runs one statement as the application's login, in a transaction rolled back afterwards; the refusal's message. */
    private String refused(String sql) {
        try (Connection app = dataSource.getConnection()) {
            app.setAutoCommit(false);
            try (Statement statement = app.createStatement()) {
                statement.execute(sql);
                return "not refused";
            } catch (SQLException e) {
                return e.getMessage();
            } finally {
                app.rollback();
                app.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
