package com.landrenew.renewal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import com.landrenew.geo.Area;
import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The auditors' figures, computed where the geometry lives. Freed land is the area of the union of
 * the parcels that moved into a freed state (vacated or later) within the period, clipped to the
 * reported area: overlapping or duplicated geometry and a parcel freed twice count once, and land
 * supplied again later still counts in the period it was freed. The ledger is read as of the
 * report's date. Parcels are read from parcel_all: a parcel freed and later split or merged (retired)
 * still counts with its own outline, and its children, which start in its state without a freeing
 * event, lie inside it, so freeing one of them again adds nothing.
 */
@Repository
class TallyRepository {

    /**
     * Ordinal 0: the whole scope (the project's blocks, or the zone); then its blocks, 1..n by code,
     * with their ids so that parcels can be placed in them through the block index.
     */
    private static final String SCOPE = """
            scope as materialized (
              select 0 as ordinal, null::int as block_id, coalesce(rp.code, z.code) as code,
                     coalesce(rp.name, z.name) as name,
                     coalesce((select ST_Union(b.boundary) from renewal_project_block pb
                               join block b on b.id = pb.block_id where pb.project_id = rp.id),
                              z.boundary) as boundary
              from zone z
              left join renewal_project rp on rp.zone_id = z.id and rp.code = cast(:project as text)
              where z.code = :zone
              union all
              select row_number() over (order by b.code), b.id, b.code, b.name, b.boundary
              from block b join zone z on z.id = b.zone_id
              where z.code = :zone
                and (cast(:project as text) is null or exists (
                       select 1 from renewal_project_block pb join renewal_project rp on rp.id = pb.project_id
                       where pb.block_id = b.id and rp.code = cast(:project as text)))
            )
            """;

    /**
     * Moves into a freed state (from one that was not) that took effect within the period, for the
     * zone's parcels, as the ledger stood at the end of asOf.
     */
    private static final String FREEING = """
            freeing as materialized (
              select e.id, e.parcel_id, e.enterprise_id, e.households, e.effective_date, p.geom
              from zone z
              join ledger_as_of(cast(:asOf as date)) e on e.zone_id = z.id
              join life_cycle_state t on t.code = e.to_state and t.freed
              join life_cycle_state f on f.code = e.from_state and not f.freed
              join parcel_all p on p.id = e.parcel_id
              where z.code = :zone and e.effective_date between cast(:from as date) and cast(:to as date)
            )
            """;

    /**
     * Freed land without ST_Union: each parcel once, at the first time it was freed in the period,
     * less what parcels freed before it already cover. These parts never overlap, so their areas add
     * up to the union's area exactly, and a running sum gives the union at any date. Only parcels
     * that really overlap (rare) pay for a difference. {@code placed} says which reported areas each
     * freed parcel lies in: the whole scope, and its blocks found through the block index.
     */
    private static final String NEW_LAND = """
            , first_freed as materialized (
              select distinct on (parcel_id) parcel_id, effective_date as freed_on, geom
              from freeing order by parcel_id, effective_date
            ), earlier_overlaps as (
              select a.parcel_id, ST_Union(b.geom) as covered
              from first_freed a
              join parcel_all q on q.geom && a.geom and q.id <> a.parcel_id
              join first_freed b on b.parcel_id = q.id and (b.freed_on, b.parcel_id) < (a.freed_on, a.parcel_id)
              where ST_Relate(a.geom, b.geom, 'T********')
              group by a.parcel_id
            ), new_land as materialized (
              select ff.parcel_id, ff.freed_on, coalesce(ST_Difference(ff.geom, o.covered), ff.geom) as geom
              from first_freed ff left join earlier_overlaps o on o.parcel_id = ff.parcel_id
            ), placed as materialized (
              select s.ordinal, ff.parcel_id
              from first_freed ff join scope s on s.ordinal = 0
              where interiors_meet(ff.geom, s.boundary)
              union all
              select s.ordinal, ff.parcel_id
              from first_freed ff
              join block b on b.boundary && ff.geom
              join scope s on s.block_id = b.id
              where interiors_meet(ff.geom, b.boundary)
            )
            """;

