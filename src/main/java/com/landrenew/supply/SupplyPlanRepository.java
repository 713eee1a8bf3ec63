package com.landrenew.supply;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Supply plans and their batches; plans go out as JSON built by PostGIS (geometry in WGS84). */
@Repository
class SupplyPlanRepository {

    record PlanRef(long id, String code, String zone, String state, int leadMonths) {
    }

    record BatchRef(long id, int seq, String state, LocalDate suppliedOn) {
    }

    /** A parcel of a batch as supplying it needs to know it: ledger state and what is still open. */
    record BatchParcel(long id, String code, String state, boolean ready, LocalDate readyDate, String openFacts) {
    }

    private static final String INSERT_PLAN = """
            insert into supply_plan (zone_id, name, site, site_drawn, required_mu, land_use_code, wanted_start, mode,
                                     max_road_gap_m, min_batch_mu, lead_months, options, created_by)
            values (:zone, :name, %s, :drawn, :requiredMu, :landUse, :wantedStart, :mode,
                    :gap, :minMu, :lead, cast(:options as jsonb), :actor)
            returning id
            """;

    /** The site of picked parcels is their union. */
    static final String SITE_OF_PARCELS = "(select ST_Multi(ST_Union(geom)) from parcel where id = any(:ids))";

    /** A drawn site, in the survey CRS. */
    static final String SITE_DRAWN =
            "ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(ST_GeomFromText(:wkt, 4326), 4549)), 3))";

    private static final String PLAN_AS_JSON = """
            with plan as (
              select sp.*, z.code as zone_code, z.name as zone_name
              from supply_plan sp join zone z on z.id = sp.zone_id
              where sp.id = :id),
            site_parcel as (
              select b.seq, b.state as batch_state, p.id, p.code, p.geom, p.state, bl.code as block,
                     ready_date(p.id) as ready_date, is_ready(p.id) as ready, ST_Area(p.geom) as m2
              from plan
              join supply_batch b on b.plan_id = plan.id
              join supply_batch_parcel bp on bp.batch_id = b.id
              join parcel_all p on p.id = bp.parcel_id   -- a plan keeps the parcels it was made of, split later or not
              left join block bl on bl.id = p.block_id)
            select json_build_object(
                     'id', plan.id, 'code', plan.code, 'name', plan.name,
                     'zone', json_build_object('code', plan.zone_code, 'name', plan.zone_name),
                     'state', plan.state, 'mode', plan.mode, 'requiredMu', plan.required_mu,
                     'landUse', (select json_build_object('code', lu.code, 'name', lu.name_zh, 'nameEn', lu.name_en)
                                 from land_use lu where lu.code = plan.land_use_code),
                     'wantedStart', plan.wanted_start, 'maxRoadGapM', plan.max_road_gap_m,
                     'minBatchMu', plan.min_batch_mu, 'leadMonths', plan.lead_months,
                     'createdAt', plan.created_at, 'createdBy', plan.created_by,
                     'approvedAt', plan.approved_at, 'approvedBy', plan.approved_by,
                     'site', json_build_object(
                        'drawn', plan.site_drawn,
                        'geometry', ST_AsGeoJSON(ST_Transform(plan.site, 4326), 7)::json,
                        'parcelCount', (select count(*) from site_parcel),
                        'area', (select area_json(coalesce(sum(s.m2), 0)) from site_parcel s)),
                     'batches', (select coalesce(json_agg(json_build_object(
                                    'seq', b.seq, 'supplyDate', b.supply_date, 'earliestStart', b.earliest_start,
                                    'state', b.state, 'suppliedOn', b.supplied_on, 'underMinimum', b.under_minimum,
                                    'area', (select area_json(sum(s.m2)) from site_parcel s where s.seq = b.seq),
                                    'parcels', (select json_agg(s.code order by s.code) from site_parcel s where s.seq = b.seq),
                                    'ready', (select bool_and(s.ready) from site_parcel s where s.seq = b.seq),
                                    'readyDate', (select max(s.ready_date) from site_parcel s where s.seq = b.seq))
                                  order by b.seq), '[]'::json)
                                 from supply_batch b where b.plan_id = plan.id),
                     'parcels', json_build_object('type', 'FeatureCollection', 'features',
                        (select coalesce(json_agg(json_build_object(
                                  'type', 'Feature', 'id', plan.zone_code || '/' || s.code,
                                  'geometry', ST_AsGeoJSON(ST_Transform(s.geom, 4326), 7)::json,
                                  'properties', json_build_object(
                                     'code', s.code, 'block', s.block, 'state', s.state,
                                     'batch', s.seq, 'batchState', s.batch_state,
                                     'areaMu', round(to_mu(s.m2), 2), 'readyDate', s.ready_date, 'ready', s.ready,
                                     'insideShare', case when plan.site_drawn
                                        then round((clipped_area(s.geom, plan.site) / s.m2)::numeric, 3) end))
                                order by s.seq, s.code), '[]'::json)
                         from site_parcel s)),
                     'options', plan.options)::text
            from plan
            """;

