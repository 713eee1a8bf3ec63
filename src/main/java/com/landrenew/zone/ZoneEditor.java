package com.landrenew.zone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.landrenew.geo.Bbox;
import com.landrenew.layer.MapChanged;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;
import com.landrenew.web.RejectedException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Planners' changes of zones and blocks, each in one transaction: the body checked (ZoneInput, BoundaryInput),
 * the outline held to the rules of V20 (zone_problems, block_problems: valid, no overlap beyond the tolerance,
 * blocks inside their zone), the row written (the audit trigger records it), parcels placed in blocks by
 * location when a block changes (place_parcels), and the map told what changed where once it commits
 * ({@link MapChanged}: the tile caches of every layer drop it).
 *
 * <p>The one path for these changes: the zones API (ZoneController) and OGC API - Features Part 4
 * (ogc/ZoneItemWrites) both come here.
 *
 * <p>Nothing with history is deleted: a zone can be removed only while it has no blocks and no parcels (retired
 * ones included), a block only while no parcel, current or retired, and no renewal project names it; otherwise
 * 409. The trail keeps the removed row.
 */
@Service
public class ZoneEditor {

    static final Set<String> ZONE_MEMBERS = Set.of("code", "name", "adminCode", "geometry", "crs");
    static final Set<String> BLOCK_MEMBERS = Set.of("code", "name", "geometry", "crs");

    /** A zone or block as answered after a change: code, name, area, extent, and parcels placed by the change. */
    private static final String SAVED = """
            select json_build_object('zone', z.code, 'code', coalesce(b.code, z.code), 'name', coalesce(b.name, z.name),
                     'area', area_json(ST_Area(coalesce(b.boundary, z.boundary))),
                     'bbox', json_build_array(round(ST_XMin(w.g)::numeric, 6), round(ST_YMin(w.g)::numeric, 6),
                                              round(ST_XMax(w.g)::numeric, 6), round(ST_YMax(w.g)::numeric, 6)),
                     'placedParcels', cast(:placed as int),
                     'parcelsOutsideBlocks', (select count(*) from parcel p where p.zone_id = z.id and p.block_id is null))::text
            from zone z
            left join block b on b.zone_id = z.id and b.code = :block
            cross join lateral (select ST_Transform(coalesce(b.boundary, z.boundary), 4326) as g) w
            where z.code = :zone
            """;

    /** The longitude/latitude extent of outlines (hex EWKB, EPSG:4549; nulls ignored). */
    private static final String EXTENT = """
            select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            from (select ST_Transform(ST_SetSRID(ST_Extent(g)::geometry, 4549), 4326) as e
                  from unnest(cast(:outlines as geometry[])) g) x
            where e is not null
            """;

    private final JdbcClient jdbc;
    private final BoundaryInput boundaries;
    private final Actor actor;
    private final ApplicationEventPublisher events;
    private final double toleranceM2;

    ZoneEditor(JdbcClient jdbc, BoundaryInput boundaries, Actor actor, ApplicationEventPublisher events,
            @Value("${landrenew.import.overlap-tolerance-m2:1.0}") double toleranceM2) {
        this.jdbc = jdbc;
        this.boundaries = boundaries;
        this.actor = actor;
        this.events = events;
        this.toleranceM2 = toleranceM2;
    }

    @Transactional
    public String createZone(JsonNode body) {
        ZoneInput input = ZoneInput.of(body, "zone", ZONE_MEMBERS);
        String code = input.code();
        String name = input.name();
        String adminCode = input.adminCode();
        String outline = boundaries.read(input.get("geometry"), input.get("crs"));
        actor.attributeWritesToCurrentUser();
        if (zoneId(code) != null) {
            throw new ConflictException("开发区代码 " + code + " 已存在。zone code " + code + " exists already", Map.of("code", code));
        }
        require("开发区边界", "the zone's boundary", zoneProblems(outline, null));
        jdbc.sql("insert into zone (code, name, admin_code, boundary) values (:code, :name, :admin, cast(:outline as geometry))")
                .param("code", code).param("name", name).param("admin", adminCode).param("outline", outline).update();
        changed(List.of(outline));
        return saved(code, null, 0);
    }

