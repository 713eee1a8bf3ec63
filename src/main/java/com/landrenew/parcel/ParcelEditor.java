package com.landrenew.parcel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.landrenew.enterprise.CreditCode;
import com.landrenew.geo.Bbox;
import com.landrenew.geo.ChinaTime;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * A planner's edit of a parcel's attributes and outline, with optimistic locking: the edit names the
 * version it was made on, and a parcel changed since (parcel.version, moved on by a trigger with every
 * change) is not overwritten but answered with 409 and its current version. A field left out keeps its
 * value; a field sent as null is cleared. State goes through the ledger. A new outline (GeoJSON in CRS84)
 * is a correction of the survey: the parcel keeps its id and ledger, so every figure, past tallies too,
 * uses the corrected outline (the audit trail keeps the old one's summary); a change of the land itself
 * is a split or merge (ParcelSplitter, ParcelMerger).
 */
@Service
class ParcelEditor {

    /** The attributes a planner may edit, as the JSON body names them. */
    static final List<String> FIELDS = List.of("landUse", "block", "enterpriseCreditCode", "leaseStart", "leaseEnd",
            "farMin", "farMax", "heightLimitM", "constructionDue", "geometry");

    private record Current(long id, int zoneId, int version, String landUse, Integer blockId, Integer enterpriseId,
            LocalDate leaseStart, LocalDate leaseEnd, BigDecimal farMin, BigDecimal farMax, BigDecimal heightLimitM,
            LocalDate constructionDue) {
    }

    /** The parcel's values now; ParcelLookup has locked it. */
    private static final String CURRENT = """
            select p.id, p.zone_id, p.version, p.land_use_code as land_use, p.block_id, p.enterprise_id,
                   p.lease_start, p.lease_end, p.far_min, p.far_max, p.height_limit_m, p.construction_due
            from parcel p
            where p.id = :id
            """;

    private static final String UPDATE = """
            update parcel set land_use_code = :landUse, block_id = :block, enterprise_id = :enterprise,
                              lease_start = :leaseStart, lease_end = :leaseEnd, far_min = :farMin, far_max = :farMax,
                              height_limit_m = :height, construction_due = :due,
                              geom = coalesce(cast(:geom as geometry), geom)
            where id = :id and version = :version
            """;

    private final JdbcClient jdbc;
    private final ParcelRepository parcels;
    private final Actor actor;
    private final ApplicationEventPublisher events;
    private final OutlineCheck outlines;
    private final ParcelLookup lookup;

    ParcelEditor(JdbcClient jdbc, ParcelRepository parcels, Actor actor, ApplicationEventPublisher events,
            OutlineCheck outlines, ParcelLookup lookup) {
        this.jdbc = jdbc;
        this.parcels = parcels;
        this.actor = actor;
        this.events = events;
        this.outlines = outlines;
        this.lookup = lookup;
    }

    /** Applies the edit and answers the parcel as its detail does (with the new version). */
    @Transactional
    String edit(String zone, String code, Integer ifMatch, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadRequestException("需要 JSON 对象，含版本号 version 和要修改的字段；可修改：" + String.join("、", FIELDS)
                    + "。A JSON object with version and the fields to change is required; editable: " + String.join(", ", FIELDS) + ".");
        }
        for (String name : body.propertyNames()) {
            checkEditable(name);
        }
        int version = version(body, ifMatch);
        actor.attributeWritesToCurrentUser();
        Current now = jdbc.sql(CURRENT).param("id", lookup.toChange(zone, code).id()).query(Current.class).single();
        if (now.version() != version) {
            throw new ConflictException("宗地 " + zone + "/" + code + " 在版本 " + version + " 之后已被他人修改（现为版本 " + now.version()
                    + "）；请重新载入后再改。Parcel " + zone + "/" + code + " was changed by someone else since version "
                    + version + " (it is at version " + now.version() + " now); reload it and edit again.",
                    Map.of("currentVersion", now.version(), "yourVersion", version));
        }
        String landUse = body.has("landUse") ? landUse(body.get("landUse")) : now.landUse();
        Integer block = body.has("block") ? block(now.zoneId(), body.get("block")) : now.blockId();
        Integer enterprise = body.has("enterpriseCreditCode") ? enterprise(body.get("enterpriseCreditCode"))
                : now.enterpriseId();
        LocalDate leaseStart = body.has("leaseStart") ? date(body, "leaseStart") : now.leaseStart();
        LocalDate leaseEnd = body.has("leaseEnd") ? date(body, "leaseEnd") : now.leaseEnd();
        BigDecimal farMin = body.has("farMin") ? number(body, "farMin", new BigDecimal("99.99")) : now.farMin();
        BigDecimal farMax = body.has("farMax") ? number(body, "farMax", new BigDecimal("99.99")) : now.farMax();
        BigDecimal height = body.has("heightLimitM") ? number(body, "heightLimitM", new BigDecimal("99999.9"))
                : now.heightLimitM();
        LocalDate due = body.has("constructionDue") ? date(body, "constructionDue") : now.constructionDue();
        if (leaseStart != null && leaseEnd != null && !leaseEnd.isAfter(leaseStart)) {
            throw new BadRequestException("出让到期日 leaseEnd " + leaseEnd + " 须晚于起始日 leaseStart " + leaseStart + "。leaseEnd " + leaseEnd
                    + " must be after leaseStart " + leaseStart);
        }
        if (farMin != null && farMax != null && farMax.compareTo(farMin) < 0) {
            throw new BadRequestException("容积率上限 farMax " + farMax + " 不能小于下限 farMin " + farMin + "。farMax " + farMax
                    + " must not be below farMin " + farMin);
        }
        if (height != null && height.signum() <= 0) {
            throw new BadRequestException("限高 heightLimitM 须大于 0，收到 " + height + "。heightLimitM must be above 0, got " + height);
        }
        String outline = null;
        Bbox formerExtent = null;
        if (body.has("geometry")) {
            outline = outlines.snapped(outlines.readPolygon("geometry", body.get("geometry")), now.zoneId(), now.id());
            outlines.require("宗地轮廓 geometry ", "the outline (geometry)", outline, now.zoneId(), List.of(now.id()));
            formerExtent = outlines.extent(now.id());
        }
        int written = jdbc.sql(UPDATE).param("id", now.id()).param("version", version).param("landUse", landUse)
                .param("block", block).param("enterprise", enterprise).param("leaseStart", leaseStart)
                .param("leaseEnd", leaseEnd).param("farMin", farMin).param("farMax", farMax).param("height", height)
                .param("due", due).param("geom", outline).update();
        if (written != 1) {
            throw new IllegalStateException("parcel " + now.id() + " locked at version " + version + " but not updated");
        }
        // Derived views (the map's tile cache) drop what they hold of it once this commits.
        // A new outline names the tiles that showed the old one too.
        events.publishEvent(new ParcelChanged(now.id(), formerExtent));
        return parcels.parcelAsFeature(now.id());
    }

    private static void checkEditable(String name) {
        if (name.equals("version") || FIELDS.contains(name)) {
            return;
        }
        if (name.equals("state")) {
            throw new BadRequestException("状态不能直接修改：状态变更须走台账（POST /api/parcels/{zone}/{code}/transitions）。state cannot be"
                    + " edited: a change of state is a transition (POST /api/parcels/{zone}/{code}/transitions).");
        }
        if (name.equals("geom")) {
            throw new BadRequestException("geom：边界请以 geometry 提交（CRS84 的 GeoJSON Polygon 或 MultiPolygon）。geom: the outline is sent as"
                    + " geometry (GeoJSON Polygon or MultiPolygon in CRS84).");
        }
        throw new BadRequestException("未知字段 '" + Excerpt.of(name) + "'；可修改：" + String.join("、", FIELDS) + "。Unknown field '"
                + Excerpt.of(name) + "'; editable: " + String.join(", ", FIELDS) + ".");
    }

    private static int version(JsonNode body, Integer ifMatch) {
        JsonNode sent = body.get("version");
        Integer inBody = null;
        if (sent != null && !sent.isNull()) {
            if (!sent.isIntegralNumber() || !sent.canConvertToInt() || sent.intValue() < 0) {
                throw new BadRequestException("版本号 version 须为载入宗地时的整数，收到 " + Excerpt.of(String.valueOf(sent))
                        + "。version must be the whole number the parcel was loaded with, got " + Excerpt.of(String.valueOf(sent)) + ".");
            }
            inBody = sent.intValue();
        }
        if (inBody != null && ifMatch != null && !inBody.equals(ifMatch)) {
            throw new BadRequestException("请求体的版本号 " + inBody + " 与 If-Match " + ifMatch + " 不一致。version " + inBody
                    + " in the body and If-Match " + ifMatch + " differ.");
        }
        if (inBody == null && ifMatch == null) {
            throw new BadRequestException("缺少版本号（请求体的 version 或 If-Match）：修改所依据的版本。version (in the body, or If-Match) is"
                    + " required: the version the edit was made on.");
        }
        return inBody != null ? inBody : ifMatch;
    }

    /** The 2020 code of a land use given either as a 2020 code or as an old GB 50137 code (M1, W2, ...). */
    private String landUse(JsonNode value) {
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new BadRequestException("缺少用地分类 landUse：2020 年分类代码或 GB 50137 代码（见 GET /api/land-uses）。landUse is required: a"
                    + " 2020 land-use code or a GB 50137 code (see GET /api/land-uses).");
        }
        String code = jdbc.sql("select resolve_land_use(:use)").param("use", value.asString().strip()).query(String.class)
                .optional().orElse(null);
        if (code == null) {
            throw new BadRequestException("landUse：未知的用地分类代码 '" + Excerpt.of(value.asString()) + "'（见 GET /api/land-uses）。"
                    + "landUse: unknown land-use code '" + Excerpt.of(value.asString()) + "' (see GET /api/land-uses).");
        }
        return code;
    }

    private Integer block(int zoneId, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new BadRequestException("block 须为本开发区的区块代码或 null，收到 " + Excerpt.of(String.valueOf(value))
                    + "。block must be a block code of the parcel's zone or null, got " + Excerpt.of(String.valueOf(value)) + ".");
        }
        return jdbc.sql("select id from block where zone_id = :zone and code = :code").param("zone", zoneId)
                .param("code", value.asString().strip()).query(Integer.class).optional()
                .orElseThrow(() -> new BadRequestException("block：本开发区没有区块 '" + Excerpt.of(value.asString())
                        + "'。block: the parcel's zone has no block '" + Excerpt.of(value.asString()) + "'."));
    }

    private Integer enterprise(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        String code = value.isString() ? value.asString().strip() : null;
        String problem = CreditCode.problemWith(code);
        if (problem != null) {
            throw new BadRequestException("统一社会信用代码 enterpriseCreditCode：" + problem);
        }
        return jdbc.sql("select id from enterprise where credit_code = :code").param("code", code)
                .query(Integer.class).optional()
                .orElseThrow(() -> new BadRequestException("enterpriseCreditCode：没有统一社会信用代码为 " + code
                        + " 的企业。enterpriseCreditCode: no enterprise with credit code " + code + "."));
    }

    private static LocalDate date(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value.isNull()) {
            return null;
        }
        try {
            if (value.isString() && value.asString().matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate date = LocalDate.parse(value.asString());
                if (date.getYear() >= 1949 && date.isBefore(ChinaTime.today().plusYears(100))) {
                    return date;
                }
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new BadRequestException(name + " 须为 1949 年至百年后之间的日期 yyyy-mm-dd，收到 " + Excerpt.of(String.valueOf(value)) + "。" + name
                + " must be a date yyyy-mm-dd between 1949 and a century from now, got " + Excerpt.of(String.valueOf(value)) + ".");
    }

    private static BigDecimal number(JsonNode body, String name, BigDecimal max) {
        JsonNode value = body.get(name);
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().signum() < 0 || value.decimalValue().compareTo(max) > 0) {
            throw new BadRequestException(name + " 须为 0 到 " + max.toPlainString() + " 之间的数，收到 " + Excerpt.of(String.valueOf(value)) + "。" + name
                    + " must be a number from 0 to " + max.toPlainString() + ", got " + Excerpt.of(String.valueOf(value)) + ".");
        }
        return value.decimalValue();
    }
}
