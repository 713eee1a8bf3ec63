package com.landrenew.renewal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import com.landrenew.geo.Area;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The auditors' figures, computed where the geometry lives. Freed land is the union of the parcels
 * that moved into a freed state (vacated or later) within the period, clipped to the reported area:
 * overlapping or duplicated geometry and a parcel freed twice count once, and land supplied again
 * later still counts in the period it was freed. The ledger is read as of the report's date.
 */
@Repository
class TallyRepository {

    /** Row 0: the whole scope (the project's blocks, or the zone); then one row per block in it. */
    private static final String SCOPE = """
            scope as (
              select 0 as position, coalesce(rp.code, z.code) as code, coalesce(rp.name, z.name) as name,
                     coalesce((select ST_Union(b.boundary) from renewal_project_block pb
                               join block b on b.id = pb.block_id where pb.project_id = rp.id),
                              z.boundary) as boundary
              from zone z
              left join renewal_project rp on rp.zone_id = z.id and rp.code = cast(:project as text)
              where z.code = :zone
              union all
              select 1, b.code, b.name, b.boundary
              from block b join zone z on z.id = b.zone_id
              where z.code = :zone
                and (cast(:project as text) is null or exists (
                       select 1 from renewal_project_block pb join renewal_project rp on rp.id = pb.project_id
                       where pb.block_id = b.id and rp.code = cast(:project as text)))
            )
            """;

    /** Moves into a freed state (from one that was not) that took effect within the period. */
    private static final String FREEING = """
            freeing as (
              select e.* from ledger_as_of(cast(:asOf as date)) e
              join life_cycle_state t on t.code = e.to_state and t.freed
              join life_cycle_state f on f.code = e.from_state and not f.freed
              where e.effective_date between cast(:from as date) and cast(:to as date)
            )
            """;

    /** A parcel belongs to an area when their interiors meet (touching along a road edge is not enough). */
    private static final String IN_AREA = "p.geom && s.boundary and ST_Relate(p.geom, s.boundary, 'T********')";

    private static final String ROWS = "with " + SCOPE + ", " + FREEING + """
            select position, code, name, scope_m2, to_mu(scope_m2) as scope_mu, to_ha(scope_m2) as scope_ha,
                   parcels, enterprises, households, freed_m2, to_mu(freed_m2) as freed_mu, to_ha(freed_m2) as freed_ha
            from (
              select s.position, s.code, s.name, ST_Area(s.boundary) as scope_m2,
                     count(distinct f.parcel_id) as parcels, count(distinct f.enterprise_id) as enterprises,
                     coalesce(sum(f.households), 0) as households,
                     coalesce(ST_Area(ST_Intersection(ST_Union(p.geom), s.boundary)), 0) as freed_m2
              from scope s
              left join (freeing f join parcel p on p.id = f.parcel_id) on
            """ + IN_AREA + """
              group by s.position, s.code, s.name, s.boundary
            ) figures
            order by position, code
            """;

    /** Running totals at the end of each month, quarter or year of the period. */
    private static final String SERIES = "with " + SCOPE + ", " + FREEING + """
            , buckets as (
              select b::date as start, (b + cast(:step as interval))::date as next
              from generate_series(date_trunc(:unit, cast(:from as date)), cast(:to as date), cast(:step as interval)) b
            )
            select to_char(bu.start, :label) as period, bu.start, cum.m2, to_mu(cum.m2) as mu, to_ha(cum.m2) as ha,
                   cum.enterprises, cum.households
            from buckets bu
            cross join (select boundary from scope where position = 0) s
            cross join lateral (
              select coalesce(ST_Area(ST_Intersection(ST_Union(p.geom), s.boundary)), 0) as m2,
                     count(distinct f.enterprise_id) as enterprises, coalesce(sum(f.households), 0) as households
              from freeing f join parcel p on p.id = f.parcel_id
              where f.effective_date < bu.next and
            """ + IN_AREA + """
            ) cum
            order by bu.start
            """;

