package com.landrenew.supply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.landrenew.geo.ChinaTime;
import com.landrenew.geo.GeometryInput;
import com.landrenew.parcel.LifeCycleNames;
import com.landrenew.parcel.ParcelChanged;
import com.landrenew.renewal.TransitionRequest;
import com.landrenew.renewal.TransitionService;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes supply plans (both options computed, the chosen one saved as batches), approves them, and
 * supplies their batches through the renewal ledger.
 */
@Service
class SupplyPlanService {

    /** Land a site may take: being freed, freed, stored or prepared. Anything held or built on is not. */
    static final List<String> SITE_STATES = List.of("vacating", "vacated", "stored", "prepared");

    static final double DEFAULT_ROAD_GAP_M = 15;
    static final double DEFAULT_MIN_BATCH_MU = 15;
    private static final int MAX_SITE_PARCELS = 500;

    /** A new plan's id and the plan as JSON. */
    record Created(long id, String json) {
    }

    /** One excluded parcel of a drawn site, and why. */
    record Excluded(String code, String state, String reason) {
    }

    private final SiteRepository sites;
    private final SupplyPlanRepository plans;
    private final TransitionService ledger;
    private final ObjectMapper json;
    private final int defaultLeadMonths;
    private final Actor actor;
    private final ApplicationEventPublisher events;
    private final GeometryInput geometries;
    private final LifeCycleNames stateNames;

    SupplyPlanService(SiteRepository sites, SupplyPlanRepository plans, TransitionService ledger, ObjectMapper json,
            @Value("${landrenew.supply.lead-months:3}") int defaultLeadMonths, Actor actor,
            ApplicationEventPublisher events, GeometryInput geometries, LifeCycleNames stateNames) {
        this.actor = actor;
        this.events = events;
        this.sites = sites;
        this.plans = plans;
        this.ledger = ledger;
        this.json = json;
        this.defaultLeadMonths = defaultLeadMonths;
        this.geometries = geometries;
        this.stateNames = stateNames;
    }

    @Transactional(readOnly = true)
    String plan(long id) {
        return plans.planAsJson(id).orElseThrow(() -> noSuchPlan(id));
    }

    @Transactional(readOnly = true)
    String plans(String zone) {
        sites.zoneId(zone).orElseThrow(() -> NotFoundException.zone(zone));
        return plans.plansAsJson(zone);
    }

