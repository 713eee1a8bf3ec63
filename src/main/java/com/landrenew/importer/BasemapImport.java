package com.landrenew.importer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.landrenew.layer.LayerChanged;
import com.landrenew.layer.MapLayers;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;
import com.landrenew.web.RejectedException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a zone's basemap (底图: roads, railways, rivers, water, named places; {@code target=basemap}), all or
 * nothing: the file replaces the zone's basemap as a whole. Each feature needs a {@code kind} of basemap_kind
 * (V19) and a geometry of that kind's shape (a point, a line or an area), valid, and near the zone; a
 * {@code name} is optional. The checks run in PostGIS on the staged features, as a parcel import's do.
 */
@Service
class BasemapImport {

    /** The properties a basemap import reads (docs/import-export.md). */
    static final Set<String> PROPERTIES = Set.of("kind", "name");

    /** How far from its zone's boundary a basemap feature may lie: the ground around it, not another city. */
    static final int MAX_DISTANCE_M = 20_000;

    /** Each check appends its finding to the features it concerns; the order is the report's order. */
    private static final List<String> CHECKS = List.of(
            """
            update import_feature set problems = array_append(problems, case when no_geometry
                   then '缺少几何。geometry is missing' else '几何无法读取。geometry cannot be read' end)
            where geom is null and not refused_geometry""",
            """
            update import_feature f set problems = array_append(problems, case when props->>'kind' is null
                   then '缺少 kind（要素类型）。kind is missing'
                   else 'kind ' || (shown->>'kind') || ' 不是底图要素类型。is not a basemap kind: '
                        || (select string_agg(code, ', ' order by code) from basemap_kind) end)
            where not exists (select 1 from basemap_kind k where k.code = f.props->>'kind')""",
            """
            update import_feature f set problems = array_append(problems, 'kind ' || k.code || '（' || k.name || '）须为'
                   || case k.shape when 'point' then '点' when 'line' then '线' else '面' end || '，不是 '
                   || lower(GeometryType(f.geom)) || '。kind ' || k.code || ' needs a ' || k.shape || ', not a '
                   || lower(GeometryType(f.geom)))
            from basemap_kind k
            where k.code = f.props->>'kind' and f.geom is not null
              and GeometryType(f.geom) not in (select unnest(case k.shape when 'point' then array['POINT', 'MULTIPOINT']
                                                             when 'line' then array['LINESTRING', 'MULTILINESTRING']
                                                             else array['POLYGON', 'MULTIPOLYGON'] end))""",
            """
            update import_feature set problems = array_append(problems, '几何为空。geometry is empty')
            where geom is not null and ST_IsEmpty(geom)""",
            """
            update import_feature set problems = array_append(problems, '几何无效：' || ST_IsValidReason(geom)
                   || '。geometry is not valid: ' || ST_IsValidReason(geom))
            where geom is not null and not ST_IsEmpty(geom) and not ST_IsValid(geom)""",
            """
            update import_feature f set problems = array_append(problems, '距开发区 ' || :zone || ' 超过 '
                   || cast(:distance as int) / 1000 || ' km（坐标系是否正确？）。more than ' || cast(:distance as int) / 1000
                   || ' km from zone ' || :zone || ' (is the CRS right?)')
            from zone z
            where z.code = :zone and f.geom is not null and not ST_IsEmpty(f.geom)
              and not ST_DWithin(f.geom, z.boundary, cast(:distance as int))""",
            """
            update import_feature set problems = array_append(problems, 'name 过长：超过 100 个字符。name is longer than 100 characters')
            where length(props->>'name') > 100""");

    private static final String REPORT = """
            select n, shown->>'name' as name, case when cardinality(problems) = 0 then 'ok' else 'rejected' end as status,
                   problems
            from import_feature order by n
            """;

    private static final String REPLACE = """
            with gone as (delete from basemap_feature b using zone z where z.code = :zone and b.zone_id = z.id)
            insert into basemap_feature (zone_id, kind, name, geom)
            select z.id, f.props->>'kind', nullif(trim(f.props->>'name'), ''), f.geom
            from import_feature f
            join zone z on z.code = :zone
            order by f.n
            """;

    private final JdbcClient jdbc;
    private final FeatureStaging staging;
    private final ApplicationEventPublisher events;
    private final Actor actor;

    BasemapImport(JdbcClient jdbc, FeatureStaging staging, ApplicationEventPublisher events, Actor actor) {
        this.jdbc = jdbc;
        this.staging = staging;
        this.events = events;
        this.actor = actor;
    }

    /** Stages, checks and (unless a dry run, and only when every feature passes) replaces the zone's basemap. */
    @Transactional
    ImportReport run(String zone, String fileName, Path features, boolean dryRun) {
        actor.attributeWritesToCurrentUser();
        if (!jdbc.sql("select exists (select 1 from zone where code = :zone)").param("zone", zone).query(Boolean.class).single()) {
            throw NotFoundException.zone(zone);
        }
        if (staging.stage(features, FieldNames.only(PROPERTIES)) == 0) {
            throw new BadRequestException("文件中没有要素。the file holds no features");
        }
        for (String check : CHECKS) {
            jdbc.sql(check).param("zone", zone).param("distance", MAX_DISTANCE_M).update();
        }
        List<ImportReport.FeatureReport> report = jdbc.sql(REPORT).query((rs, i) -> new ImportReport.FeatureReport(
                rs.getInt("n"), rs.getString("name"), rs.getString("status"),
                Arrays.asList((String[]) rs.getArray("problems").getArray()), List.of(), null)).list();
        ImportReport outcome = ImportReport.of(fileName, zone, 0, dryRun, List.of(), report);
        if (outcome.rejected() > 0) {
            // Throwing rolls the transaction back: the zone keeps its basemap as it was.
            throw new RejectedException(outcome.rejected() + " 个要素有问题，未导入任何内容。" + outcome.rejected() + " of "
                    + report.size() + " features have problems; nothing was imported", Map.of("import", outcome));
        }
        if (dryRun) {
            return outcome;
        }
        int written = jdbc.sql(REPLACE).param("zone", zone).update();
        // The map's cached basemap tiles are dropped once this commits.
        events.publishEvent(new LayerChanged(MapLayers.BASEMAP.id()));
        return ImportReport.of(fileName, zone, written, false, List.of(), report);
    }
}
