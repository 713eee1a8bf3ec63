package com.landrenew.importer;

import java.util.List;
import java.util.Map;

import com.landrenew.enterprise.CreditCode;
import com.landrenew.geo.ChinaTime;
import com.landrenew.web.BadRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes LandRenew's GeoJSON files (EPSG:4549, one FeatureCollection per layer) into the store.
 * PostGIS parses the features itself (json_array_elements + ST_GeomFromGeoJSON): one statement per
 * layer, and every feature that names an unknown zone, block or parcel makes the load fail.
 */
@Component
class GeoJsonLoader {

    private static final String SURVEY_CRS = "urn:ogc:def:crs:EPSG::4549";

    private static final String INSERT_ENTERPRISES = """
            insert into enterprise (credit_code, name, industry)
            select e->>'credit_code', e->>'name', e->>'industry'
            from json_array_elements(cast(:json as json)) e
            """;

    private static final String INSERT_ZONES = """
            insert into zone (code, name, admin_code, boundary)
            select f->'properties'->>'code', f->'properties'->>'name', f->'properties'->>'admin_code',
                   ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4549))
            from json_array_elements(cast(:json as json)->'features') f
            """;

    private static final String INSERT_BLOCKS = """
            insert into block (zone_id, code, name, boundary)
            select z.id, f->'properties'->>'code', f->'properties'->>'name',
                   ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4549))
            from json_array_elements(cast(:json as json)->'features') f
            join zone z on z.code = f->'properties'->>'zone'
            """;

    private static final String INSERT_PARCELS = """
            insert into parcel (zone_id, block_id, code, geom, land_use_code, state, enterprise_id,
                                lease_start, lease_end, far_min, far_max, height_limit_m, construction_due)
            select z.id, b.id, p->>'code', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4549)),
                   p->>'land_use', p->>'state', e.id,
                   cast(p->>'lease_start' as date), cast(p->>'lease_end' as date),
                   cast(p->>'far_min' as numeric), cast(p->>'far_max' as numeric),
                   cast(p->>'height_limit_m' as numeric), cast(p->>'construction_due' as date)
            from json_array_elements(cast(:json as json)->'features') f
            cross join lateral (select f->'properties' as p) props
            join zone z on z.code = p->>'zone'
            left join block b on b.zone_id = z.id and b.code = p->>'block'
            left join enterprise e on e.credit_code = p->>'enterprise'
            where (p->>'block' is null) = (b.id is null)
              and (p->>'enterprise' is null) = (e.id is null)
            """;

    private static final String INSERT_BUILDINGS = """
            insert into building (parcel_id, footprint, floors, height_m)
            select pa.id, ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4549),
                   cast(f->'properties'->>'floors' as int), cast(f->'properties'->>'height_m' as numeric)
            from json_array_elements(cast(:json as json)->'features') f
            join zone z on z.code = f->'properties'->>'zone'
            join parcel pa on pa.zone_id = z.id and pa.code = f->'properties'->>'parcel'
            """;

    /** Events in file order: the ledger's trigger checks each against the state the previous one left. */
    private static final String INSERT_LEDGER = """
            insert into parcel_event (parcel_id, from_state, to_state, effective_date, recorded_at, actor, reason,
                                      document_no, enterprise_id, households)
            select pa.id, e->>'from', e->>'to', cast(e->>'effective_date' as date),
                   cast(e->>'recorded_at' as timestamptz), e->>'actor', e->>'reason', e->>'document_no', en.id,
                   coalesce(cast(e->>'households' as int), 0)
            from json_array_elements(cast(:json as json)) with ordinality as events(e, n)
            join zone z on z.code = e->>'zone'
            join parcel pa on pa.zone_id = z.id and pa.code = e->>'parcel'
            left join enterprise en on en.credit_code = e->>'enterprise'
            where (e->>'enterprise' is null) = (en.id is null)
            order by n
            """;

    /** Parcels whose ledger does not end where the parcel file says they are. */
    private static final String PARCELS_NOT_MATCHING_LEDGER = """
            select z.code || '/' || pa.code || ' ends in ' || pa.state || ', file says ' || (f->'properties'->>'state')
            from json_array_elements(cast(:json as json)->'features') f
            join zone z on z.code = f->'properties'->>'zone'
            join parcel pa on pa.zone_id = z.id and pa.code = f->'properties'->>'code'
            where pa.state <> f->'properties'->>'state'
            limit 5
            """;

    private static final String REGISTER_THESE_PARCELS = """
            insert into parcel_event (parcel_id, from_state, to_state, effective_date, actor, reason)
            select p.id, null, p.state, cast(:today as date), :actor, '登记 registered on import'
            from unnest(cast(:ids as bigint[])) as these(id)
            join parcel p on p.id = these.id
            where not exists (select 1 from parcel_event e where e.parcel_id = p.id)
            order by p.id
            """;