    /** A draft plan for the site: both options computed, the chosen one saved; answers the plan. */
    @Transactional
    Created create(PlanRequest request) {
        validate(request);
        this.actor.attributeWritesToCurrentUser();
        int zone = sites.zoneId(request.zone())
                .orElseThrow(() -> new BadRequestException("zone：没有代码为 '" + request.zone()
                        + "' 的开发区。zone: no zone with code '" + request.zone() + "'."));
        String landUse = sites.landUse(request.landUse().strip()).orElseThrow(() -> new BadRequestException(
                "landUse：未知的用地分类代码 '" + request.landUse() + "'（见 GET /api/land-uses）。landUse: unknown land-use code '"
                + request.landUse() + "' (see GET /api/land-uses)."));
        String mode = request.mode() == null ? "phased" : request.mode();
        double gap = request.maxRoadGapM() == null ? DEFAULT_ROAD_GAP_M : request.maxRoadGapM();
        double minMu = request.minBatchMu() == null ? Math.min(DEFAULT_MIN_BATCH_MU, request.requiredMu())
                : request.minBatchMu();
        int lead = request.leadMonths() == null ? defaultLeadMonths : request.leadMonths();

        String wkt = request.site().polygon() != null ? SitePolygon.wkt(request.site().polygon(), geometries) : null;
        List<Excluded> excluded = new ArrayList<>();
        List<SiteParcel> site = wkt == null ? picked(zone, request) : drawn(zone, request, wkt, excluded);
        double siteMu = BatchPlanner.mu(site);
        if (request.requiredMu() > siteMu + 1e-9) {
            throw new BadRequestException("所需面积 " + request.requiredMu() + " 亩超过了地块的面积（" + site.size() + " 宗共 " + Math.round(siteMu * 100) / 100.0
                    + " 亩）。requiredMu " + request.requiredMu() + " is more than the site holds ("
                    + Math.round(siteMu * 100) / 100.0 + " mu in " + site.size() + " parcels).");
        }

        // Nothing is supplied before today, nor earlier than the wanted start needs.
        LocalDate today = ChinaTime.today();
        LocalDate wantedSupply = request.wantedStart().minusMonths(lead);
        BatchPlanner planner = new BatchPlanner(wantedSupply.isAfter(today) ? wantedSupply : today, lead);
        List<BatchPlanner.Batch> whole = planner.whole(site);
        List<BatchPlanner.Batch> phased = planner.phased(site, minMu, ids -> sites.contiguousGroups(ids, gap));
        String options = json.writeValueAsString(PlanOptions.of(whole, phased, request.wantedStart()));

        List<Long> ids = site.stream().map(SiteParcel::id).toList();
        long id = plans.insertPlan(zone, request, landUse, gap, minMu, lead, mode, options, wkt, ids, actor.name());
        for (BatchPlanner.Batch batch : mode.equals("whole") ? whole : phased) {
            plans.insertBatch(id, batch);
        }
        ObjectNode answer = (ObjectNode) json.readTree(plans.planAsJson(id).orElseThrow());
        answer.set("excluded", json.valueToTree(excluded));
        return new Created(id, answer.toString());
    }

    @Transactional
    String approve(long id) {
        this.actor.attributeWritesToCurrentUser();
        SupplyPlanRepository.PlanRef plan = plans.lockPlan(id).orElseThrow(() -> noSuchPlan(id));
        if (!plan.state().equals("draft")) {
            throw new ConflictException("计划 " + plan.code() + " 状态为 " + planState(plan.state()) + "，只有草稿可以批准。Plan " + plan.code() + " is "
                    + plan.state() + "; only a draft can be approved.",
                    Map.of("state", plan.state()));
        }
        List<String> taken = plans.parcelsTakenElsewhere(id);
        if (!taken.isEmpty()) {
            throw new ConflictException("计划 " + plan.code() + " 的土地已在另一个已批准的计划中：" + String.join("、", taken) + "。Plan " + plan.code()
                    + " takes land another approved plan holds: " + String.join(", ", taken) + ".", Map.of("state", plan.state(), "parcels", taken));
        }
        List<String> gone = plans.parcelsNoLongerAvailable(id, SITE_STATES);
        if (!gone.isEmpty()) {
            throw new ConflictException("计划 " + plan.code() + " 的土地已不可供应：" + String.join("、", gone) + "。Plan " + plan.code()
                    + " takes land that is no longer available: " + String.join(", ", gone) + ".", Map.of("state", plan.state(), "parcels", gone));
        }
        plans.approve(id, actor.name());
        // Approved, its parcels are available land: the map's available-land tiles must show them.
        plans.parcelIds(id).forEach(parcel -> events.publishEvent(new ParcelChanged(parcel)));
        return plans.planAsJson(id).orElseThrow();
    }

