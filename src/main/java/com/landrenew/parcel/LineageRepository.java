package com.landrenew.parcel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a split and a merge write, in PostGIS: children made from a parent's row with a new outline,
 * their first ledger events, the parents' retirement, the lineage rows, and what moves or is copied to
 * the children (buildings, readiness facts, standard-land conditions).
 */
@Repository
class LineageRepository {

    /** A current parcel locked for a split or merge (by ParcelLookup), with what the checks need. */
    record Locked(long id, int zoneId, String code, int version, String state, Integer enterpriseId,
            String enterpriseName, String activePlan, LocalDate lastEffective, double m2) {
    }

    /** A parcel code: what the map's links and the API's paths can carry. */
    private static final Pattern CODE = Pattern.compile("[^\\s/\\\\?#%]{1,60}");

    private static final String LOCKED = """
            select p.id, p.zone_id, p.code, p.version, p.state, p.enterprise_id, e.name as enterprise_name,
                   active_supply_plan(p.id) as active_plan,
                   (select max(ev.effective_date) from parcel_event ev where ev.parcel_id = p.id) as last_effective,
                   ST_Area(p.geom) as m2
            from parcel p
            left join enterprise e on e.id = p.enterprise_id
            where p.id = any(cast(:ids as bigint[]))
            order by p.id
            """;

    /** The polygons the line cuts the parcel into, largest first (then west to east, south to north). */
    private static final String PIECES = """
            select ST_AsHexEWKB(ST_Multi(d.geom)) as geom, ST_Area(d.geom) as m2
            from parcel_all p
            cross join lateral ST_Dump(ST_Split(p.geom, cast(:blade as geometry))) d
            where p.id = :id
            order by ST_Area(d.geom) desc, ST_X(ST_Centroid(d.geom)), ST_Y(ST_Centroid(d.geom))
            """;

    /** Parcels that lie within the gap of one another, chained, as groups of codes. */
    private static final String CONNECTED_GROUPS = """
            select array_to_string(array_agg(c.code order by c.code), ', ')
            from (select p.code, ST_ClusterDBSCAN(p.geom, eps := :gap, minpoints := 1) over () as k
                  from parcel_all p where p.id = any(cast(:ids as bigint[]))) c
            group by c.k
            order by min(c.code)
            """;

    /**
     * The union of the parents with gaps and notches narrower than the gap closed (a buffer out and back
     * in, mitred so that corners stay corners): two plots a surveyor left 20 cm apart become one outline.
     */
    private static final String UNION = """
            select ST_AsHexEWKB(ST_Multi(ST_CollectionExtract(ST_MakeValid(
                     ST_Buffer(ST_Buffer(ST_Union(p.geom), :half, 'join=mitre mitre_limit=5'), -:half,
                               'join=mitre mitre_limit=5')), 3)))
            from parcel_all p where p.id = any(cast(:ids as bigint[]))
            """;

    /** A child: the template parent's attributes (state, use, block, holder, lease, planning limits), a new outline. */
    private static final String INSERT_CHILD = """
            insert into parcel (zone_id, block_id, code, geom, land_use_code, state, enterprise_id, lease_start,
                                lease_end, far_min, far_max, height_limit_m, construction_due)
            select p.zone_id, p.block_id, :code, cast(:geom as geometry), p.land_use_code, p.state, p.enterprise_id,
                   p.lease_start, p.lease_end, p.far_min, p.far_max, p.height_limit_m, p.construction_due
            from parcel_all p where p.id = :template
            returning id
            """;

    /**
     * Each building goes to the child holding the point on its footprint's surface (the nearest child if
     * a footprint lay outside its parcel).
     */
    private static final String MOVE_BUILDINGS = """
            update building b set parcel_id = (
              select c.id from parcel_all c
              where c.id = any(cast(:children as bigint[]))
              order by ST_Intersects(c.geom, ST_PointOnSurface(b.footprint)) desc,
                       ST_Distance(c.geom, ST_PointOnSurface(b.footprint)), c.id
              limit 1)
            where b.parcel_id = any(cast(:parents as bigint[]))
            """;

    /**
     * The parents' readiness facts on a child. One parent's are copied; several parents' are combined so
     * that the child is ready only when every parent was: a fact is required if any parent requires it,
     * done (on the latest day) only if every parent requiring it has done it, else expected on the latest
     * day still expected.
     */
    private static final String COPY_READINESS = """
            insert into parcel_readiness (parcel_id, fact, required, done_on, expected_on, recorded_at)
            select :child, r.fact, bool_or(r.required),
                   case when count(*) = 1 then min(r.done_on)
                        when bool_or(r.required) then case when bool_and(r.done_on is not null) filter (where r.required)
                                                           then max(r.done_on) filter (where r.required) end
                        else max(r.done_on) end,
                   case when count(*) = 1 then min(r.expected_on)
                        when bool_or(r.required) then max(r.expected_on) filter (where r.required and r.done_on is null)
                        else max(r.expected_on) end,
                   max(r.recorded_at)
            from parcel_readiness r
            where r.parcel_id = any(cast(:parents as bigint[]))
            group by r.fact
            """;