    @Transactional
    public String editZone(String zone, JsonNode body) {
        ZoneInput input = ZoneInput.of(body, "zone", ZONE_MEMBERS);
        int zoneId = existingZone(zone);
        actor.attributeWritesToCurrentUser();
        sameCode(input, zone);
        if (input.has("name")) {
            jdbc.sql("update zone set name = :name where id = :id").param("name", input.name()).param("id", zoneId).update();
        }
        if (input.has("adminCode")) {
            jdbc.sql("update zone set admin_code = :admin where id = :id").param("admin", input.adminCode()).param("id", zoneId)
                    .update();
        }
        if (input.has("geometry")) {
            String outline = boundaries.read(input.get("geometry"), input.get("crs"));
            require("开发区边界", "the zone's boundary", zoneProblems(outline, zoneId));
            String before = boundary("zone", zoneId);
            jdbc.sql("update zone set boundary = cast(:outline as geometry) where id = :id").param("outline", outline)
                    .param("id", zoneId).update();
            changed(List.of(before, outline));
        }
        return saved(zone, null, 0);
    }

    @Transactional
    public void removeZone(String zone) {
        int zoneId = existingZone(zone);
        actor.attributeWritesToCurrentUser();
        int blocks = count("select count(*) from block where zone_id = :id", zoneId);
        int parcels = count("select count(*) from parcel_all where zone_id = :id", zoneId);
        if (blocks > 0 || parcels > 0) {
            throw new ConflictException("开发区 " + zone + " 还有 " + blocks + " 个区块、" + parcels + " 宗宗地（含已注销的），"
                    + "有历史的数据不删除。zone " + zone + " still has " + blocks + " blocks and " + parcels
                    + " parcels (retired ones included); nothing with history is deleted",
                    Map.of("blocks", blocks, "parcels", parcels));
        }
        String before = boundary("zone", zoneId);
        delete("delete from zone where id = :id", zoneId, "开发区 " + zone, "zone " + zone);
        changed(List.of(before));
    }

    @Transactional
    public String createBlock(String zone, JsonNode body) {
        ZoneInput input = ZoneInput.of(body, "block", BLOCK_MEMBERS);
        String code = input.code();
        String name = input.name();
        String outline = boundaries.read(input.get("geometry"), input.get("crs"));
        int zoneId = existingZone(zone);
        actor.attributeWritesToCurrentUser();
        if (blockId(zoneId, code) != null) {
            throw new ConflictException("开发区 " + zone + " 已有代码为 " + code + " 的区块。zone " + zone + " has a block "
                    + code + " already", Map.of("code", code));
        }
        require("区块边界", "the block's boundary", blockProblems(outline, zoneId, null));
        jdbc.sql("""
                insert into block (zone_id, code, name, boundary) values (:zone, :code, :name, cast(:outline as geometry))""")
                .param("zone", zoneId).param("code", code).param("name", name).param("outline", outline).update();
        int placed = place(zoneId, List.of(outline));
        return saved(zone, code, placed);
    }

    @Transactional
    public String editBlock(String zone, String block, JsonNode body) {
        ZoneInput input = ZoneInput.of(body, "block", BLOCK_MEMBERS);
        int zoneId = existingZone(zone);
        int blockId = existingBlock(zoneId, zone, block);
        actor.attributeWritesToCurrentUser();
        sameCode(input, block);
        if (input.has("name")) {
            jdbc.sql("update block set name = :name where id = :id").param("name", input.name()).param("id", blockId).update();
        }
        int placed = 0;
        if (input.has("geometry")) {
            String outline = boundaries.read(input.get("geometry"), input.get("crs"));
            require("区块边界", "the block's boundary", blockProblems(outline, zoneId, blockId));
            String before = boundary("block", blockId);
            jdbc.sql("update block set boundary = cast(:outline as geometry) where id = :id").param("outline", outline)
                    .param("id", blockId).update();
            placed = place(zoneId, List.of(before, outline));
        } else {
            changed(List.of(boundary("block", blockId)));   // its name is in the blocks' tiles
        }
        return saved(zone, block, placed);
    }

    @Transactional
    public void removeBlock(String zone, String block) {
        int zoneId = existingZone(zone);
        int blockId = existingBlock(zoneId, zone, block);
        actor.attributeWritesToCurrentUser();
        int parcels = count("select count(*) from parcel_all where block_id = :id", blockId);
        if (parcels > 0) {
            throw new ConflictException("区块 " + block + " 中有 " + parcels + " 宗宗地（含已注销的），有历史的数据不删除；"
                    + "可以改画它的边界。block " + block + " holds " + parcels + " parcels (retired ones included); nothing "
                    + "with history is deleted: redraw its boundary instead", Map.of("parcels", parcels));
        }
        String before = boundary("block", blockId);
        delete("delete from block where id = :id", blockId, "区块 " + block, "block " + block);
        changed(List.of(before));
    }