    /**
     * The figures of every reported area and the running totals per month, quarter or year, in one
     * statement so that the freed land is worked out once; PostGIS writes the JSON the records read.
     */
    private static final String TALLY = "with " + SCOPE + ", " + FREEING + NEW_LAND + """
            , counts as (
              select pl.ordinal, count(distinct f.parcel_id) as parcels, count(distinct f.enterprise_id) as enterprises,
                     coalesce(sum(f.households), 0) as households
              from placed pl join freeing f on f.parcel_id = pl.parcel_id
              group by pl.ordinal
            ), areas as (
              select pl.ordinal, sum(clipped_area(n.geom, s.boundary)) as m2
              from placed pl join new_land n on n.parcel_id = pl.parcel_id join scope s on s.ordinal = pl.ordinal
              group by pl.ordinal
            ), land as materialized (
              select n.freed_on, a.m2
              from placed pl join new_land n on n.parcel_id = pl.parcel_id join scope s on s.ordinal = 0
              cross join lateral (select clipped_area(n.geom, s.boundary) as m2) a
              where pl.ordinal = 0
            ), events as materialized (
              select f.effective_date, f.enterprise_id, f.households
              from placed pl join freeing f on f.parcel_id = pl.parcel_id
              where pl.ordinal = 0
            ), buckets as (
              select b::date as start, (b + cast(:step as interval))::date as next
              from generate_series(date_trunc(:unit, cast(:from as date)), cast(:to as date), cast(:step as interval)) b
            ), running as (
              select bu.start, to_char(bu.start, :label) as period,
                     (select coalesce(sum(m2), 0) from land where freed_on < bu.next) as m2,
                     (select count(distinct enterprise_id) from events where effective_date < bu.next) as enterprises,
                     (select coalesce(sum(households), 0) from events where effective_date < bu.next) as households
              from buckets bu
            )
            select json_build_object(
              'rows', (select json_agg(json_build_object(
                         'code', s.code, 'name', s.name, 'areaOfScope', area_json(ST_Area(s.boundary)),
                         'freed', json_build_object('parcels', coalesce(c.parcels, 0),
                                                    'enterprises', coalesce(c.enterprises, 0),
                                                    'households', coalesce(c.households, 0),
                                                    'area', area_json(coalesce(a.m2, 0))))
                       order by s.ordinal)
                       from scope s left join counts c on c.ordinal = s.ordinal left join areas a on a.ordinal = s.ordinal),
              'series', (select coalesce(json_agg(json_build_object(
                           'period', r.period, 'start', r.start,
                           'freed', area_json(r.m2 - coalesce(r.previous, 0)), 'cumulative', area_json(r.m2),
                           'cumulativeEnterprises', r.enterprises, 'cumulativeHouseholds', r.households)
                         order by r.start), '[]'::json)
                         from (select running.*, lag(m2) over (order by start) as previous from running) r)
            )::text
            """;

    private static final String IDLE = "with " + SCOPE + """
            select p.code, b.code as block, p.construction_due, ST_Area(p.geom) as m2,
                   to_mu(ST_Area(p.geom)) as mu, to_ha(ST_Area(p.geom)) as ha
            from parcel_all p
            join zone z on z.id = p.zone_id
            left join block b on b.id = p.block_id
            cross join (select boundary from scope where ordinal = 0) s
            where z.code = :zone
              and parcel_current_as_of(p.retired_on, p.retired_at, cast(:asOf as date))
              and p.construction_due < cast(:asOf as date) - interval '1 year'
              and interiors_meet(p.geom, s.boundary)
              and is_idle(parcel_state_as_of(p.id, cast(:asOf as date)), p.construction_due, cast(:asOf as date))
            order by p.construction_due, p.code
            """;

    /** The area the events and the freed-land map are for: the whole scope, or one block of it. */
    private static final String CHOSEN_AREA = """
            , chosen as (
              select boundary from scope
              where (cast(:block as text) is null and ordinal = 0) or (ordinal > 0 and code = cast(:block as text))
            )
            """;

    private static final String EVENTS = "with " + SCOPE + ", " + FREEING + CHOSEN_AREA + """
            select e.id, p.code as parcel, b.code as block, b.name as block_name, e.from_state, e.to_state,
                   e.effective_date, e.recorded_at, e.actor, e.reason, e.document_no,
                   en.name as enterprise, en.credit_code as enterprise_credit_code, e.households,
                   to_mu(ST_Area(p.geom)) as parcel_mu
            from freeing f
            join parcel_event e on e.id = f.id
            join parcel_all p on p.id = f.parcel_id
            left join block b on b.id = p.block_id
            left join enterprise en on en.id = f.enterprise_id
            cross join chosen s
            where interiors_meet(f.geom, s.boundary)
            order by e.effective_date, p.code, e.id
            """;

