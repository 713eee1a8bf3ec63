package com.landrenew.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place that decides which PostGIS the application talks to: the server named by
 * {@code spring.datasource.url} when set, otherwise a {@link LocalPostgis} it starts itself.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean
    DataSource dataSource(@Value("${spring.datasource.url:}") String url,
            @Value("${spring.datasource.username:}") String username,
            @Value("${spring.datasource.password:}") String password,
            @Value("${landrenew.local-db.dir:.landrenew/postgis}") Path localDir,
            @Value("${landrenew.local-db.database:landrenew}") String database,
            @Value("${landrenew.local-db.recreate:false}") boolean recreate) {
        HikariDataSource dataSource;
        if (url.isBlank()) {
            LocalPostgis server = LocalServers.acquire(localDir);
            dataSource = new LocalServerDataSource(localDir);
            prepareDatabase(server, database, recreate);
            dataSource.setJdbcUrl(server.jdbcUrl(database));
            dataSource.setUsername(server.username());
            dataSource.setPassword(server.password());
        } else {
            dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(username);
            dataSource.setPassword(password);
        }
        dataSource.setMaximumPoolSize(10);
        // PostGIS functions carry high cost estimates, so spatial queries cross the JIT threshold and
        // then spend most of their time compiling (measured: 0.9 s of a 1.0 s tally). Off for our sessions.
        dataSource.setConnectionInitSql("set jit = off");
        return dataSource;
    }

    /** A pool on a private server; closing it (when the context closes) gives the server back. */
    private static final class LocalServerDataSource extends HikariDataSource {

        private final Path serverDir;

        LocalServerDataSource(Path serverDir) {
            this.serverDir = serverDir;
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

    /** Creates the database on the private server; {@code recreate} gives tests a clean one per run. */
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
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database " + database + " on the private server: "
                    + e.getMessage(), e);
        }
    }
}
