package com.landrenew.ogc;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;
import com.landrenew.web.PreconditionException;
import com.landrenew.zone.ZoneEditor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * OGC API - Features Part 4 on the zones and blocks collections: each request turned into the body of the
 * zones API and made through zone/ZoneEditor, the one path for these changes (its checks zone_problems and
 * block_problems, placement of parcels, tile eviction, audit; nothing with history removed). Optimistic
 * locking by FeatureTags' digest of the row: a replace, update or delete must name it in If-Match (428
 * without, 412 once the row has changed), checked with the row locked, in the editor's transaction.
 */
@Service
class ZoneItemWrites {

    /** Properties computed from the boundary: ignored when a client sends them back (QGIS sends whole records). */
    private static final Set<String> DERIVED = Set.of("area_m2", "area_mu", "area_ha");

    /** The zone's (and for a block, the block's) code, the row locked for the change. */
    private static final Map<String, String> LOCK = Map.of(
            FeatureTags.ZONES, "select t.code as zone, null as block from zone t where t.id = :id for update",
            FeatureTags.BLOCKS, """
                    select z.code as zone, t.code as block from block t join zone z on z.id = t.zone_id
                    where t.id = :id for update of t""");

    private record Named(String zone, String block) {
    }

    private final ZoneEditor editor;
    private final FeatureTags tags;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    ZoneItemWrites(ZoneEditor editor, FeatureTags tags, JdbcClient jdbc, JsonMapper json) {
        this.editor = editor;
        this.tags = tags;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** POST: a new zone or block; its id. */
    @Transactional
    long create(String collection, JsonNode feature) {
        ObjectNode properties = FeatureBody.properties(feature, false);
        ObjectNode body = body(collection, properties, feature, false);
        if (collection.equals(FeatureTags.ZONES)) {
            JsonNode saved = json.readTree(editor.createZone(body));
            return jdbc.sql("select id from zone where code = :zone").param("zone", saved.path("zone").asString())
                    .query(Long.class).single();
        }
        String zone = FeatureBody.text("zone", properties.get("zone"));
        if (zone == null) {
            throw new BadRequestException("新区块须给出 zone（所属开发区代码）。A new block needs zone (its zone's code) among "
                    + "its properties.");
        }
        JsonNode saved = json.readTree(editor.createBlock(zone, body));
        return jdbc.sql("select b.id from block b join zone z on z.id = b.zone_id where z.code = :zone and b.code = :block")
                .param("zone", saved.path("zone").asString()).param("block", saved.path("code").asString())
                .query(Long.class).single();
    }

    /** PUT (replace) or PATCH (merge patch) of the zone or block {@code id}. */
    @Transactional
    void change(String collection, long id, String ifMatch, JsonNode feature, boolean patch) {
        Named named = locked(collection, id, ifMatch);
        ObjectNode properties = FeatureBody.properties(feature, patch);
        ObjectNode body = body(collection, properties, feature, patch);
        if (named.block() == null) {
            editor.editZone(named.zone(), body);
            return;
        }
        String zone = FeatureBody.text("zone", properties.get("zone"));
        if (zone != null && !zone.equals(named.zone())) {
            throw new BadRequestException("区块属于开发区 " + named.zone() + "，不能移到 " + Excerpt.of(zone) + "。The block "
                    + "belongs to zone " + named.zone() + " and cannot move to " + Excerpt.of(zone) + "; create it there instead.");
        }
        editor.editBlock(named.zone(), named.block(), body);
    }

    /** DELETE: removed only as the zones API allows (nothing with history: 409 otherwise). */
    @Transactional
    void remove(String collection, long id, String ifMatch) {
        Named named = locked(collection, id, ifMatch);
        if (named.block() == null) {
            editor.removeZone(named.zone());
        } else {
            editor.removeBlock(named.zone(), named.block());
        }
    }

    /** The current ETag of the feature, for the answer. */
    String tag(String collection, long id) {
        return tags.row(collection, id).orElseThrow();
    }

    /**
     * The zones API's body (ZoneEditor: code, name, adminCode, geometry) for the feature's properties. A
     * replacement names everything: a name or geometry it leaves out is refused as missing, an admin_code it
     * leaves out is cleared.
     */
    private static ObjectNode body(String collection, ObjectNode properties, JsonNode feature, boolean patch) {
        boolean zones = collection.equals(FeatureTags.ZONES);
        Map<String, String> writable = zones ? Map.of("code", "code", "name", "name", "admin_code", "adminCode")
                : Map.of("code", "code", "name", "name");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            String name = p.getKey();
            if (writable.containsKey(name)) {
                body.set(writable.get(name), p.getValue());
            } else if (!DERIVED.contains(name) && (zones || !name.equals("zone"))) {
                String known = zones ? "code、name、admin_code" : "zone、code、name";
                throw new BadRequestException((zones ? "开发区" : "区块") + "没有属性 '" + Excerpt.of(name) + "'；可写属性：" + known
                        + "。" + (zones ? "Zones" : "Blocks") + " have no property '" + Excerpt.of(name) + "'; writable: "
                        + known.replace("、", ", ") + ".");
            }
        }
        if (!patch) {
            writable.values().stream().filter(member -> !member.equals("code") && !body.has(member)).forEach(body::putNull);
        }
        if (!patch || feature.has("geometry")) {
            body.set("geometry", feature.get("geometry"));
        }
        return body;
    }

    /** The row locked for the change, once If-Match names its current tag. */
    private Named locked(String collection, long id, String ifMatch) {
        String what = collection.equals(FeatureTags.ZONES) ? "开发区" : "区块";
        String whatEn = collection.equals(FeatureTags.ZONES) ? "zone" : "block";
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw PreconditionException.required("修改" + what + "须带 If-Match 头，给出读取时的 ETag，以免覆盖他人的修改。"
                    + "A change of a " + whatEn + " needs an If-Match header naming the ETag it was read at, so that "
                    + "nobody's change is overwritten.");
        }
        Named named = jdbc.sql(LOCK.get(collection)).param("id", id)
                .query((rs, i) -> new Named(rs.getString("zone"), rs.getString("block"))).optional()
                .orElseThrow(() -> new NotFoundException("集合 " + collection + " 中没有要素 " + id
                        + "。No feature " + id + " in collection " + collection + "."));
        String current = tag(collection, id);
        if (Arrays.stream(ifMatch.split(",")).map(String::strip).noneMatch(current::equals)) {
            String code = named.block() == null ? named.zone() : named.zone() + "/" + named.block();
            throw PreconditionException.failed(what + " " + code + " 已被他人修改：现在的 ETag 是 " + current + "，您的是 "
                    + Excerpt.of(ifMatch) + "；请重新读取后再改。The " + whatEn + " " + code + " was changed by someone else: "
                    + "its ETag is " + current + ", you sent " + Excerpt.of(ifMatch) + "; read it again and redo the change.",
                    Map.of("currentETag", current));
        }
        return named;
    }
}