    /**
     * Supplies one batch: each parcel goes prepared → supplied in the ledger (a stored parcel first goes
     * stored → prepared the same day: its readiness facts say it is 净地), and construction is due the
     * plan's lead time after the day of supply. A batch may be supplied before an earlier one if its own
     * parcels are ready; readiness, not the order, is what the ledger needs.
     */
    @Transactional
    String supply(long id, int seq, SupplyRequest request) {
        this.actor.attributeWritesToCurrentUser();
        LocalDate suppliedOn = request.suppliedOn() == null ? ChinaTime.today() : request.suppliedOn();
        if (suppliedOn.isAfter(ChinaTime.today())) {
            throw new BadRequestException("供地日期 " + suppliedOn + " 在将来；请在供地当天登记。suppliedOn " + suppliedOn
                    + " is in the future; supply a batch on the day it is supplied.");
        }
        SupplyPlanRepository.PlanRef plan = plans.lockPlan(id).orElseThrow(() -> noSuchPlan(id));
        SupplyPlanRepository.BatchRef batch = plans.batch(id, seq).orElseThrow(() -> new NotFoundException(
                "计划 " + plan.code() + " 没有第 " + seq + " 批（共 " + plans.batchCount(id) + " 批）。Plan " + plan.code()
                + " has no batch " + seq + " (it has " + plans.batchCount(id) + ")."));
        if (batch.state().equals("supplied")) {
            throw new ConflictException("计划 " + plan.code() + " 第 " + seq + " 批已于 " + batch.suppliedOn() + " 供应。Batch " + seq + " of plan "
                    + plan.code() + " was supplied on " + batch.suppliedOn() + ".", Map.of("state", batch.state(), "suppliedOn", batch.suppliedOn().toString()));
        }
        if (!plan.state().equals("approved") && !plan.state().equals("supplying")) {
            throw new ConflictException("计划 " + plan.code() + " 状态为 " + planState(plan.state()) + "，只有已批准计划的批次可以供应。Plan "
                    + plan.code() + " is " + plan.state() + "; only an approved plan's batches can be supplied.", Map.of("state", plan.state()));
        }
        List<SupplyPlanRepository.BatchParcel> parcels = plans.lockBatchParcels(batch.id());
        checkSuppliable(plan, seq, parcels, suppliedOn);
        String reason = "分批次供地 " + plan.code() + " 第" + seq + "批 (phased supply, batch " + seq + ")";
        for (SupplyPlanRepository.BatchParcel parcel : parcels) {
            if (parcel.state().equals("stored")) {
                ledger.transition(plan.zone(), parcel.code(), new TransitionRequest("prepared", suppliedOn,
                        "净地：供地条件齐备 (ready for supply) · " + reason, null, null));
            }
            ledger.transition(plan.zone(), parcel.code(), new TransitionRequest("supplied", suppliedOn, reason,
                    blank(request.documentNo()), null));
        }
        plans.setConstructionDue(parcels.stream().map(SupplyPlanRepository.BatchParcel::id).toList(),
                suppliedOn.plusMonths(plan.leadMonths()));
        plans.markSupplied(id, batch.id(), suppliedOn);
        return plans.planAsJson(id).orElseThrow();
    }

    private void checkSuppliable(SupplyPlanRepository.PlanRef plan, int seq,
            List<SupplyPlanRepository.BatchParcel> parcels, LocalDate suppliedOn) {
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> zh = new ArrayList<>();
        for (SupplyPlanRepository.BatchParcel p : parcels) {
            if (!p.state().equals("stored") && !p.state().equals("prepared")) {
                zh.add(p.code() + " 台账状态为" + stateNames.zh(p.state()) + "，只有收储或净地可以供应");
                problems.put(p.code(), "is " + p.state() + " in the ledger; only stored or prepared land is supplied");
            } else if (!p.ready()) {
                zh.add(p.code() + " 供地条件未具备：" + (p.openFacts() == null ? "无供地条件记录" : p.openFacts()));
                problems.put(p.code(), "is not ready: " + (p.openFacts() == null ? "no readiness facts" : p.openFacts()));
            } else if (p.readyDate().isAfter(suppliedOn)) {
                zh.add(p.code() + " 到 " + p.readyDate() + " 才具备供地条件");
                problems.put(p.code(), "was ready only on " + p.readyDate());
            }
        }
        if (!problems.isEmpty()) {
            List<String> lines = problems.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
            throw new ConflictException("计划 " + plan.code() + " 第 " + seq + " 批不能在 " + suppliedOn + " 供应："
                    + String.join("；", zh) + "。Batch " + seq + " of plan " + plan.code() + " cannot be supplied on "
                    + suppliedOn + ": " + String.join("; ", lines) + ".", Map.of("parcels", problems));
        }
    }

