package com.landrenew.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.landrenew.parcel.ParcelChanged;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.NotFoundException;
import com.landrenew.web.RejectedException;
import com.landrenew.web.TooLargeException;
import com.landrenew.web.Excerpt;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports parcels into a zone, all or nothing. Features are staged in a temporary table and checked
 * there by PostGIS (geometry, place, codes, vocabularies, overlaps); only when every feature passes
 * are they written, each with its first ledger event. With {@code repair}, invalid rings are mended
 * by ST_MakeValid and reported; with {@code dryRun}, nothing is written whatever the outcome.
 */
@Service
class ParcelImport {

    private static final String CREATE_STAGE = """
            create temp table import_feature (n int, props jsonb, shown jsonb, geom geometry, no_geometry boolean,
                                              refused_geometry boolean, repaired boolean, problems text[]) on commit drop
            """;

    /**
     * One batch of features as FeatureStream hands them on: {@code props} are the parcel properties, {@code shown}
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

    /**
     * Indexes for the checks that compare features of the file with each other (overlaps, duplicate codes), made
     * once the features are staged: without them each is a nested loop over all pairs (20,000 features: a minute).
     * ANALYZE gives the planner the real row count, since a temp table is never auto-analyzed.
     */
    private static final List<String> INDEX_STAGE = List.of(
            "create index on import_feature using gist (geom)",
            "create index on import_feature ((props->>'code'))",
            "analyze import_feature");

    /**
     * The checks of a feature's shape (read, a polygon, not empty; repaired when asked), which come first in
     * every import: of parcels here, of zones and blocks in BoundaryImport.
     */
    static final List<String> SHAPE_CHECKS = List.of(
            """
            update import_feature set problems = array_append(problems, case when no_geometry then 'geometry is missing'
                                                             else 'geometry cannot be read' end)
            where geom is null and not refused_geometry""",
            """
            update import_feature set problems = array_append(problems, ('geometry must be a polygon, not ' || lower(GeometryType(geom))))
            where geom is not null and GeometryType(geom) not in ('POLYGON', 'MULTIPOLYGON')""",
            """
            update import_feature set problems = array_append(problems, 'geometry is empty')
            where geom is not null and ST_IsEmpty(geom)""",
            """
            update import_feature set geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)), repaired = true,
                   problems = array_append(problems, ('repaired: ' || ST_IsValidReason(geom)))
            where cast(:repair as boolean) and geom is not null and cardinality(problems) = 0 and not ST_IsValid(geom)""");

