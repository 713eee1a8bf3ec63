package com.landrenew.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.landrenew.geo.Bbox;
import com.landrenew.layer.MapChanged;
import com.landrenew.security.Actor;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;
import com.landrenew.web.RejectedException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports zones ({@code target=zones}) or the blocks of a zone ({@code target=blocks}), all or nothing, as
 * ParcelImport imports parcels: staged (ParcelImport.stageAll), checked in PostGIS (the shape checks, then the
 * outline rules the API holds a zone or block to, V20 zone_problems and block_problems, codes and names, and
 * overlaps between features of the file), reported feature by feature; written only when every feature passes
 * and this is no dry run. Imported blocks take the zone's parcels they cover most of (place_parcels).
 */
@Service
class BoundaryImport {

    /** What the file holds, with the outline rules (V20) its features are held to. */
    enum Kind {
        ZONES("zone_problems(f.geom, null, cast(:tolerance as float8))"),
        BLOCKS("block_problems(f.geom, (select id from zone where code = :zone), null, cast(:tolerance as float8))");

        final String rules;

        Kind(String rules) {
            this.rules = rules;
        }
    }

    /** The properties a zone or block file is read for. */
    private static final Set<String> BOUNDARY_READ = Set.of("code", "name", "admin_code");

    /** Codes and names as the API holds them (zone/ZoneInput): what URLs, files and people name them by. */
    private static final List<String> CODE_AND_NAME_CHECKS = List.of(
            """
            update import_feature set problems = array_append(problems, '缺少 code（代码）。code is missing')
            where coalesce(props->>'code', '') = ''""",
            """
            update import_feature set problems = array_append(problems, 'code ' || (shown->>'code')
                   || ' 应由小写字母、数字和连字符组成，至多 40 个字符。code must be lower-case letters, digits and hyphens, at most 40 characters')
            where coalesce(props->>'code', '') <> '' and (props->>'code' !~ '^[a-z0-9][a-z0-9-]*$' or length(props->>'code') > 40)""",
            """
            update import_feature f set problems = array_append(problems, 'code ' || (shown->>'code') || ' 在文件中出现多次。code '
                   || (shown->>'code') || ' appears more than once in the file')
            where exists (select 1 from import_feature o where o.n <> f.n and o.props->>'code' = f.props->>'code')""",
            """
            update import_feature set problems = array_append(problems, '缺少 name（名称）。name is missing')
            where coalesce(trim(props->>'name'), '') = ''""",
            """
            update import_feature set problems = array_append(problems, 'name 至多 100 个字符。name must be at most 100 characters')
            where length(trim(props->>'name')) > 100""",
            """
            update import_feature f set problems = array_append(problems, '与文件中第 ' || o.other || ' 个要素重叠 '
                   || round(o.m2::numeric, 1) || ' m²。overlaps feature ' || o.other || ' of the file by ' || round(o.m2::numeric, 1) || ' m²')
            from (select a.n, b.n as other, ST_Area(ST_Intersection(a.geom, b.geom)) as m2
                  from import_feature a join import_feature b on a.n <> b.n and a.geom && b.geom
                  where ST_IsValid(a.geom) and ST_IsValid(b.geom)) o
            where o.n = f.n and o.m2 > cast(:tolerance as double precision)""");

    private static final Map<Kind, List<String>> OWN_CHECKS = Map.of(
            Kind.ZONES, List.of(
                    """
                    update import_feature f set problems = array_append(problems, '开发区代码 ' || (shown->>'code')
                           || ' 已存在。zone code ' || (shown->>'code') || ' exists already')
                    where exists (select 1 from zone z where z.code = f.props->>'code')""",
                    """
                    update import_feature set problems = array_append(problems, 'admin_code 应是 6 位行政区划代码。'
                           || 'admin_code must be a six-digit administrative division code')
                    where props->>'admin_code' is not null and props->>'admin_code' !~ '^[0-9]{6}$'"""),
            Kind.BLOCKS, List.of(
                    """
                    update import_feature f set problems = array_append(problems, '开发区 ' || :zone || ' 已有区块 '
                           || (shown->>'code') || '。zone ' || :zone || ' has a block ' || (shown->>'code') || ' already')
                    where exists (select 1 from block b join zone z on z.id = b.zone_id
                                  where z.code = :zone and b.code = f.props->>'code')"""));