    private static final String PLANS_OF_ZONE = """
            select coalesce(json_agg(json_build_object(
                     'id', sp.id, 'code', sp.code, 'name', sp.name, 'state', sp.state, 'mode', sp.mode,
                     'requiredMu', sp.required_mu, 'wantedStart', sp.wanted_start,
                     'createdAt', sp.created_at, 'createdBy', sp.created_by,
                     'batches', b.batches, 'suppliedBatches', b.supplied,
                     'firstSupplyDate', b.first_supply, 'firstStart', b.first_start, 'lastStart', b.last_start,
                     'area', area_json(b.m2))
                   order by sp.id desc), '[]'::json)::text
            from supply_plan sp
            join zone z on z.id = sp.zone_id
            cross join lateral (
              select count(distinct b.id) as batches,
                     count(distinct b.id) filter (where b.state = 'supplied') as supplied,
                     min(b.supply_date) as first_supply, min(b.earliest_start) as first_start,
                     max(b.earliest_start) as last_start, coalesce(sum(ST_Area(p.geom)), 0) as m2
              from supply_batch b
              join supply_batch_parcel bp on bp.batch_id = b.id
              join parcel_all p on p.id = bp.parcel_id
              where b.plan_id = sp.id) b
            where z.code = :zone
            """;

    private static final String PARCELS_OF_PLAN = """
            select %s
            from supply_batch b
            join supply_batch_parcel bp on bp.batch_id = b.id
            join parcel_all p on p.id = bp.parcel_id
            where b.plan_id = :plan""";

    private static final String BATCH_PARCELS = """
            select p.id, p.code, p.state, is_ready(p.id) as ready, ready_date(p.id) as ready_date,
                   (select string_agg(k.name_zh || ' ' || k.code || ' (expected ' || r.expected_on || ')', ', '
                                      order by k.ordinal)
                    from parcel_readiness r join readiness_fact_kind k on k.code = r.fact
                    where r.parcel_id = p.id and r.required and r.done_on is null) as open_facts
            from supply_batch_parcel bp
            join parcel p on p.id = bp.parcel_id
            where bp.batch_id = :batch
            order by p.code
            for update of p
            """;

    private final JdbcClient jdbc;

    SupplyPlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertPlan(int zone, PlanRequest request, String landUse, double gap, double minMu, int lead, String mode,
            String options, String siteWkt, List<Long> siteParcels, String actor) {
        return jdbc.sql(INSERT_PLAN.formatted(siteWkt == null ? SITE_OF_PARCELS : SITE_DRAWN))
                .param("zone", zone).param("name", request.name().strip()).param("drawn", siteWkt != null)
                .param("wkt", siteWkt).param("ids", siteParcels.toArray(Long[]::new))
                .param("requiredMu", request.requiredMu()).param("landUse", landUse)
                .param("wantedStart", request.wantedStart()).param("mode", mode).param("gap", gap)
                .param("minMu", minMu).param("lead", lead).param("options", options)
                .param("actor", actor)
                .query(Long.class).single();
    }

    void insertBatch(long plan, BatchPlanner.Batch batch) {
        long id = jdbc.sql("""
                insert into supply_batch (plan_id, seq, supply_date, earliest_start, under_minimum)
                values (:plan, :seq, :supplyDate, :earliestStart, :underMinimum) returning id""")
                .param("plan", plan).param("seq", batch.seq()).param("supplyDate", batch.supplyDate())
                .param("earliestStart", batch.earliestStart()).param("underMinimum", batch.underMinimum())
                .query(Long.class).single();
        jdbc.sql("insert into supply_batch_parcel (batch_id, parcel_id) select :batch, unnest(:parcels)")
                .param("batch", id).param("parcels", batch.parcels().stream().map(SiteParcel::id).toArray(Long[]::new))
                .update();
    }