    /** Each check appends its finding to the features it concerns; the order is the report's order. */
    private static final List<String> CHECKS = Stream.concat(SHAPE_CHECKS.stream(), Stream.of(
            // The rules every outline is held to, edits' too (V15): valid rings, inside the zone and no overlap
            // with stored parcels (both up to the tolerance).
            """
            update import_feature f set problems = f.problems || array(
                     select o.problem from outline_problems(f.geom, z.id, '{}', cast(:tolerance as double precision))
                                           with ordinality o(problem, n) order by o.n)
            from zone z
            where z.code = :zone and f.geom is not null and (cardinality(f.problems) = 0 or f.repaired)""",
            """
            update import_feature set problems = array_append(problems, 'code is missing')
            where coalesce(trim(props->>'code'), '') = ''""",
            """
            update import_feature f set problems = array_append(problems, ('code ' || (shown->>'code') || ' appears more than once in the file'))
            where exists (select 1 from import_feature o where o.n <> f.n and o.props->>'code' = f.props->>'code')""",
            """
            update import_feature f set problems = array_append(problems, ('code ' || (shown->>'code') || ' already exists in zone ' || :zone
                   || case when p.retired_on is not null then ' (a parcel retired by a split or merge: codes are not reused)'
                           else '' end))
            from parcel_all p join zone z on z.id = p.zone_id
            where z.code = :zone and p.code = f.props->>'code'""",
            """
            update import_feature f set problems = array_append(problems, case when props->>'land_use' is null then 'land_use is missing'
                   else 'land_use ' || (shown->>'land_use') || ' is not a 2020 land-use code nor a GB 50137 code' end)
            where resolve_land_use(f.props->>'land_use') is null""",
            """
            update import_feature f set problems = array_append(problems, ('state ' || (shown->>'state') || ' is not a life-cycle state'))
            where props->>'state' is not null
              and not exists (select 1 from life_cycle_state s where s.code = f.props->>'state')""",
            """
            update import_feature f set problems = array_append(problems, ('block ' || (shown->>'block') || ' is not in zone ' || :zone))
            where props->>'block' is not null
              and not exists (select 1 from block b join zone z on z.id = b.zone_id
                              where z.code = :zone and b.code = f.props->>'block')""",
            """
            update import_feature f set problems = array_append(problems, ('enterprise ' || (shown->>'enterprise') || ' is not registered'))
            where props->>'enterprise' is not null
              and not exists (select 1 from enterprise e where e.credit_code = f.props->>'enterprise')""",
            """
            update import_feature f set problems = array_append(problems, (d.field || ' must be a date yyyy-mm-dd'))
            from (values ('lease_start'), ('lease_end')) d(field)
            where f.props->>d.field is not null and not is_iso_date(f.props->>d.field)""",
            """
            update import_feature f set problems = array_append(problems, case
                   when (f.props->>d.field) !~ '^[0-9]{1,6}(\\.[0-9]+)?$' then d.field || ' must be a positive number'
                   when d.positive then d.field || ' 须大于 0 且小于 ' || d.below || '。' || d.field || ' must be above 0 and below ' || d.below
                   else d.field || ' 须小于 ' || d.below || '。' || d.field || ' must be below ' || d.below end)
            from (values ('far_min', 2, 100, false), ('far_max', 2, 100, false), ('height_limit_m', 1, 100000, true))
                 d(field, scale, below, positive)
            where f.props->>d.field is not null
              and case when (f.props->>d.field) ~ '^[0-9]{1,6}(\\.[0-9]+)?$'
                       then round(cast(f.props->>d.field as numeric), d.scale) >= d.below
                            or d.positive and round(cast(f.props->>d.field as numeric), d.scale) = 0
                       else true end""",
            """
            update import_feature f set problems = array_append(problems, 'lease_end 须晚于 lease_start。lease_end must be after lease_start')
            where case when is_iso_date(f.props->>'lease_start') and is_iso_date(f.props->>'lease_end')
                       then cast(f.props->>'lease_end' as date) <= cast(f.props->>'lease_start' as date) else false end""",
            """
            update import_feature f set problems = array_append(problems, 'far_max 不能小于 far_min。far_max must not be below far_min')
            where case when (f.props->>'far_min') ~ '^[0-9]{1,6}(\\.[0-9]+)?$' and (f.props->>'far_max') ~ '^[0-9]{1,6}(\\.[0-9]+)?$'
                       then round(cast(f.props->>'far_max' as numeric), 2) < round(cast(f.props->>'far_min' as numeric), 2)
                       else false end""",
            """
            update import_feature f set problems = array_append(problems, ('overlaps feature ' || o.other || ' of the file by '
                   || round(o.m2::numeric, 1) || ' m²'))
            from (select a.n, b.n as other, ST_Area(ST_Intersection(a.geom, b.geom)) as m2
                  from import_feature a join import_feature b on a.n <> b.n and a.geom && b.geom
                  where ST_IsValid(a.geom) and ST_IsValid(b.geom)) o
            where o.n = f.n and o.m2 > cast(:tolerance as double precision)""")).toList();

    private static final String REPORT = """
            select n, shown->>'code' as code,
                   case when cardinality(problems) = 0 then 'ok'
                        when repaired and cardinality(problems) = 1 then 'repaired' else 'rejected' end as status,
                   problems
            from import_feature order by n
            """;

    /** A feature without a block goes in the block covering most of it, if any (block_by_location, V20). */
    private static final String WRITE = """
            insert into parcel (zone_id, block_id, code, geom, land_use_code, state, enterprise_id, lease_start, lease_end,
                                far_min, far_max, height_limit_m)
            select z.id, coalesce(b.id, block_by_location(z.id, f.geom)), f.props->>'code', ST_Multi(f.geom),
                   resolve_land_use(f.props->>'land_use'), coalesce(f.props->>'state', 'in_use'), e.id,
                   cast(f.props->>'lease_start' as date), cast(f.props->>'lease_end' as date),
                   cast(f.props->>'far_min' as numeric), cast(f.props->>'far_max' as numeric),
                   cast(f.props->>'height_limit_m' as numeric)
            from import_feature f
            join zone z on z.code = :zone
            left join block b on b.zone_id = z.id and b.code = f.props->>'block'
            left join enterprise e on e.credit_code = f.props->>'enterprise'
            order by f.n
            returning id
            """;