    private static final String FREED_AS_GEOJSON = "with " + SCOPE + ", " + FREEING + CHOSEN_AREA + """
            , freed as (
              select p.id, p.code, p.geom, b.code as block, b.name as block_name, min(f.effective_date) as freed_on
              from freeing f join parcel_all p on p.id = f.parcel_id left join block b on b.id = p.block_id
              cross join chosen s
              where interiors_meet(f.geom, s.boundary)
              group by p.id, p.code, p.geom, b.code, b.name
            )
            select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                     'type', 'Feature', 'id', :zone || '/' || freed.code,
                     'geometry', ST_AsGeoJSON(ST_Transform(freed.geom, 4326), 7)::json,
                     'properties', json_build_object('zone', :zone, 'code', freed.code, 'block', freed.block,
                                                     'blockName', freed.block_name,
                                                     'freedOn', freed.freed_on, 'area', area_json(ST_Area(freed.geom))))
                   order by freed.freed_on, freed.code), '[]'::json))::text
            from freed
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    TallyRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Tally.Named> zone(String zone) {
        return jdbc.sql("select code, name from zone where code = :zone").param("zone", zone)
                .query(Tally.Named.class).optional();
    }

    Optional<Tally.Project> project(String zone, String project) {
        return jdbc.sql("""
                select rp.code, rp.name, rp.started, rp.deadline, rp.target_enterprises, rp.target_households, rp.target_mu
                from renewal_project rp join zone z on z.id = rp.zone_id
                where z.code = :zone and rp.code = :project""")
                .param("zone", zone).param("project", project)
                .query((rs, i) -> new Tally.Project(rs.getString("code"), rs.getString("name"),
                        rs.getObject("started", java.time.LocalDate.class), rs.getObject("deadline", java.time.LocalDate.class),
                        new Tally.Targets(rs.getInt("target_enterprises"), rs.getInt("target_households"),
                                rs.getDouble("target_mu"))))
                .optional();
    }

    List<String> projectsOf(String zone) {
        return jdbc.sql("select rp.code from renewal_project rp join zone z on z.id = rp.zone_id where z.code = :zone order by rp.code")
                .param("zone", zone).query(String.class).list();
    }

    /** The figures as PostGIS computed them: row 0 is the whole scope, then its blocks; then the series. */
    record Figures(List<Tally.Row> rows, List<Tally.PeriodRow> series) {
    }

    Figures figures(TallyQuery q) {
        String unit = q.groupBy().name();
        String step = switch (q.groupBy()) {
            case month -> "1 month";
            case quarter -> "3 months";
            case year -> "1 year";
        };
        String label = switch (q.groupBy()) {
            case month -> "YYYY-MM";
            case quarter -> "YYYY-\"Q\"Q";
            case year -> "YYYY";
        };
        String json = bind(jdbc.sql(TALLY), q).param("unit", unit).param("step", step).param("label", label)
                .query(String.class).single();
        return this.json.readValue(json, Figures.class);
    }

    /** Whether the scope (zone, or project) has a block with this code. */
    boolean hasBlock(TallyQuery q, String block) {
        return bind(jdbc.sql("with " + SCOPE + " select exists (select 1 from scope where ordinal > 0 and code = :block)"), q)
                .param("block", block).query(Boolean.class).single();
    }

    List<Tally.IdleParcel> idle(TallyQuery q) {
        return bind(jdbc.sql(IDLE), q).query((rs, i) -> new Tally.IdleParcel(rs.getString("code"), rs.getString("block"),
                rs.getObject("construction_due", java.time.LocalDate.class), area(rs, ""))).list();
    }

    List<FreeingEvent> events(TallyQuery q, String block) {
        return bind(jdbc.sql(EVENTS), q).param("block", block).query(FreeingEvent.class).list();
    }

    String freedAsGeoJson(TallyQuery q, String block) {
        return bind(jdbc.sql(FREED_AS_GEOJSON), q).param("block", block).query(String.class).single();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, TallyQuery q) {
        return spec.param("zone", q.zone()).param("project", q.project()).param("from", q.from())
                .param("to", q.to()).param("asOf", q.asOf());
    }

    /** Reads {prefix}_m2, {prefix}_mu and {prefix}_ha (or m2, mu, ha without a prefix). */
    private static Area area(ResultSet rs, String prefix) throws SQLException {
        String p = prefix.isEmpty() ? "" : prefix + "_";
        return new Area(rs.getDouble(p + "m2"), rs.getDouble(p + "mu"), rs.getDouble(p + "ha"));
    }
}