    /** Standard-land conditions on a child: a parent's, or the strictest of the parents' (an enterprise must meet all). */
    private static final String COPY_STANDARD_LAND = """
            insert into standard_land (parcel_id, investment_min_wan_mu, tax_min_wan_mu, energy_max_tce_wan,
                                       emission_standard)
            select :child, max(s.investment_min_wan_mu), max(s.tax_min_wan_mu), min(s.energy_max_tce_wan),
                   (array_agg(s.emission_standard order by es.ordinal))[1]
            from standard_land s join emission_standard es on es.code = s.emission_standard
            where s.parcel_id = any(cast(:parents as bigint[]))
            having count(*) > 0
            """;

    private static final String ANSWER = """
            select json_build_object(
                     'operation', cast(:operation as text), 'zone', z.code, 'effectiveDate', cast(:date as date),
                     'parents', (select json_agg(json_build_object(
                                    'code', p.code, 'retiredOn', p.retired_on, 'state', p.state,
                                    'area', area_json(ST_Area(p.geom))) order by p.code)
                                 from parcel_all p where p.id = any(cast(:parents as bigint[]))),
                     'children', (select json_agg(json_build_object(
                                     'code', c.code, 'state', c.state, 'version', c.version,
                                     'area', area_json(ST_Area(c.geom)),
                                     'buildings', (select count(*) from building b where b.parcel_id = c.id)) order by c.id)
                                  from parcel_all c where c.id = any(cast(:children as bigint[]))))::text
            from zone z where z.id = :zone
            """;

    private static final String LINEAGE = """
            select json_build_object(
                     'zone', z.code, 'code', p.code, 'current', p.retired_on is null, 'retiredOn', p.retired_on,
                     'parents', (select coalesce(jsonb_agg(jsonb_build_object(
                                    'code', q.code, 'operation', l.operation, 'effectiveDate', l.effective_date,
                                    'recordedAt', l.recorded_at, 'current', q.retired_on is null)
                                    || case when :staff then jsonb_build_object('actor', l.actor, 'reason', l.reason)
                                            else '{}'::jsonb end order by q.code), '[]'::jsonb)
                                 from parcel_lineage l join parcel_all q on q.id = l.parent_id where l.child_id = p.id),
                     'children', (select coalesce(jsonb_agg(jsonb_build_object(
                                    'code', c.code, 'operation', l.operation, 'effectiveDate', l.effective_date,
                                    'recordedAt', l.recorded_at, 'current', c.retired_on is null)
                                    || case when :staff then jsonb_build_object('actor', l.actor, 'reason', l.reason)
                                            else '{}'::jsonb end order by c.code), '[]'::jsonb)
                                  from parcel_lineage l join parcel_all c on c.id = l.child_id where l.parent_id = p.id))::text
            from parcel_all p join zone z on z.id = p.zone_id
            where p.id = :id
            """;

    private final JdbcClient jdbc;

    LineageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The parcels ParcelLookup locked for the change, in id order. */
    List<Locked> locked(List<Long> ids) {
        return jdbc.sql(LOCKED).param("ids", ids.toArray(Long[]::new)).query(Locked.class).list();
    }

    /** The pieces a split makes: hex EWKB and m², largest first. */
    List<Map.Entry<String, Double>> pieces(long parcel, String blade) {
        return jdbc.sql(PIECES).param("id", parcel).param("blade", blade)
                .query((rs, i) -> Map.entry(rs.getString("geom"), rs.getDouble("m2"))).list();
    }

    int polygonCount(long parcel) {
        return jdbc.sql("select ST_NumGeometries(geom) from parcel_all where id = :id").param("id", parcel)
                .query(Integer.class).single();
    }

    List<String> connectedGroups(List<Long> parcels, double gap) {
        return jdbc.sql(CONNECTED_GROUPS).param("ids", parcels.toArray(Long[]::new)).param("gap", gap)
                .query(String.class).list();
    }

    String union(List<Long> parcels, double gap) {
        // a little over half the gap each way, so that edges exactly the gap apart still meet
        return jdbc.sql(UNION).param("ids", parcels.toArray(Long[]::new)).param("half", gap / 2 + 0.01)
                .query(String.class).single();
    }

