package com.landrenew.evaluation;

import java.util.Map;

import com.landrenew.security.Actor;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A zone's evaluation scheme for a year: staff read it, planners and admins replace it (and the results follow). */
@RestController
@RequestMapping("/api/evaluation-schemes/{zone}/{year}")
class SchemeController {

    private final SchemeRepository schemes;
    private final EvaluationService evaluations;
    private final Actor actor;

    SchemeController(SchemeRepository schemes, EvaluationService evaluations, Actor actor) {
        this.schemes = schemes;
        this.evaluations = evaluations;
        this.actor = actor;
    }

    @GetMapping
    EvaluationScheme scheme(@PathVariable String zone, @PathVariable int year) {
        checked(zone, year);
        return schemes.scheme(zone, year);
    }

    /** Replaces the scheme, then evaluates the zone-year under it, in one transaction. */
    @PutMapping
    @Transactional
    Map<String, Object> save(@PathVariable String zone, @PathVariable int year,
            @RequestBody(required = false) EvaluationScheme scheme) {
        checked(zone, year);
        if (scheme == null) {
            throw new BadRequestException("缺少评价方案（JSON 请求体）。The request has no scheme (a JSON body).");
        }
        var problems = scheme.problems();
        if (!problems.isEmpty()) {
            throw new BadRequestException(String.join(" ", problems));
        }
        actor.attributeWritesToCurrentUser();
        schemes.save(zone, year, scheme, actor.name());
        EvaluationService.Summary summary = evaluations.evaluate(zone, year);
        return Map.of("scheme", schemes.scheme(zone, year), "evaluated", summary);
    }

    private void checked(String zone, int year) {
        Years.check(year);
        if (!schemes.zoneExists(zone)) {
            throw new NotFoundException("没有园区 " + Excerpt.of(zone) + "。No zone '" + Excerpt.of(zone) + "'.");
        }
    }
}