    private static final String INSERT_PROJECTS = """
            insert into renewal_project (zone_id, code, name, started, deadline, target_enterprises,
                                         target_households, target_mu)
            select z.id, r->>'code', r->>'name', cast(r->>'started' as date), cast(r->>'deadline' as date),
                   cast(r->>'target_enterprises' as int), cast(r->>'target_households' as int),
                   cast(r->>'target_mu' as numeric)
            from json_array_elements(cast(:json as json)) r
            join zone z on z.code = r->>'zone'
            """;

    private static final String INSERT_PROJECT_BLOCKS = """
            insert into renewal_project_block (project_id, block_id)
            select rp.id, b.id
            from json_array_elements(cast(:json as json)) r
            cross join lateral json_array_elements_text(r->'blocks') as block_code
            join zone z on z.code = r->>'zone'
            join renewal_project rp on rp.zone_id = z.id and rp.code = r->>'code'
            join block b on b.zone_id = z.id and b.code = block_code
            """;

    /** The zone's standard-land (标准地) conditions on its parcels. */
    private static final String INSERT_STANDARD_LAND = """
            insert into standard_land (parcel_id, investment_min_wan_mu, tax_min_wan_mu, energy_max_tce_wan,
                                       emission_standard)
            select pa.id, cast(s->>'investment_min_wan_mu' as numeric), cast(s->>'tax_min_wan_mu' as numeric),
                   cast(s->>'energy_max_tce_wan' as numeric), s->>'emission_standard'
            from json_array_elements(cast(:json as json)) s
            join zone z on z.code = s->>'zone'
            join parcel pa on pa.zone_id = z.id and pa.code = s->>'parcel'
            """;

    private static final String INSERT_PLACES = """
            insert into place (zone_id, code, name, kind, geom)
            select z.id, f->'properties'->>'code', f->'properties'->>'name', f->'properties'->>'kind',
                   ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4549)
            from json_array_elements(cast(:json as json)->'features') f
            join zone z on z.code = f->'properties'->>'zone'
            """;

    /** The basemap: every feature of a zone named by the file (sample files carry the zone per feature). */
    private static final String INSERT_BASEMAP = """
            insert into basemap_feature (zone_id, kind, name, geom)
            select z.id, f->'properties'->>'kind', f->'properties'->>'name', ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4549)
            from json_array_elements(cast(:json as json)->'features') f
            join zone z on z.code = f->'properties'->>'zone'
            """;

    /** Readiness facts for supply: one element per parcel, each fact it lists is required. */
    private static final String INSERT_READINESS = """
            insert into parcel_readiness (parcel_id, fact, required, done_on, expected_on)
            select pa.id, f->>'fact', true, cast(f->>'done_on' as date), cast(f->>'expected_on' as date)
            from json_array_elements(cast(:json as json)) r
            cross join lateral json_array_elements(r->'facts') f
            join zone z on z.code = r->>'zone'
            join parcel pa on pa.zone_id = z.id and pa.code = r->>'parcel'
            """;

    /** 亩均效益评价 figures of enterprises, one row per enterprise and year. */
    private static final String INSERT_EVALUATIONS = """
            insert into enterprise_evaluation (enterprise_id, year, land_mu, tax_wan, output_wan, energy_tce, grade,
                   emission_t, employees, rd_wan, revenue_wan, scale, major_incident, high_tech)
            select e.id, cast(v->>'year' as int), cast(v->>'land_mu' as numeric), cast(v->>'tax_wan' as numeric),
                   cast(v->>'output_wan' as numeric), cast(v->>'energy_tce' as numeric), v->>'grade',
                   cast(v->>'emission_t' as numeric), cast(v->>'employees' as int), cast(v->>'rd_wan' as numeric),
                   cast(v->>'revenue_wan' as numeric), v->>'scale',
                   coalesce(cast(v->>'major_incident' as boolean), false), coalesce(cast(v->>'high_tech' as boolean), false)
            from json_array_elements(cast(:json as json)) v
            join enterprise e on e.credit_code = v->>'credit_code'
            """;

