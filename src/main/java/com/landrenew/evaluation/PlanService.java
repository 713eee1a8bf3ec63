package com.landrenew.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.landrenew.geo.ChinaTime;
import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 一企一策: planners record, change and withdraw plans; staff read them with what came of them. */
@Service
class PlanService {

    static final Set<String> KINDS = Set.of("improve", "merge", "relocate", "close");
    static final int MAX_NOTE = 2000;
    static final double MAX_TARGET = 100_000;
    static final LocalDate FIRST_DUE = LocalDate.of(Years.FIRST, 1, 1);
    static final LocalDate LAST_DUE = LocalDate.of(Years.LAST, 12, 31);

    private final PlanRepository plans;
    private final ZoneYear zones;
    private final Actor actor;

    PlanService(PlanRepository plans, ZoneYear zones, Actor actor) {
        this.plans = plans;
        this.zones = zones;
        this.actor = actor;
    }

    @Transactional(readOnly = true)
    List<Plan> plans(String zone, Integer year) {
        ZoneYear.Zone z = zones.zone(zone);
        return plans.plans(z.id(), year == null ? null : ZoneYear.year(year));
    }

    @Transactional
    Plan create(PlanRequest request) {
        Checked c = check(request, null);
        actor.attributeWritesToCurrentUser();
        int id = plans.insert(c.enterprise(), c.zone().id(), c.year(), request, c.project(), actor.name());
        addLand(c);
        return plans.plan(c.zone().id(), id).orElseThrow();
    }

    @Transactional
    Plan update(int id, PlanRequest request) {
        int zone = plans.zoneOf(id).orElseThrow(() -> notFound(id));
        Checked c = check(request, id);
        if (c.zone().id() != zone) {
            throw new BadRequestException("方案不能改到另一个开发区。A plan cannot move to another zone.");
        }
        actor.attributeWritesToCurrentUser();
        plans.update(id, c.enterprise(), c.year(), request, c.project());
        addLand(c);
        return plans.plan(zone, id).orElseThrow();
    }

    @Transactional
    void delete(int id) {
        plans.zoneOf(id).orElseThrow(() -> notFound(id));
        actor.attributeWritesToCurrentUser();
        plans.delete(id);
    }

    private void addLand(Checked c) {
        if (c.project() != null) {
            plans.addLandToProject(c.project(), c.zone().id(), c.enterprise(), ChinaTime.today(), actor.name());
        }
    }

    private record Checked(ZoneYear.Zone zone, int year, int enterprise, Integer project) {
    }

    private Checked check(PlanRequest r, Integer id) {
        if (r == null) {
            throw new BadRequestException("需要 JSON 请求体（creditCode、zone、year、kind、due）。"
                    + "A JSON body with creditCode, zone, year, kind and due is required.");
        }
        ZoneYear.Zone zone = zones.zone(r.zone());
        int year = ZoneYear.year(r.year());
        if (r.creditCode() == null || r.creditCode().isBlank()) {
            throw new BadRequestException("缺少 creditCode（统一社会信用代码）。creditCode is required.");
        }
        int enterprise = plans.enterprise(r.creditCode().strip()).orElseThrow(() -> new BadRequestException(
                "creditCode：没有统一社会信用代码为 " + Excerpt.of(r.creditCode()) + " 的企业。creditCode: no enterprise with code "
                        + Excerpt.of(r.creditCode()) + "."));
        if (r.kind() == null || !KINDS.contains(r.kind())) {
            throw new BadRequestException("kind 应为 improve（提升改造）、merge（兼并重组）、relocate（腾退）或 close（关停）："
                    + "'" + Excerpt.of(String.valueOf(r.kind())) + "'。kind must be improve, merge, relocate or close.");
        }
        if (r.due() == null || r.due().isBefore(FIRST_DUE) || r.due().isAfter(LAST_DUE)) {
            throw new BadRequestException("due（完成期限，yyyy-mm-dd）缺失或超出 " + FIRST_DUE + " 至 " + LAST_DUE
                    + "。due (yyyy-mm-dd) is missing or outside " + FIRST_DUE + " to " + LAST_DUE + ".");
        }
        target("targetTaxWanPerMu", r.targetTaxWanPerMu());
        target("targetValueAddedWanPerMu", r.targetValueAddedWanPerMu());
        if (r.note() != null && r.note().length() > MAX_NOTE) {
            throw new BadRequestException("note 过长：上限 " + MAX_NOTE + " 个字符。note is too long: at most " + MAX_NOTE
                    + " characters.");
        }
        Integer project = null;
        if (r.project() != null && !r.project().isBlank()) {
            project = plans.project(zone.id(), r.project()).orElseThrow(() -> new BadRequestException(
                    "project：开发区 " + zone.name() + " 没有更新项目 '" + Excerpt.of(r.project()) + "'。project: zone "
                            + zone.code() + " has no renewal project '" + Excerpt.of(r.project()) + "'; its projects: "
                            + String.join(", ", plans.projectsOf(zone.id()))));
        }
        if (plans.exists(enterprise, zone.id(), year, id)) {
            throw new ConflictException("该企业在此开发区已有 " + year + " 年的一企一策方案。The enterprise has a plan for "
                    + year + " in this zone already.", Map.of());
        }
        return new Checked(zone, year, enterprise, project);
    }

    private static void target(String name, Double value) {
        if (value != null && (!Double.isFinite(value) || value < 0 || value > MAX_TARGET)) {
            throw new BadRequestException(name + " 应在 0 至 " + (int) MAX_TARGET + " 万元/亩之间。" + name
                    + " must lie between 0 and " + (int) MAX_TARGET + " (10,000 yuan per mu).");
        }
    }

    private static NotFoundException notFound(int id) {
        return new NotFoundException("没有编号为 " + id + " 的一企一策方案。No plan with id " + id + ".");
    }
}