    /** Features staged per statement: a bounded amount of JSON in memory whatever the file's size. */
    private static final int BATCH_FEATURES = 500;
    private static final long BATCH_CHARS = 8_000_000;

    private final JdbcClient jdbc;
    private final FeatureStream featureStream;
    private final GeoJsonLoader loader;
    private final ApplicationEventPublisher events;
    private final Actor actor;
    private final int maxFeatures;
    private final double overlapToleranceM2;

    ParcelImport(JdbcClient jdbc, FeatureStream featureStream, GeoJsonLoader loader, ApplicationEventPublisher events, Actor actor,
            @Value("${landrenew.import.max-features:20000}") int maxFeatures,
            @Value("${landrenew.import.overlap-tolerance-m2:1.0}") double overlapToleranceM2) {
        this.jdbc = jdbc;
        this.featureStream = featureStream;
        this.loader = loader;
        this.events = events;
        this.actor = actor;
        this.maxFeatures = maxFeatures;
        this.overlapToleranceM2 = overlapToleranceM2;
    }

    /**
     * Stages the features of {@code features} (GDAL's GeoJSON in EPSG:4549), checks them and, when every
     * feature passes and this is no dry run, writes them; otherwise a 422 with the report.
     */
    @Transactional
    ImportReport run(String zone, String fileName, Path features, boolean repair, boolean dryRun) {
        actor.attributeWritesToCurrentUser();
        if (!jdbc.sql("select exists (select 1 from zone where code = :zone)").param("zone", zone).query(Boolean.class).single()) {
            throw new NotFoundException("没有代码为 '" + Excerpt.of(zone) + "' 的开发区。no zone with code '" + Excerpt.of(zone) + "'");
        }
        stageAll(features);
        for (String check : CHECKS) {
            jdbc.sql(check).param("zone", zone).param("repair", repair).param("tolerance", overlapToleranceM2).update();
        }
        List<ImportReport.FeatureReport> report = report();
        ImportReport outcome = new ImportReport(fileName, zone, report.size(), 0, dryRun, report);
        if (outcome.rejected() > 0) {
            // Throwing rolls the transaction back: nothing of this import stays.
            throw new RejectedException(outcome.rejected() + " of " + report.size()
                    + " features have problems; nothing was imported", Map.of("import", outcome));
        }
        if (dryRun) {
            return outcome;
        }
        List<Long> written = jdbc.sql(WRITE).param("zone", zone).query(Long.class).list();
        loader.registerParcelsWithoutHistory("import " + fileName);
        // Derived views (the map's tile cache) learn of the new parcels once this commits.
        written.forEach(id -> events.publishEvent(new ParcelChanged(id)));
        return new ImportReport(fileName, zone, report.size(), written.size(), false, report);
    }

    /** What the checks found of each staged feature, in file order. */
    List<ImportReport.FeatureReport> report() {
        return jdbc.sql(REPORT).query((rs, i) -> new ImportReport.FeatureReport(rs.getInt("n"), rs.getString("code"),
                rs.getString("status"), Arrays.asList((String[]) rs.getArray("problems").getArray()))).list();
    }

    /**
     * Stages the features of {@code features} in import_feature (dropped at commit), indexed for the checks that
     * compare them; 400 when there are none. Zones' and blocks' imports (BoundaryImport) stage theirs so too.
     */
    int stageAll(Path features) {
        jdbc.sql(CREATE_STAGE).update();
        int staged = stage(features);
        if (staged == 0) {
            throw new BadRequestException("文件中没有要素。the file holds no features");
        }
        INDEX_STAGE.forEach(sql -> jdbc.sql(sql).update());
        return staged;
    }

    /** Streams the features into import_feature in batches, so that a large file is never one string in memory. */
    private int stage(Path features) {
        List<String> batch = new ArrayList<>();
        int[] staged = {0};
        long[] batchChars = {0};
        Runnable flush = () -> {
            jdbc.sql(STAGE).param("before", staged[0] - batch.size()).param("json", "[" + String.join(",", batch) + "]").update();
            batch.clear();
            batchChars[0] = 0;
        };
        featureStream.forEach(features, feature -> {
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