    /** 亩均评价 schemes per zone and year, each with its indicators (those not listed are off). */
    private static final String INSERT_EVALUATION_SCHEMES = """
            with schemes as (
                insert into evaluation_scheme (zone_id, year, groups_apart, min_land_mu, class_by, a_min_score,
                       b_min_score, c_min_score, a_share_pct, b_share_pct, d_share_pct, veto_incident, veto_tax_floor,
                       veto_high_tech, updated_by)
                select z.id, cast(s->>'year' as int), cast(s->>'groups_apart' as boolean),
                       cast(s->>'min_land_mu' as numeric), s->>'class_by', cast(s->>'a_min_score' as numeric),
                       cast(s->>'b_min_score' as numeric), cast(s->>'c_min_score' as numeric),
                       cast(s->>'a_share_pct' as numeric), cast(s->>'b_share_pct' as numeric),
                       cast(s->>'d_share_pct' as numeric), cast(s->>'veto_incident' as boolean),
                       cast(s->>'veto_tax_floor' as numeric), cast(s->>'veto_high_tech' as boolean), 'sample loader'
                from json_array_elements(cast(:json as json)) s
                join zone z on z.code = s->>'zone'
                returning id, zone_id, year
            )
            insert into evaluation_scheme_indicator (scheme_id, indicator, enabled, weight)
            select sc.id, i.code, si.value is not null, coalesce(cast(si.value->>'weight' as numeric), 0)
            from schemes sc
            join zone z on z.id = sc.zone_id
            join json_array_elements(cast(:json as json)) s on s->>'zone' = z.code and cast(s->>'year' as int) = sc.year
            cross join evaluation_indicator i
            left join lateral (select x as value from json_array_elements(s->'indicators') x
                               where x->>'indicator' = i.code) si on true
            """;

    /** 一企一策 plans, each naming its zone, enterprise and (optionally) the renewal project its land joins. */
    private static final String INSERT_PLANS = """
            insert into enterprise_plan (enterprise_id, zone_id, evaluation_year, kind, due, target_tax_wan_per_mu,
                                         target_value_added_wan_per_mu, note, project_id, created_by, created_at)
            select e.id, z.id, cast(pl->>'evaluation_year' as int), pl->>'kind', cast(pl->>'due' as date),
                   cast(pl->>'target_tax_wan_per_mu' as numeric), cast(pl->>'target_value_added_wan_per_mu' as numeric),
                   coalesce(pl->>'note', ''), rp.id, 'sample loader', cast(pl->>'created_at' as timestamptz)
            from json_array_elements(cast(:json as json)) pl
            join zone z on z.code = pl->>'zone'
            join enterprise e on e.credit_code = pl->>'credit_code'
            left join renewal_project rp on rp.zone_id = z.id and rp.code = pl->>'project'
            where pl->>'project' is null or rp.id is not null
            """;

    /** A plan's project takes on the enterprise's parcels in the zone, on the day the plan was made (as PlanService does). */
    private static final String INSERT_PLAN_PROJECT_PARCELS = """
            insert into renewal_project_parcel (project_id, parcel_id, added_on, added_by)
            select pl.project_id, p.id, cast(pl.created_at at time zone 'Asia/Shanghai' as date), pl.created_by
            from enterprise_plan pl
            join parcel p on p.zone_id = pl.zone_id and p.enterprise_id = pl.enterprise_id
            where pl.project_id is not null
            on conflict do nothing
            """;