    private List<SiteParcel> picked(int zone, PlanRequest request) {
        Set<String> codes = new TreeSet<>();
        for (String code : request.site().parcels()) {
            if (code == null || code.isBlank()) {
                throw new BadRequestException("site.parcels 须为宗地代码，不能为空。site.parcels must be parcel codes, not blank.");
            }
            codes.add(code.strip());
        }
        List<SiteParcel> site = sites.picked(zone, List.copyOf(codes));
        if (site.size() < codes.size()) {
            Set<String> missing = new TreeSet<>(codes);
            site.forEach(p -> missing.remove(p.code()));
            throw new BadRequestException("site.parcels：开发区 " + request.zone() + " 中没有宗地 " + String.join("、", missing) + "。site.parcels: no parcel "
                    + String.join(", ", missing) + " in zone " + request.zone() + ".");
        }
        for (SiteParcel p : site) {
            if (!SITE_STATES.contains(p.state())) {
                throw new BadRequestException("site.parcels：宗地 " + p.code() + " 的状态为 " + stateNames.zh(p.state()) + "，供地地块只收 "
                        + String.join("、", SITE_STATES.stream().map(stateNames::zh).toList()) + " 的土地。site.parcels: "
                        + p.code() + " is " + p.state() + "; a site takes land that is " + String.join(", ", SITE_STATES) + ".");
            }
            if (p.readyDate() == null) {
                throw new BadRequestException("site.parcels：宗地 " + p.code() + " 没有供地条件记录，请先录入。site.parcels: " + p.code()
                        + " has no readiness facts; record them first (PUT /api/parcels/" + request.zone() + "/" + p.code()
                        + "/readiness).");
            }
            if (p.activePlan() != null) {
                throw new ConflictException("宗地 " + p.code() + " 已在已批准的供地计划 " + p.activePlan() + " 中。" + p.code()
                        + " is already in approved plan " + p.activePlan() + ".",
                        Map.of("parcel", p.code(), "plan", p.activePlan()));
            }
        }
        return site;
    }

    /** The parcels a drawn site meets that can be supplied; the others are listed in {@code excluded}. */
    private List<SiteParcel> drawn(int zone, PlanRequest request, String wkt, List<Excluded> excluded) {
        List<SiteParcel> site = new ArrayList<>();
        for (SiteParcel p : sites.inPolygon(zone, wkt)) {
            if (!SITE_STATES.contains(p.state())) {
                excluded.add(new Excluded(p.code(), p.state(), "非空闲土地（" + stateNames.zh(p.state()) + "）not free land (" + p.state() + ")"));
            } else if (p.readyDate() == null) {
                excluded.add(new Excluded(p.code(), p.state(), "无供地条件记录 no readiness facts"));
            } else if (p.activePlan() != null) {
                excluded.add(new Excluded(p.code(), p.state(), "已在批准的计划 " + p.activePlan() + " 中 in approved plan " + p.activePlan()));
            } else {
                site.add(p);
            }
        }
        if (site.isEmpty()) {
            throw new BadRequestException("site.polygon 在开发区 " + request.zone() + " 内没有可供应的土地"
                    + (excluded.isEmpty() ? "" : "（涉及的 " + excluded.size() + " 宗有权利人、已建、无供地条件或已在计划中）")
                    + "。site.polygon meets no land that can be supplied in zone " + request.zone()
                    + (excluded.isEmpty() ? "" : " (" + excluded.size() + " parcels met are held, built on,"
                            + " without readiness facts or already planned)") + ".");
        }
        if (site.size() > MAX_SITE_PARCELS) {
            throw new BadRequestException("site.polygon 涉及 " + site.size() + " 宗，上限 " + MAX_SITE_PARCELS + " 宗。site.polygon takes "
                    + site.size() + " parcels; at most " + MAX_SITE_PARCELS + ".");
        }
        return site;
    }

