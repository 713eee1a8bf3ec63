package com.landrenew.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.landrenew.web.TooLargeException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stages an import's features in the temporary table {@code import_feature} (dropped at commit), where the
 * import's checks then run in PostGIS: parcels and the basemap alike. Features come from FeatureStream in
 * batches, so a large file is never one string in memory, and at most {@code landrenew.import.max-features}.
 */
@Component
class FeatureStaging {

    private static final String CREATE_STAGE = """
            create temp table import_feature (n int, props jsonb, shown jsonb, geom geometry, no_geometry boolean,
                                              refused_geometry boolean, repaired boolean, problems text[],
                                              warnings text[] not null default '{}', target bigint) on commit drop
            """;

    /**
     * One batch of features as FeatureStream hands them on: {@code props} are the properties read (renamed), {@code shown}
     * their short escaped excerpts (what messages quote), {@code problems} what FeatureStream found already.
     */
    private static final String STAGE = """
            insert into import_feature (n, props, shown, geom, no_geometry, refused_geometry, repaired, problems)
            select cast(:before as int) + n::int, coalesce(f->'properties', '{}'::json)::jsonb, coalesce(f->'shown', '{}'::json)::jsonb,
                   try_geometry(f->>'geometry', 4549), f->'geometry' is null or json_typeof(f->'geometry') = 'null',
                   coalesce(cast(f->>'refused_geometry' as boolean), false), false,
                   array(select json_array_elements_text(f->'problems'))
            from json_array_elements(cast(:json as json)) with ordinality as t(f, n)
            """;

    /** Features staged per statement: a bounded amount of JSON in memory whatever the file's size. */
    private static final int BATCH_FEATURES = 500;
    private static final long BATCH_CHARS = 8_000_000;

    private final JdbcClient jdbc;
    private final FeatureStream featureStream;
    private final int maxFeatures;

    FeatureStaging(JdbcClient jdbc, FeatureStream featureStream,
            @Value("${landrenew.import.max-features:20000}") int maxFeatures) {
        this.jdbc = jdbc;
        this.featureStream = featureStream;
        this.maxFeatures = maxFeatures;
    }

    /** Creates import_feature and stages every feature of {@code features}, its properties named by {@code names}; answers how many. */
    int stage(Path features, FieldNames names) {
        jdbc.sql(CREATE_STAGE).update();
        List<String> batch = new ArrayList<>();
        int[] staged = {0};
        long[] batchChars = {0};
        Runnable flush = () -> {
            jdbc.sql(STAGE).param("before", staged[0] - batch.size()).param("json", "[" + String.join(",", batch) + "]").update();
            batch.clear();
            batchChars[0] = 0;
        };
        featureStream.forEach(features, names, feature -> {
            if (++staged[0] > maxFeatures) {
                throw new TooLargeException("文件的要素超过 " + maxFeatures + " 个。the file holds more than " + maxFeatures
                        + " features; an import takes at most " + maxFeatures);
            }
            batch.add(feature);
            batchChars[0] += feature.length();
            if (batch.size() == BATCH_FEATURES || batchChars[0] > BATCH_CHARS) {
                flush.run();
            }
        });
        if (!batch.isEmpty()) {
            flush.run();
        }
        return staged[0];
    }
}
