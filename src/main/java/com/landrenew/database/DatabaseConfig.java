package com.landrenew.database;

import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.api.callback.Callback;
import org.postgresql.Driver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The one place that decides which PostGIS the application talks to: the server named by
 * {@code spring.datasource.url} when set, otherwise a {@link LocalPostgis} it starts itself.
 *
 * <p>Two logins (docs/operations.md, "Database roles"): the application's, which owns nothing and may only read
 * and write rows ({@link AppLoginGrants}), and the owner of the tables, who migrates them (Flyway)
 * and loads the sample. On the private server these are {@code landrenew_app} and the superuser
 * {@code landrenew}; on another server {@code spring.datasource.*} and {@code spring.flyway.user}/
 * {@code password} (Spring Boot's: Flyway then connects to the same URL as that user).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean
    DataSource dataSource(@Value("${spring.datasource.url:}") String url,
            @Value("${spring.datasource.username:}") String username,
            @Value("${spring.datasource.password:}") String password,
            @Value("${landrenew.local-db.dir:.landrenew/postgis}") Path localDir,
            @Value("${landrenew.local-db.database:landrenew}") String database,
            @Value("${landrenew.local-db.recreate:false}") boolean recreate,
            @Value("${landrenew.local-db.watchdog-interval:5s}") Duration watchdogInterval,
            @Value("${landrenew.database.connection-timeout:3s}") Duration connectionTimeout) {
        HikariDataSource dataSource;
        if (url.isBlank()) {
            LocalPostgis server = LocalServers.acquire(localDir, watchdogInterval);
            prepareDatabase(server, database, recreate);
            dataSource = new LocalServerDataSource(localDir, new SimpleDriverDataSource(new Driver(),
                    server.jdbcUrl(database), server.username(), server.password()));
            dataSource.setJdbcUrl(server.jdbcUrl(database));
            dataSource.setUsername(server.appUsername());
            dataSource.setPassword(server.appPassword());
        } else {
            dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(username);
            dataSource.setPassword(password);
        }
        dataSource.setMaximumPoolSize(10);
        // While the database is away a request gets no connection after this long: a 503 (web/ApiErrors), not a
        // 30 s hang. Hikari keeps trying in the background and the pool recovers by itself when it is back.
        dataSource.setConnectionTimeout(connectionTimeout.toMillis());
        dataSource.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 5000));
        // PostGIS functions carry high cost estimates, so spatial queries cross the JIT threshold and
        // then spend most of their time compiling (measured: 0.9 s of a 1.0 s tally). Off for our sessions.
        dataSource.setConnectionInitSql("set jit = off");
        return dataSource;
    }

    /**
     * On the private server Flyway migrates as the owner. (Elsewhere Spring Boot's own settings apply:
     * spring.flyway.user and password, or the application's login when they are not set.)
     */
    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(DataSource dataSource) {
        return configuration -> {
            if (dataSource instanceof LocalServerDataSource local) {
                configuration.dataSource(local.owner);
            }
        };
    }

    /** After every migration, the application's login gets exactly the grants it needs, on old tables and new. */
    @Bean
    Callback appLoginGrants(DataSource dataSource) {
        return new AppLoginGrants(((HikariDataSource) dataSource).getUsername());
    }

    /**
     * The application's pool on a private server, with the owner's login beside it (unpooled: used only by
     * Flyway and the sample loader at start); closing the pool (when the context closes) gives the server back.
     */
    private static final class LocalServerDataSource extends HikariDataSource {

        private final Path serverDir;
        private final DataSource owner;

        LocalServerDataSource(Path serverDir, DataSource owner) {
            this.serverDir = serverDir;
            this.owner = owner;
        }

        @Override
        public void close() {
            boolean wasOpen = !isClosed();
            super.close();
            if (wasOpen) {
                LocalServers.release(serverDir);
            }
        }
    }

    /**
     * Creates the database on the private server ({@code recreate} gives tests a clean one per run) and the
     * application's login, which may connect to it and nothing more until {@link AppLoginGrants} has run.
     */
    private static void prepareDatabase(LocalPostgis server, String database, boolean recreate) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("landrenew.local-db.database must be a plain lower-case name: " + database);
        }
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
                Statement statement = admin.createStatement()) {
            if (recreate && LocalServers.firstRequestFor(database)) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
            try (ResultSet exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + database + "'")) {
                if (!exists.next()) {
                    statement.execute("create database " + database);
                }
            }
            String app = server.appUsername();
            try (ResultSet exists = statement.executeQuery("select 1 from pg_roles where rolname = '" + app + "'")) {
                if (!exists.next()) {
                    statement.execute("create role " + app);
                }
            }
            // Every start: the password from its file (hex digits only, see LocalPostgis) and no powers at all.
            statement.execute("alter role " + app + " with login nosuperuser nocreatedb nocreaterole noreplication "
                    + "nobypassrls password '" + server.appPassword() + "'");
            statement.execute("grant connect, temporary on database " + database + " to " + app);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database " + database + " on the private server: "
                    + e.getMessage(), e);
        }
    }
}
