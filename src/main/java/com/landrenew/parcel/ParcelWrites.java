package com.landrenew.parcel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.landrenew.geo.ChinaTime;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.NotFoundException;
import com.landrenew.web.RejectedException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parcel writes other rooms may make (the OGC API's Part 4 edits), each through the checks and
 * effects of the planners' own paths: {@link ParcelLookup} to find and lock, {@link ParcelEditor} for
 * attributes and outline, {@link OutlineCheck} and the split's rules for a new parcel and a retirement,
 * {@link ParcelChanged} after each. A change of state is not here: it is a transition (renewal/).
 */
@Service
public class ParcelWrites {

    /** A parcel's names by id, current or retired. */
    public record Named(String zone, String code, int version, String state, boolean retired) {
    }

    private static final String NAMED = """
            select z.code as zone, p.code, p.version, p.state, p.retired_on is not null as retired
            from parcel_all p join zone z on z.id = p.zone_id
            where p.id = :id
            """;

    /** A new parcel's row; the other attributes follow through the edit, with its checks. */
    private static final String INSERT = """
            insert into parcel (zone_id, code, geom, land_use_code, state)
            values (:zone, :code, cast(:geom as geometry), :landUse, :state)
            returning id
            """;

    private final JdbcClient jdbc;
    private final ParcelLookup lookup;
    private final ParcelEditor editor;
    private final OutlineCheck outlines;
    private final LineageRepository lineage;
    private final Actor actor;
    private final ApplicationEventPublisher events;

    ParcelWrites(JdbcClient jdbc, ParcelLookup lookup, ParcelEditor editor, OutlineCheck outlines,
            LineageRepository lineage, Actor actor, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.lookup = lookup;
        this.editor = editor;
        this.outlines = outlines;
        this.lineage = lineage;
        this.actor = actor;
        this.events = events;
    }

    /** The zone and code of the parcel with this id, current or retired; 404 if there is none. */
    public Named named(long id) {
        return jdbc.sql(NAMED).param("id", id).query(Named.class).optional()
                .orElseThrow(() -> new NotFoundException("没有编号为 " + id + " 的宗地。No parcel with id " + id + "."));
    }

    /** The current parcel locked for a change (ParcelLookup: 404, or 409 if retired) and its version now. */
    public int lockedVersion(String zone, String code) {
        return version(lookup.toChange(zone, code).id());
    }

    /**
     * The planners' attribute and outline edit ({@link ParcelEditor}) with its names (landUse, block,
     * enterpriseCreditCode, leaseStart, leaseEnd, farMin, farMax, heightLimitM, constructionDue, geometry).
     */
    @Transactional
    public void edit(String zone, String code, int version, ObjectNode fields) {
        editor.edit(zone, code, version, fields);
    }

    /**
     * A new parcel: a free code of the zone, a land use and an outline held to every outline's rules, its
     * ledger starting in {@code state} today; {@code fields} then go through the edit. Answers its id.
     */
    @Transactional
    public long create(String zone, String code, String state, JsonNode geometry, ObjectNode fields, String reason) {
        actor.attributeWritesToCurrentUser();
        Integer zoneId = jdbc.sql("select id from zone where code = :zone").param("zone", zone).query(Integer.class)
                .optional().orElseThrow(() -> new RejectedException("没有代码为 " + zone + " 的开发区。No zone with code "
                        + zone + ".", Map.of("zone", zone)));
        lineage.checkNewCodes(zoneId, "code", List.of(code == null ? "" : code));
        if (!jdbc.sql("select exists (select 1 from life_cycle_state where code = :state)").param("state", state)
                .query(Boolean.class).single()) {
            throw new BadRequestException("state：未知的生命周期状态 '" + state + "'（见 /api/states）。state: unknown "
                    + "life-cycle state '" + state + "' (see /api/states).");
        }
        JsonNode use = fields.get("landUse");
        String landUse = use == null || !use.isString() ? null : jdbc.sql("select resolve_land_use(:use)")
                .param("use", use.asString().strip()).query(String.class).optional().orElse(null);
        if (landUse == null) {
            throw new BadRequestException("land_use 必填：2020 用地分类代码或 GB 50137 代码（见 /api/land-uses）。land_use is "
                    + "required: a 2020 land-use code or a GB 50137 code (see /api/land-uses)" + (use == null ? "."
                    : ", got " + use + "."));
        }
        String outline = outlines.snapped(outlines.readPolygon("geometry", geometry), zoneId, 0);
        outlines.require("宗地轮廓 geometry ", "the outline (geometry)", outline, zoneId, List.of());
        long id = insert(zoneId, code, outline, landUse, state);
        LocalDate today = ChinaTime.today();
        lineage.startLedger(id, state, today, actor.name(), reason);
        events.publishEvent(new ParcelChanged(id));
        ObjectNode rest = fields.deepCopy();
        rest.remove("landUse");
        rest.remove("geometry");
        if (!rest.isEmpty()) {
            editor.edit(zone, code, version(id), rest);
        }
        return id;
    }

    private long insert(int zoneId, String code, String outline, String landUse, String state) {
        try {
            return jdbc.sql(INSERT).param("zone", zoneId).param("code", code).param("geom", outline)
                    .param("landUse", landUse).param("state", state).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            // another request took the code between the check and now
            throw new ConflictException("宗地代码 " + code + " 刚被占用，请另取代码。Parcel code " + code
                    + " was just taken in this zone; give another code.", Map.of("taken", List.of(code)));
        }
    }

    private int version(long id) {
        return jdbc.sql("select version from parcel_all where id = :id").param("id", id).query(Integer.class).single();
    }

    /**
     * Retires a current parcel at the version it was loaded at, as a split retires its parent but without
     * children: kept in parcel_all with its ledger and lineage, gone from current land. Land an approved
     * supply plan holds cannot be retired (as it cannot be split).
     */
    @Transactional
    public void retire(String zone, String code, int version) {
        actor.attributeWritesToCurrentUser();
        LocalDate today = ChinaTime.today();
        LineageRepository.Locked parcel = lineage.locked(List.of(lookup.toChange(zone, code).id())).get(0);
        LineageChecks.versions(zone, Map.of(code, version), List.of(parcel));
        LineageChecks.notPromised(List.of(parcel));
        LineageChecks.notBeforeLastEvent(today, List.of(parcel));
        lineage.retire(List.of(parcel.id()), today);
        events.publishEvent(new ParcelChanged(parcel.id()));
    }
}
