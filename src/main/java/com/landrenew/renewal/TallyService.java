package com.landrenew.renewal;

import java.util.List;

import com.landrenew.geo.Area;
import com.landrenew.geo.ChinaTime;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Resolves an auditor's question to a scope and period and gathers the figures for it. */
@Service
@Transactional(readOnly = true)
class TallyService {

    private final TallyRepository tallies;

    TallyService(TallyRepository tallies) {
        this.tallies = tallies;
    }

    Tally tally(TallyQuery asked) {
        Tally.Named zone = zone(asked);
        Tally.Project project = project(asked);
        TallyQuery q = asked.withDefaults(project == null ? null : project.started());
        TallyRepository.Figures figures = tallies.figures(q);
        Tally.Row total = figures.rows().get(0).withTargets(project == null ? null : project.targets());
        List<Tally.IdleParcel> idle = tallies.idle(q);
        Area idleArea = new Area(
                idle.stream().mapToDouble(p -> p.area().m2()).sum(),
                idle.stream().mapToDouble(p -> p.area().mu()).sum(),
                idle.stream().mapToDouble(p -> p.area().ha()).sum());
        return new Tally(zone, project, q.from(), q.to(), q.asOf(), q.groupBy().name(), total,
                figures.rows().subList(1, figures.rows().size()), figures.series(),
                new Tally.Idle(idle.size(), idleArea, idle));
    }

    List<FreeingEvent> events(TallyQuery asked, String block) {
        return tallies.events(resolved(asked, block), block);
    }

    String freedAsGeoJson(TallyQuery asked, String block) {
        return tallies.freedAsGeoJson(resolved(asked, block), block);
    }

    List<Tally.Project> projects(String zone) {
        zone(TallyQuery.of(zone, null, null, null, ChinaTime.today(), "month"));
        return tallies.projectsOf(zone).stream().map(code -> tallies.project(zone, code).orElseThrow()).toList();
    }

    private TallyQuery resolved(TallyQuery asked, String block) {
        zone(asked);
        Tally.Project project = project(asked);
        TallyQuery q = asked.withDefaults(project == null ? null : project.started());
        if (block != null && !tallies.hasBlock(q, block)) {
            throw (project == null ? NotFoundException.block(q.zone(), block) : new NotFoundException("更新项目 " + project.code()
                    + " 中没有区块 '" + Excerpt.of(block) + "'。No block '" + Excerpt.of(block) + "' in project " + project.code() + "."));
        }
        return q;
    }

    private Tally.Named zone(TallyQuery q) {
        return tallies.zone(q.zone()).orElseThrow(() -> NotFoundException.zone(q.zone()));
    }

    private Tally.Project project(TallyQuery q) {
        if (q.project() == null) {
            return null;
        }
        return tallies.project(q.zone(), q.project()).orElseThrow(() -> new NotFoundException(
                "开发区 " + q.zone() + " 没有更新项目 '" + Excerpt.of(q.project()) + "'，其项目：" + String.join("、", tallies.projectsOf(q.zone()))
                        + "。no renewal project '" + Excerpt.of(q.project()) + "' in zone " + q.zone() + "; its projects: "
                        + String.join(", ", tallies.projectsOf(q.zone()))));
    }
}