    /** Places every current parcel of the zone in its block by location (on request); answers what it did. */
    @Transactional
    String placeParcels(String zone) {
        int zoneId = existingZone(zone);
        actor.attributeWritesToCurrentUser();
        int placed = place(zoneId, null);
        return saved(zone, null, placed);
    }

    /** Places the zone's parcels near {@code outlines} (all of them when null); the map learns of the change. */
    private int place(int zoneId, List<String> outlines) {
        List<String> moved = jdbc.sql("""
                select ST_AsHexEWKB(p.geom) from parcel p
                where p.id in (select place_parcels(:zone, (select ST_Collect(g) from unnest(cast(:near as geometry[])) g)))""")
                .param("zone", zoneId).param("near", outlines == null ? null : outlines.toArray(String[]::new))
                .query(String.class).list();
        List<String> all = new ArrayList<>(moved);
        if (outlines != null) {
            all.addAll(outlines);
        }
        changed(all);
        return moved.size();
    }

    private List<String> zoneProblems(String outline, Integer own) {
        return jdbc.sql("select zone_problems(cast(:outline as geometry), :own, cast(:tolerance as float8))")
                .param("outline", outline).param("own", own).param("tolerance", toleranceM2).query(String.class).list();
    }

    private List<String> blockProblems(String outline, int zoneId, Integer own) {
        return jdbc.sql("select block_problems(cast(:outline as geometry), :zone, :own, cast(:tolerance as float8))")
                .param("outline", outline).param("zone", zoneId).param("own", own).param("tolerance", toleranceM2)
                .query(String.class).list();
    }

    /** 422 naming every problem of an outline, when it has one. */
    private static void require(String zh, String en, List<String> problems) {
        if (!problems.isEmpty()) {
            throw RejectedException.problems(zh, en, problems);
        }
    }

    private static void sameCode(ZoneInput input, String code) {
        if (input.has("code") && !code.equals(input.code())) {
            throw new BadRequestException("代码不能修改（路径中是 " + code + "）。the code cannot change "
                    + "(the path names " + code + "); create a new one instead");
        }
    }

    private void delete(String sql, int id, String zh, String en) {
        try {
            jdbc.sql(sql).param("id", id).update();
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException(zh + " 仍被其他记录（如更新项目、供地方案）引用，不能删除。" + en
                    + " is still named by other records (renewal projects, supply plans ...) and cannot be removed", Map.of());
        }
    }

    private Integer zoneId(String zone) {
        return jdbc.sql("select id from zone where code = :zone").param("zone", zone).query(Integer.class).optional()
                .orElse(null);
    }

    private Integer blockId(int zoneId, String block) {
        return jdbc.sql("select id from block where zone_id = :zone and code = :block").param("zone", zoneId)
                .param("block", block).query(Integer.class).optional().orElse(null);
    }

    private int existingZone(String zone) {
        Integer id = zoneId(zone);
        if (id == null) {
            throw new NotFoundException("没有代码为 '" + Excerpt.of(zone) + "' 的开发区。no zone with code '" + Excerpt.of(zone) + "'");
        }
        return id;
    }

    private int existingBlock(int zoneId, String zone, String block) {
        Integer id = blockId(zoneId, block);
        if (id == null) {
            throw new NotFoundException("开发区 " + zone + " 没有代码为 '" + Excerpt.of(block) + "' 的区块。zone " + zone
                    + " has no block with code '" + Excerpt.of(block) + "'");
        }
        return id;
    }

    private String boundary(String table, int id) {
        return jdbc.sql("select ST_AsHexEWKB(boundary) from " + table + " where id = :id").param("id", id)
                .query(String.class).single();
    }

    private int count(String sql, int id) {
        return jdbc.sql(sql).param("id", id).query(Integer.class).single();
    }

    private String saved(String zone, String block, int placed) {
        return jdbc.sql(SAVED).param("zone", zone).param("block", block).param("placed", placed).query(String.class).single();
    }

    /** Tells the map, once this commits, that the extent of these outlines changed. */
    private void changed(List<String> outlines) {
        if (outlines.isEmpty()) {
            return;
        }
        jdbc.sql(EXTENT).param("outlines", outlines.toArray(String[]::new))
                .query((rs, i) -> new Bbox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
                .optional().ifPresent(box -> events.publishEvent(new MapChanged(box)));
    }
}