    private static final Map<Kind, String> WRITE = Map.of(
            Kind.ZONES, """
                    insert into zone (code, name, admin_code, boundary)
                    select props->>'code', trim(props->>'name'), props->>'admin_code', ST_Multi(geom)
                    from import_feature order by n""",
            Kind.BLOCKS, """
                    insert into block (zone_id, code, name, boundary)
                    select z.id, f.props->>'code', trim(f.props->>'name'), ST_Multi(f.geom)
                    from import_feature f join zone z on z.code = :zone order by f.n""");

    /** Where the map changed: the imported outlines, and the parcels placed in other blocks (ids in :placed). */
    private static final String EXTENT = """
            select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            from (select ST_Transform(ST_SetSRID(ST_Extent(g)::geometry, 4549), 4326) as e
                  from (select geom as g from import_feature
                        union all select geom from parcel where id = any(cast(:placed as bigint[]))) changed) x
            """;

    private final JdbcClient jdbc;
    private final ParcelImport parcelImport;
    private final ApplicationEventPublisher events;
    private final Actor actor;
    private final double toleranceM2;

    BoundaryImport(JdbcClient jdbc, ParcelImport parcelImport, ApplicationEventPublisher events, Actor actor,
            @Value("${landrenew.import.overlap-tolerance-m2:1.0}") double toleranceM2) {
        this.jdbc = jdbc;
        this.parcelImport = parcelImport;
        this.events = events;
        this.actor = actor;
        this.toleranceM2 = toleranceM2;
    }

    /** The zones of the file ({@code zone} null), or the blocks of the file into {@code zone}. */
    @Transactional
    ImportReport run(Kind kind, String zone, String fileName, Path features, boolean repair, boolean dryRun) {
        actor.attributeWritesToCurrentUser();
        if (kind == Kind.BLOCKS && !jdbc.sql("select exists (select 1 from zone where code = :zone)").param("zone", zone)
                .query(Boolean.class).single()) {
            throw NotFoundException.zone(zone);
        }
        parcelImport.stageAll(features, FieldNames.only(BOUNDARY_READ));
        String rules = """
                update import_feature f set problems = f.problems || array(select o.problem from %s with ordinality o(problem, k) order by o.k)
                where f.geom is not null and (cardinality(f.problems) = 0 or f.repaired)""".formatted(kind.rules);
        Stream.of(ParcelImport.SHAPE_CHECKS, List.of(rules), CODE_AND_NAME_CHECKS, OWN_CHECKS.get(kind)).flatMap(List::stream)
                .forEach(check -> jdbc.sql(check).param("zone", zone == null ? "" : zone).param("repair", repair)
                        .param("tolerance", toleranceM2).param("update", false).update());
        List<ImportReport.FeatureReport> report = parcelImport.report();
        ImportReport outcome = ImportReport.of(fileName, zone, 0, dryRun, List.of(), report);
        if (outcome.rejected() > 0) {
            throw new RejectedException(outcome.rejected() + " 个要素有问题，什么也没有导入。" + outcome.rejected() + " of "
                    + report.size() + " features have problems; nothing was imported", Map.of("import", outcome));
        }
        if (dryRun) {
            return outcome;
        }
        int written = jdbc.sql(WRITE.get(kind)).param("zone", zone == null ? "" : zone).update();
        List<Long> placed = kind == Kind.ZONES ? List.of()
                : jdbc.sql("select place_parcels((select id from zone where code = :zone), null)").param("zone", zone)
                        .query(Long.class).list();
        jdbc.sql(EXTENT).param("placed", placed.toArray(Long[]::new)).query((rs, i) -> new Bbox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
                .optional().ifPresent(box -> events.publishEvent(new MapChanged(box)));
        return ImportReport.of(fileName, zone, written, false, List.of(), report);
    }
}