    private static final String IDLE = "with " + SCOPE + """
            select p.code, b.code as block, p.construction_due, ST_Area(p.geom) as m2,
                   to_mu(ST_Area(p.geom)) as mu, to_ha(ST_Area(p.geom)) as ha
            from parcel p
            join zone z on z.id = p.zone_id
            left join block b on b.id = p.block_id
            cross join (select boundary from scope where position = 0) s
            where z.code = :zone
              and p.construction_due < cast(:asOf as date) - interval '1 year'
              and
            """ + IN_AREA + """
              and is_idle(parcel_state_as_of(p.id, cast(:asOf as date)), p.construction_due, cast(:asOf as date))
            order by p.construction_due, p.code
            """;

    /** The area the events and the freed-land map are for: the whole scope, or one block of it. */
    private static final String CHOSEN_AREA = """
            , chosen as (
              select boundary from scope
              where (cast(:block as text) is null and position = 0) or (position = 1 and code = cast(:block as text))
            )
            """;

    private static final String EVENTS = "with " + SCOPE + ", " + FREEING + CHOSEN_AREA + """
            select f.id, p.code as parcel, b.code as block, b.name as block_name, f.from_state, f.to_state,
                   f.effective_date, f.recorded_at, f.actor, f.reason, f.document_no,
                   en.name as enterprise, en.credit_code as enterprise_credit_code, f.households,
                   to_mu(ST_Area(p.geom)) as parcel_mu
            from freeing f
            join parcel p on p.id = f.parcel_id
            left join block b on b.id = p.block_id
            left join enterprise en on en.id = f.enterprise_id
            cross join chosen s
            where
            """ + IN_AREA + """
            order by f.effective_date, p.code, f.id
            """;

    private static final String FREED_AS_GEOJSON = "with " + SCOPE + ", " + FREEING + CHOSEN_AREA + """
            , freed as (
              select p.id, p.code, p.geom, b.code as block, min(f.effective_date) as freed_on
              from freeing f join parcel p on p.id = f.parcel_id left join block b on b.id = p.block_id
              cross join chosen s
              where
            """ + IN_AREA + """
              group by p.id, p.code, p.geom, b.code
            )
            select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                     'type', 'Feature', 'id', :zone || '/' || freed.code,
                     'geometry', ST_AsGeoJSON(ST_Transform(freed.geom, 4326), 7)::json,
                     'properties', json_build_object('zone', :zone, 'code', freed.code, 'block', freed.block,
                                                     'freedOn', freed.freed_on, 'area', area_json(ST_Area(freed.geom))))
                   order by freed.freed_on, freed.code), '[]'::json))::text
            from freed
            """;

    private final JdbcClient jdbc;

    TallyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** Row 0 is the whole scope, then its blocks. */
    List<Tally.Row> rows(TallyQuery q, Tally.Targets targets) {
        return bind(jdbc.sql(ROWS), q).query((rs, i) -> {
            Tally.Freed freed = new Tally.Freed(rs.getInt("parcels"), rs.getInt("enterprises"), rs.getInt("households"),
                    area(rs, "freed"));
            return new Tally.Row(rs.getString("code"), rs.getString("name"), area(rs, "scope"), freed,
                    rs.getInt("position") == 0 ? Tally.percentOf(freed, targets) : null);
        }).list();
    }

    List<Tally.PeriodRow> series(TallyQuery q) {
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
        List<Object[]> raw = bind(jdbc.sql(SERIES), q).param("unit", unit).param("step", step).param("label", label)
                .query((rs, i) -> new Object[] {rs.getString("period"), rs.getObject("start", java.time.LocalDate.class),
                    area(rs, ""), rs.getInt("enterprises"), rs.getInt("households")})
                .list();
        List<Tally.PeriodRow> rows = new java.util.ArrayList<>();
        Area previous = null;
        for (Object[] r : raw) {
            Area cumulative = (Area) r[2];
            // What was freed in this bucket is the growth of the running union, never a double count.
            Area freed = previous == null ? cumulative : new Area(round(cumulative.m2() - previous.m2(), 2),
                    round(cumulative.mu() - previous.mu(), 4), round(cumulative.ha() - previous.ha(), 4));
            rows.add(new Tally.PeriodRow((String) r[0], (java.time.LocalDate) r[1], freed, cumulative, (Integer) r[3],
                    (Integer) r[4]));
            previous = cumulative;
        }
        return rows;
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
        return new Area(round(rs.getDouble(p + "m2"), 2), rs.getDouble(p + "mu"), rs.getDouble(p + "ha"));
    }

    private static double round(double value, int decimals) {
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