    Optional<String> planAsJson(long id) {
        return jdbc.sql(PLAN_AS_JSON).param("id", id).query(String.class).optional();
    }

    String plansAsJson(String zone) {
        return jdbc.sql(PLANS_OF_ZONE).param("zone", zone).query(String.class).single();
    }

    /** The plan, locked until the transaction ends: approving and supplying a plan go one at a time. */
    Optional<PlanRef> lockPlan(long id) {
        return jdbc.sql("""
                select sp.id, sp.code, z.code as zone, sp.state, sp.lead_months
                from supply_plan sp join zone z on z.id = sp.zone_id
                where sp.id = :id for update of sp""")
                .param("id", id).query(PlanRef.class).optional();
    }

    Optional<BatchRef> batch(long plan, int seq) {
        return jdbc.sql("select id, seq, state, supplied_on from supply_batch where plan_id = :plan and seq = :seq")
                .param("plan", plan).param("seq", seq).query(BatchRef.class).optional();
    }

    int batchCount(long plan) {
        return jdbc.sql("select count(*) from supply_batch where plan_id = :plan").param("plan", plan)
                .query(Integer.class).single();
    }

    /** The batch's parcels, locked, with what each still lacks. */
    List<BatchParcel> lockBatchParcels(long batch) {
        return jdbc.sql(BATCH_PARCELS).param("batch", batch).query(BatchParcel.class).list();
    }

    /**
     * The plan's parcels that another approved plan holds, as "code (plan)". The parcels are locked first,
     * so two drafts over the same land cannot both be approved.
     */
    List<String> parcelsTakenElsewhere(long plan) {
        jdbc.sql(PARCELS_OF_PLAN.formatted("p.id") + " order by p.id for update of p").param("plan", plan)
                .query(Long.class).list();
        return jdbc.sql(PARCELS_OF_PLAN.formatted("p.code || ' (' || active_supply_plan(p.id) || ')'")
                + " and active_supply_plan(p.id) is not null order by p.code")
                .param("plan", plan).query(String.class).list();
    }

    /**
     * The plan's parcels whose ledger state no longer fits a site (supplied meanwhile, or back in use), or
     * that a split or merge retired since the draft was made.
     */
    List<String> parcelsNoLongerAvailable(long plan, List<String> siteStates) {
        return jdbc.sql(PARCELS_OF_PLAN.formatted("""
                p.code || case when p.retired_on is not null then ' was split or merged on ' || p.retired_on
                               else ' is ' || p.state end""")
                + " and b.state = 'planned' and (p.retired_on is not null or not (p.state = any(:states))) order by p.code")
                .param("plan", plan).param("states", siteStates.toArray(String[]::new)).query(String.class).list();
    }

    List<Long> parcelIds(long plan) {
        return jdbc.sql("""
                select bp.parcel_id from supply_batch_parcel bp join supply_batch b on b.id = bp.batch_id
                where b.plan_id = :plan order by bp.parcel_id""").param("plan", plan).query(Long.class).list();
    }

    void approve(long plan, String actor) {
        jdbc.sql("update supply_plan set state = 'approved', approved_at = now(), approved_by = :actor where id = :id")
                .param("id", plan).param("actor", actor).update();
    }

    /** Contracted construction start (约定开工日期) of the supplied parcels; idle land is measured from it. */
    void setConstructionDue(List<Long> parcels, LocalDate due) {
        jdbc.sql("update parcel set construction_due = :due where id = any(:ids)")
                .param("due", due).param("ids", parcels.toArray(Long[]::new)).update();
    }

    /** Marks the batch supplied; the plan is then 'supplying', or 'supplied' once no batch is left. */
    void markSupplied(long plan, long batch, LocalDate suppliedOn) {
        jdbc.sql("update supply_batch set state = 'supplied', supplied_on = :on where id = :id")
                .param("id", batch).param("on", suppliedOn).update();
        jdbc.sql("""
                update supply_plan set state = case
                    when exists (select 1 from supply_batch where plan_id = :id and state = 'planned') then 'supplying'
                    else 'supplied' end
                where id = :id""").param("id", plan).update();
    }
}
