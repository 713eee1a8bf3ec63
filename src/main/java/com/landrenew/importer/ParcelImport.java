package com.landrenew.importer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.landrenew.geo.Bbox;
import com.landrenew.layer.MapChanged;
import com.landrenew.parcel.ParcelChanged;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;
import com.landrenew.web.RejectedException;

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
     * What the file says in its own words, put in the import's: a land use by name where the code is unknown
     * (a coordinate file's 地块用途 beside its 地类编码), a holder (权利人) matched to exactly one registered
     * enterprise by credit code or name.
     */
    private static final List<String> PREPARE = List.of(
            """
            update import_feature set props = jsonb_set(props, '{land_use}', props->'land_use_name')
            where resolve_land_use(props->>'land_use') is null and resolve_land_use(props->>'land_use_name') is not null""",
            """
            with matched as (
              select f.n, min(e.credit_code) as credit_code, count(*) as found
              from import_feature f
              join enterprise e on e.credit_code = upper(trim(f.props->>'holder')) or e.name = trim(f.props->>'holder')
              where f.props->>'holder' is not null and f.props->>'enterprise' is null
              group by f.n)
            update import_feature f set props = f.props || jsonb_build_object('enterprise', m.credit_code)
            from matched m where m.n = f.n and m.found = 1""",
            // The current parcel a feature's code names (what mode=update changes).
            """
            update import_feature f set target = p.id
            from parcel p join zone z on z.id = p.zone_id
            where z.code = :zone and p.code = f.props->>'code'""");

    /**
     * Findings that do not stop an import: a holder that is no registered enterprise (the parcel is imported
     * without one), a stated area (宗地面积, a coordinate file's 公顷) more than 0.5% off the outline's planar area
     * in the file's own projected CRS ({@code :areaSrid}).
     */
    private static final List<String> WARNINGS = List.of(
            """
            update import_feature set warnings = array_append(warnings, '权利人 ' || coalesce(shown->>'holder', props->>'holder')
                   || ' 不是唯一一家已登记的企业（按名称或信用代码），导入时不记权利人。holder ' || coalesce(shown->>'holder', props->>'holder')
                   || ' is not one registered enterprise (by name or credit code); imported without a holder')
            where props->>'holder' is not null and props->>'enterprise' is null""",
            """
            update import_feature set warnings = array_append(warnings, '记载面积 ' || coalesce(shown->>'recorded_area', props->>'recorded_area')
                   || ' 不是数值。recorded area ' || coalesce(shown->>'recorded_area', props->>'recorded_area') || ' is not a number')
            where props->>'recorded_area' is not null and (props->>'recorded_area') !~ '^[0-9]{1,12}(\\.[0-9]+)?$'""",
            """
            update import_feature f set warnings = array_append(warnings, '记载面积 ' || round(a.recorded::numeric, 2)
                   || ' m² 与计算面积 ' || round(a.computed::numeric, 2) || ' m² 相差 ' || round(a.off::numeric, 2)
                   || '%（超过 0.5%）。recorded area ' || round(a.recorded::numeric, 2) || ' m² differs from the computed '
                   || round(a.computed::numeric, 2) || ' m² by ' || round(a.off::numeric, 2) || '% (over 0.5%)')
            from (select n, recorded, computed, abs(computed - recorded) / recorded * 100 as off
                  from (select n, cast(props->>'recorded_area' as float8) as recorded,
                               ST_Area(case when cast(:areaSrid as int) = 4549 then geom
                                            else ST_Transform(geom, cast(:areaSrid as int)) end) as computed
                        from import_feature
                        where (props->>'recorded_area') ~ '^[0-9]{1,12}(\\.[0-9]+)?$' and geom is not null
                          and GeometryType(geom) in ('POLYGON', 'MULTIPOLYGON')) measured
                  where recorded > 0) a
            where a.n = f.n and a.off > 0.5""");

    /**
     * The checks of a feature's shape (read, a polygon, not empty; repaired when asked), which come first in
     * every import: of parcels here, of zones and blocks in BoundaryImport.
     */
    static final List<String> SHAPE_CHECKS = List.of(
            """
            update import_feature set problems = array_append(problems, case when no_geometry then '几何缺失。geometry is missing'
                                                             else '几何无法读取。geometry cannot be read' end)
            where geom is null and not refused_geometry and not (cast(:update as boolean) and no_geometry)""",
            """
            update import_feature set problems = array_append(problems, ('几何须为面，而不是 ' || lower(GeometryType(geom)) || '。geometry must be a polygon, not ' || lower(GeometryType(geom))))
            where geom is not null and GeometryType(geom) not in ('POLYGON', 'MULTIPOLYGON')""",
            """
            update import_feature set problems = array_append(problems, '几何为空。geometry is empty')
            where geom is not null and ST_IsEmpty(geom)""",
            """
            update import_feature f set geom = m.mended, repaired = true,
                   problems = array_append(problems, ('已修复 repaired: ' || ST_IsValidReason(f.geom) || '；面积 area '
                              || round(ST_Area(f.geom)::numeric, 1) || ' → ' || round(ST_Area(m.mended)::numeric, 1) || ' m²（'
                              || case when ST_Area(m.mended) >= ST_Area(f.geom) then '+' else '' end
                              || round((ST_Area(m.mended) - ST_Area(f.geom))::numeric, 1) || ' m²）'))
            from (select n, ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) as mended from import_feature
                  where cast(:repair as boolean) and geom is not null and cardinality(problems) = 0 and not ST_IsValid(geom)) m
            where m.n = f.n""");

    /** Each check appends its finding to the features it concerns; the order is the report's order. */
    private static final List<String> CHECKS = Stream.concat(SHAPE_CHECKS.stream(), Stream.of(
            // The rules every outline is held to, edits' too (V15): valid rings, inside the zone and no overlap
            // with stored parcels (both up to the tolerance). An update sets aside the old outlines of the parcels it
            // changes; an insert the parcel of the feature's own code (the code check refuses that feature anyway), so
            // that an export imported into its own zone is told only that its codes exist.
            """
            update import_feature f set problems = f.problems || array(
                     select o.problem from outline_problems(f.geom, z.id,
                                                            case when cast(:update as boolean)
                                                                 then (select coalesce(array_agg(t.target), '{}') from import_feature t
                                                                       where t.target is not null)
                                                                 else array(select p.id from parcel p
                                                                            where p.zone_id = z.id and p.code = f.props->>'code') end,
                                                            cast(:tolerance as double precision))
                                           with ordinality o(problem, n) order by o.n)
            from zone z
            where z.code = :zone and f.geom is not null and GeometryType(f.geom) in ('POLYGON', 'MULTIPOLYGON')
              and not ST_IsEmpty(f.geom)""",
            """
            update import_feature set problems = array_append(problems, '缺少代码 code。code is missing')
            where coalesce(trim(props->>'code'), '') = ''""",
            """
            update import_feature f set problems = array_append(problems, ('代码 ' || (shown->>'code') || ' 在文件中出现多次（另见要素 ' || d.others || '）。code ' || (shown->>'code')
                   || ' appears more than once in the file (also feature ' || d.others || ')'))
            from (select a.n, array_to_string((array_agg(b.n order by b.n))[1 : 10], ', ')
                              || case when count(*) > 10 then ', …' else '' end as others
                  from import_feature a join import_feature b on b.n <> a.n and b.props->>'code' = a.props->>'code'
                  group by a.n) d
            where d.n = f.n""",
            """
            update import_feature f set problems = array_append(problems, ('代码 ' || (shown->>'code') || ' 在开发区 ' || z.name || ' 已存在'
                   || case when p.retired_on is not null then '（已因分宗或合宗注销的宗地：代码不再使用）' else '' end
                   || '。code ' || (shown->>'code') || ' already exists in zone ' || :zone
                   || case when p.retired_on is not null then ' (a parcel retired by a split or merge: codes are not reused)'
                           else '' end))
            from parcel_all p join zone z on z.id = p.zone_id
            where z.code = :zone and p.code = f.props->>'code' and not cast(:update as boolean)""",
            """
            update import_feature f set problems = array_append(problems, ('开发区 ' || z.name || ' 没有现行地块 ' || (shown->>'code')
                   || '，无法更新。code ' || (shown->>'code') || ' is not a current parcel of zone ' || :zone || '; an update changes existing parcels'))
            from zone z
            where z.code = :zone and cast(:update as boolean) and f.target is null and coalesce(trim(props->>'code'), '') <> ''""",
            """
            update import_feature f set problems = array_append(problems, ('状态 ' || (shown->>'state') || ' 须经台账流转变更，不能由更新导入改。'
                   || 'state ' || (shown->>'state') || ' changes through the ledger (transitions), not by an update import'))
            from parcel p
            where cast(:update as boolean) and p.id = f.target and props->>'state' is not null and p.state <> f.props->>'state'""",
            """
            update import_feature f set problems = array_append(problems, case when props->>'land_use' is null then '缺少用地类型 land_use。land_use is missing'
                   else '用地类型 ' || (shown->>'land_use') || ' 既不是 2020 版用地用海分类代码，也不是 GB 50137 代码或用地名称。land_use '
                        || (shown->>'land_use') || ' is not a 2020 land-use code nor a GB 50137 code nor a land-use name' end)
            where resolve_land_use(f.props->>'land_use') is null and not (cast(:update as boolean) and props->>'land_use' is null)""",
            """
            update import_feature f set problems = array_append(problems, ('状态 ' || (shown->>'state') || ' 不是生命周期状态。state ' || (shown->>'state') || ' is not a life-cycle state'))
            where props->>'state' is not null
              and not exists (select 1 from life_cycle_state s where s.code = f.props->>'state')""",
            """
            update import_feature f set problems = array_append(problems, ('区块 ' || (shown->>'block') || ' 不在开发区 ' || z.name || ' 内。block ' || (shown->>'block') || ' is not in zone ' || :zone))
            from zone z
            where z.code = :zone and props->>'block' is not null
              and not exists (select 1 from block b join zone z on z.id = b.zone_id
                              where z.code = :zone and b.code = f.props->>'block')""",
            """
            update import_feature f set problems = array_append(problems, ('企业 ' || (shown->>'enterprise') || ' 未登记。enterprise ' || (shown->>'enterprise') || ' is not registered'))
            where props->>'enterprise' is not null
              and not exists (select 1 from enterprise e where e.credit_code = f.props->>'enterprise')""",
            """
            update import_feature f set problems = array_append(problems, (d.field || ' 须为日期 yyyy-mm-dd。' || d.field || ' must be a date yyyy-mm-dd'))
            from (values ('lease_start'), ('lease_end')) d(field)
            where f.props->>d.field is not null and not is_iso_date(f.props->>d.field)""",
            """
            update import_feature f set problems = array_append(problems, case
                   when (f.props->>d.field) !~ '^[0-9]{1,6}(\\.[0-9]+)?$' then d.field || ' 须为正数。' || d.field || ' must be a positive number'
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
            update import_feature f set problems = array_append(problems, ('与文件中第 ' || o.other || ' 个要素' || coalesce('（' || (o.other_code) || '）', '') || '重叠 '
                   || round(o.m2::numeric, 1) || ' m²。overlaps feature ' || o.other
                   || coalesce(' (' || (o.other_code) || ')', '') || ' of the file by ' || round(o.m2::numeric, 1) || ' m²'))
            from (select a.n, b.n as other, b.shown->>'code' as other_code, ST_Area(ST_Intersection(a.geom, b.geom)) as m2
                  from import_feature a join import_feature b on a.n <> b.n and a.geom && b.geom
                  where ST_IsValid(a.geom) and ST_IsValid(b.geom)) o
            where o.n = f.n and o.m2 > cast(:tolerance as double precision)""")).toList();

    private static final String REPORT = """
            select n, shown->>'code' as code,
                   case when cardinality(problems) = 0 then 'ok'
                        when repaired and cardinality(problems) = 1 then 'repaired' else 'rejected' end as status,
                   problems, warnings,
                   case when geom is not null and not ST_IsEmpty(geom)
                        then round(ST_X(ST_Centroid(geom))::numeric, 1) || ',' || round(ST_Y(ST_Centroid(geom))::numeric, 1) end as place
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

    /**
     * mode=update: each feature changes the current parcel its code names, the properties it has and, when it
     * has one that differs, its outline (checked above as an edit's is). The version moves on and the audit
     * trail records each row by their triggers (V7); the old extents go out with the events for the tiles.
     */
    private static final String UPDATE = """
            with old as (
              select p.id, ST_Transform(ST_Envelope(p.geom), 4326) as box, f.geom is not null and not ST_Equals(ST_Multi(f.geom), p.geom) as moved
              from parcel p join import_feature f on f.target = p.id)
            update parcel p set
                   geom = case when o.moved then ST_Multi(f.geom) else p.geom end,
                   land_use_code = case when (f.props->'land_use') is not null then resolve_land_use(f.props->>'land_use') else p.land_use_code end,
                   block_id = case when (f.props->'block') is not null
                                   then (select b.id from block b where b.zone_id = p.zone_id and b.code = f.props->>'block')
                                   else p.block_id end,
                   enterprise_id = case when (f.props->'enterprise') is not null
                                        then (select e.id from enterprise e where e.credit_code = f.props->>'enterprise')
                                        else p.enterprise_id end,
                   lease_start = case when (f.props->'lease_start') is not null then cast(f.props->>'lease_start' as date) else p.lease_start end,
                   lease_end = case when (f.props->'lease_end') is not null then cast(f.props->>'lease_end' as date) else p.lease_end end,
                   far_min = case when (f.props->'far_min') is not null then cast(f.props->>'far_min' as numeric) else p.far_min end,
                   far_max = case when (f.props->'far_max') is not null then cast(f.props->>'far_max' as numeric) else p.far_max end,
                   height_limit_m = case when (f.props->'height_limit_m') is not null then cast(f.props->>'height_limit_m' as numeric)
                                         else p.height_limit_m end
            from import_feature f join old o on o.id = f.target
            where p.id = f.target
            returning p.id, o.moved, ST_XMin(o.box) as min_lon, ST_YMin(o.box) as min_lat, ST_XMax(o.box) as max_lon,
                      ST_YMax(o.box) as max_lat
            """;

    /** Where the new parcels and their blocks lie, in longitude/latitude: what the map must draw again. */
    private static final String WRITTEN_EXTENT = """
            select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            from (select ST_Transform(ST_SetSRID(ST_Extent(g)::geometry, 4549), 4326) as e
                  from (select p.geom as g from parcel p where p.id = any(cast(:ids as bigint[]))
                        union all
                        select b.boundary from block b
                        where b.id in (select block_id from parcel where id = any(cast(:ids as bigint[])))) changed) x
            where e is not null
            """;

    private final JdbcClient jdbc;
    private final FeatureStaging staging;
    private final GeoJsonLoader loader;
    private final ApplicationEventPublisher events;
    private final Actor actor;
    private final double overlapToleranceM2;

    ParcelImport(JdbcClient jdbc, FeatureStaging staging, GeoJsonLoader loader, ApplicationEventPublisher events, Actor actor,
            @Value("${landrenew.import.overlap-tolerance-m2:1.0}") double overlapToleranceM2) {
        this.jdbc = jdbc;
        this.staging = staging;
        this.loader = loader;
        this.events = events;
        this.actor = actor;
        this.overlapToleranceM2 = overlapToleranceM2;
    }

    /**
     * Stages the features of {@code converted} (GDAL's GeoJSON in EPSG:4549, properties renamed by {@code names}),
     * checks them and, when every feature passes and this is no dry run, writes them; otherwise a 422 with the
     * report. Stated areas are compared in the source's CRS ({@code converted.areaSrid()}).
     */
    @Transactional
    ImportReport run(String zone, String fileName, OgrReader.Converted converted, FieldNames names, boolean update,
            boolean repair, boolean dryRun) {
        Path features = converted.features();
        actor.attributeWritesToCurrentUser();
        if (!jdbc.sql("select exists (select 1 from zone where code = :zone)").param("zone", zone).query(Boolean.class).single()) {
            throw NotFoundException.zone(zone);
        }
        stageAll(features, names);
        PREPARE.forEach(sql -> jdbc.sql(sql).param("zone", zone).update());
        for (String check : CHECKS) {
            jdbc.sql(check).param("zone", zone).param("repair", repair).param("tolerance", overlapToleranceM2)
                    .param("update", update).update();
        }
        WARNINGS.forEach(sql -> jdbc.sql(sql).param("areaSrid", converted.areaSrid()).update());
        List<ImportReport.FeatureReport> report = report();
        ImportReport outcome = ImportReport.of(fileName, zone, 0, dryRun, converted.notes(), report);
        if (outcome.rejected() > 0) {
            // Throwing rolls the transaction back: nothing of this import stays.
            throw new RejectedException(report.size() + " 个要素中有 " + outcome.rejected() + " 个有问题，未导入任何要素。"
                    + outcome.rejected() + " of " + report.size() + " features have problems; nothing was imported",
                    Map.of("import", outcome));
        }
        if (dryRun) {
            return outcome;
        }
        if (update) {
            List<ParcelChanged> changed = jdbc.sql(UPDATE).query((rs, i) -> new ParcelChanged(rs.getLong("id"),
                    rs.getBoolean("moved") ? new Bbox(rs.getDouble("min_lon"), rs.getDouble("min_lat"), rs.getDouble("max_lon"),
                            rs.getDouble("max_lat")) : null)).list();
            changed.forEach(events::publishEvent);
            return ImportReport.of(fileName, zone, changed.size(), false, converted.notes(), report);
        }
        List<Long> written = jdbc.sql(WRITE).param("zone", zone).query(Long.class).list();
        loader.registerParcelsWithoutHistory("import " + fileName, written);
        // Derived views (the map's tile cache, every node's) learn of the new parcels once this commits: as one
        // extent, theirs and their blocks' (the zoom-12 overview), not 20,000 events of one parcel each.
        jdbc.sql(WRITTEN_EXTENT).param("ids", written.toArray(Long[]::new))
                .query((rs, i) -> new Bbox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
                .optional().ifPresent(box -> events.publishEvent(new MapChanged(box)));
        return ImportReport.of(fileName, zone, written.size(), false, converted.notes(), report);
    }

    /** What the checks found of each staged feature, in file order. */
    List<ImportReport.FeatureReport> report() {
        return jdbc.sql(REPORT).query((rs, i) -> new ImportReport.FeatureReport(rs.getInt("n"), rs.getString("code"),
                rs.getString("status"), Arrays.asList((String[]) rs.getArray("problems").getArray()),
                Arrays.asList((String[]) rs.getArray("warnings").getArray()), rs.getString("place"))).list();
    }

    /**
     * Stages the features of {@code features} in import_feature (dropped at commit), their properties named by
     * {@code names}, indexed for the checks that compare them; 400 when there are none. Zones' and blocks'
     * imports (BoundaryImport) stage theirs so too.
     */
    void stageAll(Path features, FieldNames names) {
        if (staging.stage(features, names) == 0) {
            throw new BadRequestException("文件中没有要素。The file holds no features.");
        }
        INDEX_STAGE.forEach(sql -> jdbc.sql(sql).update());
    }
}
