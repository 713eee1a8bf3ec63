package com.landrenew.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.landrenew.evaluation.EvaluationService;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the sample under {@code gis-data/} into an empty database, once: a store that already has
 * zones is left alone, so the demo keeps what planners changed between starts. It runs when the
 * beans are ready and before the web server starts, so nobody sees a half-loaded map.
 *
 * <p>It loads as the owner of the tables (the login Flyway migrates with), not as the application's
 * login: the sample is the starting state, not changes, so the audit trail skips it, and only a
 * session of the owner can switch the trail off (V13). That login is used here once, at start.
 */
@Component
class SampleDataLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SampleDataLoader.class);

    private final Flyway flyway;
    private final ObjectMapper json;
    private final Path dir;
    private final boolean enabled;
    private final EvaluationService evaluations;

    SampleDataLoader(Flyway flyway, ObjectMapper json, EvaluationService evaluations,
            @Value("${landrenew.sample-data.dir:gis-data/sample}") Path dir,
            @Value("${landrenew.sample-data.load:true}") boolean enabled) {
        this.flyway = flyway;
        this.json = json;
        this.dir = dir;
        this.enabled = enabled;
        this.evaluations = evaluations;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!enabled) {
            return;
        }
        DataSource owner = flyway.getConfiguration().getDataSource();
        JdbcClient jdbc = JdbcClient.create(owner);
        int zones = jdbc.sql("select count(*) from zone").query(Integer.class).single();
        if (zones > 0) {
            log.info("库中已有 {} 个园区，不再载入样例数据。The store already holds zones; sample data not loaded again.", zones);
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Sample data folder " + dir.toAbsolutePath()
                    + " not found; run from the project folder or set landrenew.sample-data.dir");
        }
        long start = System.nanoTime();
        // All or nothing: a half-loaded sample would look like real gaps in the land ledger.
        GeoJsonLoader geoJson = new GeoJsonLoader(jdbc, json);
        List<Map<String, Object>> schemes = new ArrayList<>();
        new TransactionTemplate(new DataSourceTransactionManager(owner)).executeWithoutResult(status -> {
            jdbc.sql("select set_config('landrenew.actor', 'sample loader', true), set_config('landrenew.audit', 'off', true)")
                    .query().singleRow();
            geoJson.loadEnterprises(read("enterprises.json"));
            geoJson.loadZones(read("zones.geojson"));
            geoJson.loadBlocks(read("blocks.geojson"));
            geoJson.loadParcels(read("parcels.geojson"));
            geoJson.loadBuildings(read("buildings.geojson"));
            geoJson.loadLedger(read("ledger.json"), read("parcels.geojson"));
            geoJson.registerParcelsWithoutHistory("sample loader");
            geoJson.loadRenewalProjects(read("renewal-projects.json"));
            geoJson.loadReadiness(read("readiness.json"));
            geoJson.loadStandardLand(read("standard-land.json"));
            geoJson.loadPlaces(read("places.geojson"));
            geoJson.loadBasemap(read("basemap.geojson"));
            geoJson.loadEvaluations(read("enterprise-evaluations.json"));
            schemes.addAll(geoJson.loadEvaluationSchemes(read("evaluation-schemes.json")));
            geoJson.loadPlans(read("enterprise-plans.json"));
        });
        // The results are computed, not loaded: by the application's login, once the sample is committed.
        for (Map<String, Object> scheme : schemes) {
            EvaluationService.Summary rated = evaluations.evaluate((String) scheme.get("zone"), (Integer) scheme.get("year"));
            log.info("已评价 Evaluated {} {}：参评 rated {}，A {}、B {}、C {}、D {}", rated.zone(), rated.year(), rated.rated(),
                    rated.a(), rated.b(), rated.c(), rated.d());
        }
        log.info("样例数据已载入 Loaded sample data：{}，{} ms", dir, (System.nanoTime() - start) / 1_000_000);
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sample file " + dir.resolve(file), e);
        }
    }
}