    /** Type and vertex facts of an outline, for the answer to a merge that could not make one polygon. */
    String geometryType(String outline) {
        return jdbc.sql("select GeometryType(cast(:g as geometry)) || ' of ' || ST_NumGeometries(cast(:g as geometry))")
                .param("g", outline).query(String.class).single();
    }

    /**
     * Checks new codes: well formed and distinct (400), not held by any parcel of the zone, current or
     * retired (409: lineage and links name parcels by code, so a code is never reused).
     */
    void checkNewCodes(int zoneId, String field, List<String> codes) {
        for (String code : codes) {
            if (code == null || !CODE.matcher(code).matches()) {
                throw new BadRequestException(field + "：'" + Excerpt.of(code) + "' 不是宗地代码（1 到 60 个字符，不含空格、斜杠、?、# 或 %）。" + field + ": '"
                        + Excerpt.of(code) + "' is not a parcel code (1 to 60 characters, no spaces, slashes, ?, # or %).");
            }
        }
        if (codes.stream().distinct().count() < codes.size()) {
            throw new BadRequestException(field + "：代码不能重复，收到 " + String.join("、", codes) + "。" + field + ": the codes must differ, got "
                    + String.join(", ", codes) + ".");
        }
        List<String> taken = jdbc.sql("""
                select code from parcel_all where zone_id = :zone and code = any(cast(:codes as text[])) order by code""")
                .param("zone", zoneId).param("codes", codes.toArray(String[]::new)).query(String.class).list();
        if (!taken.isEmpty()) {
            throw new ConflictException(field + "：开发区已有（或曾有）宗地 " + String.join("、", taken) + "，请换用其他代码。" + field
                    + ": the zone already has (or had) parcel " + String.join(", ", taken) + "; give other codes.", Map.of("taken", taken));
        }
    }

    long insertChild(long template, String code, String outline) {
        try {
            return jdbc.sql(INSERT_CHILD).param("template", template).param("code", code).param("geom", outline)
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            // another request took the code between the check and now
            throw new ConflictException("宗地代码 " + code + " 刚被本开发区占用，请换一个。Parcel code " + code
                    + " was just taken in this zone; give another code.",
                    Map.of("taken", List.of(code)));
        }
    }

    /** The child's ledger starts in the state its parents were in; not a move, so never a freeing event. */
    void startLedger(long child, String state, LocalDate date, String actor, String reason) {
        jdbc.sql("""
                insert into parcel_event (parcel_id, from_state, to_state, effective_date, actor, reason)
                values (:child, null, :state, :date, :actor, :reason)""")
                .param("child", child).param("state", state).param("date", date).param("actor", actor)
                .param("reason", reason).update();
    }

    void retire(List<Long> parents, LocalDate date) {
        jdbc.sql("update parcel_all set retired_on = :date, retired_at = now() where id = any(cast(:ids as bigint[]))")
                .param("date", date).param("ids", parents.toArray(Long[]::new)).update();
    }

    void recordLineage(long parent, long child, String operation, LocalDate date, String actor, String reason) {
        jdbc.sql("""
                insert into parcel_lineage (parent_id, child_id, operation, effective_date, actor, reason)
                values (:parent, :child, :operation, :date, :actor, :reason)""")
                .param("parent", parent).param("child", child).param("operation", operation).param("date", date)
                .param("actor", actor).param("reason", reason).update();
    }

    void moveBuildings(List<Long> parents, List<Long> children) {
        jdbc.sql(MOVE_BUILDINGS).param("parents", parents.toArray(Long[]::new))
                .param("children", children.toArray(Long[]::new)).update();
    }

    void copyConditions(List<Long> parents, long child) {
        Long[] ids = parents.toArray(Long[]::new);
        jdbc.sql(COPY_READINESS).param("child", child).param("parents", ids).update();
        jdbc.sql(COPY_STANDARD_LAND).param("child", child).param("parents", ids).update();
    }

    String answer(String operation, int zoneId, LocalDate date, List<Long> parents, List<Long> children) {
        return jdbc.sql(ANSWER).param("operation", operation).param("zone", zoneId).param("date", date)
                .param("parents", parents.toArray(Long[]::new)).param("children", children.toArray(Long[]::new))
                .query(String.class).single();
    }

    /** The lineage; who did it and why only for staff (it is the planners' record, as the ledger is). */
    String lineage(long parcel, boolean staff) {
        return jdbc.sql(LINEAGE).param("id", parcel).param("staff", staff).query(String.class).single();
    }
}