    private static void validate(PlanRequest r) {
        if (r == null) {
            throw new BadRequestException("需要 JSON 请求体，含 zone、name、site、requiredMu、landUse 和 wantedStart。A JSON body with zone, name, site,"
                    + " requiredMu, landUse and wantedStart is required.");
        }
        require(r.zone(), "zone", "开发区");
        require(r.name(), "name", "项目名称");
        if (r.site() == null || (r.site().parcels() == null) == (r.site().polygon() == null)) {
            throw new BadRequestException("site 须在 site.parcels（宗地代码）和 site.polygon（WGS84 的 GeoJSON 多边形）中二选一。site needs exactly one of"
                    + " site.parcels (parcel codes) and site.polygon (a GeoJSON Polygon in WGS84).");
        }
        if (r.site().parcels() != null && (r.site().parcels().isEmpty() || r.site().parcels().size() > MAX_SITE_PARCELS)) {
            throw new BadRequestException("site.parcels 须列出 1 到 " + MAX_SITE_PARCELS + " 个宗地代码。site.parcels must list 1 to "
                    + MAX_SITE_PARCELS + " parcel codes.");
        }
        if (r.requiredMu() == null || !(r.requiredMu() > 0) || r.requiredMu() > 1e6) {
            throw new BadRequestException("requiredMu（项目所需面积，亩）须为正数。requiredMu (the area the project needs, in mu) must be a"
                    + " positive number.");
        }
        require(r.landUse(), "landUse", "用地分类");
        if (r.wantedStart() == null) {
            throw new BadRequestException("缺少 wantedStart（希望开工日期，yyyy-mm-dd）。wantedStart (yyyy-mm-dd, the wanted start of"
                    + " construction) is required.");
        }
        if (r.mode() != null && !r.mode().equals("whole") && !r.mode().equals("phased")) {
            throw new BadRequestException("mode 须为 whole（一次供地）或 phased（分批次供地），收到 '" + Excerpt.of(r.mode()) + "'。mode must be"
                    + " 'whole' or 'phased', got '" + Excerpt.of(r.mode()) + "'.");
        }
        if (r.maxRoadGapM() != null && !(r.maxRoadGapM() >= 0 && r.maxRoadGapM() <= 200)) {
            throw new BadRequestException("maxRoadGapM 须在 0 到 200 米之间，收到 " + r.maxRoadGapM() + "。maxRoadGapM must be between 0 and"
                    + " 200 metres, got " + r.maxRoadGapM() + ".");
        }
        if (r.minBatchMu() != null && !(r.minBatchMu() >= 0 && r.minBatchMu() <= r.requiredMu())) {
            throw new BadRequestException("minBatchMu 须在 0 到所需面积（" + r.requiredMu() + " 亩）之间，收到 " + r.minBatchMu()
                    + "。minBatchMu must be between 0 and requiredMu (" + r.requiredMu() + "), got " + r.minBatchMu() + ".");
        }
        if (r.leadMonths() != null && (r.leadMonths() < 0 || r.leadMonths() > 36)) {
            throw new BadRequestException("leadMonths 须在 0 到 36 个月之间，收到 " + r.leadMonths() + "。leadMonths must be between 0 and 36,"
                    + " got " + r.leadMonths() + ".");
        }
    }

    private static void require(String value, String field, String zh) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException("缺少" + zh + "（" + field + "）。" + field + " is required.");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String planState(String state) {
        return switch (state) {
            case "draft" -> "草稿";
            case "approved" -> "已批准";
            case "supplying" -> "供应中";
            case "supplied" -> "已供应";
            default -> state;
        };
    }

    private static NotFoundException noSuchPlan(long id) {
        return new NotFoundException("没有编号为 " + id + " 的供地计划。No supply plan " + id + ".");
    }
}