    private static final String UNKNOWN_EVALUATED_ENTERPRISES = """
            select distinct v->>'credit_code'
            from json_array_elements(cast(:json as json)) v
            where not exists (select 1 from enterprise e where e.credit_code = v->>'credit_code')
            order by 1
            limit 5
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    GeoJsonLoader(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void loadEnterprises(String text) {
        JsonNode enterprises = json.readTree(text);
        for (JsonNode enterprise : enterprises) {
            String code = enterprise.path("credit_code").asString();
            String problem = CreditCode.problemWith(code);
            if (problem != null) {
                // the problem is Chinese first, then English
                throw new BadRequestException("企业 " + enterprise.path("name").asString() + "（" + code + "）：" + problem);
            }
        }
        insertAll("企业", "enterprises", INSERT_ENTERPRISES, text, enterprises.size());
    }

    void loadZones(String text) {
        insertAll("园区", "zones", INSERT_ZONES, text, featureCount(text));
    }

    void loadBlocks(String text) {
        insertAll("街区", "blocks", INSERT_BLOCKS, text, featureCount(text));
    }

    void loadParcels(String text) {
        insertAll("宗地", "parcels", INSERT_PARCELS, text, featureCount(text));
    }

    void loadBuildings(String text) {
        insertAll("建筑", "buildings", INSERT_BUILDINGS, text, featureCount(text));
    }

    /** Replays a ledger file; then every parcel of {@code parcelsText} must stand where its file says. */
    void loadLedger(String text, String parcelsText) {
        insertAll("台账事件", "ledger events", INSERT_LEDGER, text, json.readTree(text).size());
        List<String> mismatches = jdbc.sql(PARCELS_NOT_MATCHING_LEDGER).param("json", parcelsText)
                .query(String.class).list();
        if (!mismatches.isEmpty()) {
            throw new BadRequestException("台账的最后状态与宗地文件不符。The ledger does not end in the parcels' states: "
                    + String.join("; ", mismatches));
        }
    }

    /** Every parcel without history (the sample's) gets its first event. */
    int registerParcelsWithoutHistory(String actor) {
        return registerParcelsWithoutHistory(actor, jdbc.sql("select id from parcel").query(Long.class).list());
    }

    int registerParcelsWithoutHistory(String actor, List<Long> ids) {
        return jdbc.sql(REGISTER_THESE_PARCELS).param("actor", actor).param("today", ChinaTime.today())
                .param("ids", ids.toArray(Long[]::new)).update();
    }

    void loadRenewalProjects(String text) {
        JsonNode projects = json.readTree(text);
        insertAll("更新项目", "renewal projects", INSERT_PROJECTS, text, projects.size());
        int blocks = 0;
        for (JsonNode project : projects) {
            blocks += project.path("blocks").size();
        }
        insertAll("更新项目街区", "renewal project blocks", INSERT_PROJECT_BLOCKS, text, blocks);
    }

    void loadStandardLand(String text) {
        insertAll("标准地指标", "standard land", INSERT_STANDARD_LAND, text, json.readTree(text).size());
    }

    void loadPlaces(String text) {
        insertAll("地名", "places", INSERT_PLACES, text, featureCount(text));
    }

    void loadBasemap(String text) {
        insertAll("底图", "basemap", INSERT_BASEMAP, text, featureCount(text));
    }

    void loadReadiness(String text) {
        int facts = 0;
        for (JsonNode parcel : json.readTree(text)) {
            facts += parcel.path("facts").size();
        }
        insertAll("供地条件", "readiness facts", INSERT_READINESS, text, facts);
    }

    /** Evaluations name their enterprise by credit code; an unknown one is refused by name, nothing written. */
    void loadEvaluations(String text) {
        List<String> unknown = jdbc.sql(UNKNOWN_EVALUATED_ENTERPRISES).param("json", text).query(String.class).list();
        if (!unknown.isEmpty()) {
            throw new BadRequestException("亩均评价数据中有未知企业（统一社会信用代码）：" + String.join(", ", unknown)
                    + "。Enterprise evaluations name unknown enterprises (credit codes): " + String.join(", ", unknown));
        }
        insertAll("亩均评价数据", "enterprise evaluations", INSERT_EVALUATIONS, text, json.readTree(text).size());
    }

    /** The sample's 一企一策 plans; a plan's project takes on the enterprise's land, as a planner's plan does. */
    void loadPlans(String text) {
        insertAll("一企一策方案", "enterprise plans", INSERT_PLANS, text, json.readTree(text).size());
        jdbc.sql(INSERT_PLAN_PROJECT_PARCELS).update();
    }

    /** The zone-years whose schemes were loaded, to evaluate once the sample is in. */
    List<Map<String, Object>> loadEvaluationSchemes(String text) {
        int schemes = json.readTree(text).size();
        int indicators = jdbc.sql(INSERT_EVALUATION_SCHEMES).param("json", text).update();
        if (indicators != schemes * 6) {
            throw new BadRequestException("评价方案：" + schemes + " 个方案只写入 " + indicators + " 个指标，应为每个 6 个（园区未知？）。"
                    + "Evaluation schemes: " + schemes + " schemes gave " + indicators
                    + " indicators, not 6 each (an unknown zone?)");
        }
        return jdbc.sql("select z.code as zone, s.year from evaluation_scheme s join zone z on z.id = s.zone_id order by 1, 2")
                .query().listOfRows();
    }

    private int featureCount(String text) {
        JsonNode collection = json.readTree(text);
        String crs = collection.path("crs").path("properties").path("name").asString("");
        if (!List.of(SURVEY_CRS, "EPSG:4549").contains(crs)) {
            throw new BadRequestException("应为 EPSG:4549 坐标系的 FeatureCollection（crs 为 " + SURVEY_CRS + "），实为 '"
                    + crs + "'。Expected a FeatureCollection in EPSG:4549 (crs member " + SURVEY_CRS + "), found crs '"
                    + crs + "'.");
        }
        return collection.path("features").size();
    }

    private void insertAll(String layerZh, String layer, String sql, String text, int expected) {
        int inserted = jdbc.sql(sql).param("json", text).update();
        if (inserted != expected) {
            throw new BadRequestException(layerZh + "：" + expected + " 条中有 " + (expected - inserted)
                    + " 条指向未知的园区、街区、宗地或企业。" + layer + ": " + (expected - inserted) + " of " + expected
                    + " records name an unknown zone, block, parcel or enterprise.");
        }
    }
}
