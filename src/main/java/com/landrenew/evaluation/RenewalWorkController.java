package com.landrenew.evaluation;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** From class to renewal work: candidates, marking them low-efficiency, 一企一策 plans. Staff read, planners write. */
@RestController
@RequestMapping("/api/evaluations")
class RenewalWorkController {

    private final CandidateService candidates;
    private final LowEfficiencyMarking marking;
    private final PlanService plans;

    RenewalWorkController(CandidateService candidates, LowEfficiencyMarking marking, PlanService plans) {
        this.candidates = candidates;
        this.marking = marking;
        this.plans = plans;
    }

    @GetMapping("/candidates")
    Candidates candidates(@RequestParam(required = false) String zone, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String classes) {
        return candidates.candidates(zone, year, classes);
    }

    @PostMapping("/low-efficiency")
    LowEfficiencyMarking.Marked mark(@RequestBody(required = false) MarkRequest request) {
        return marking.mark(request);
    }

    @GetMapping("/plans")
    List<Plan> plans(@RequestParam(required = false) String zone, @RequestParam(required = false) Integer year) {
        return plans.plans(zone, year);
    }

    @PostMapping("/plans")
    ResponseEntity<Plan> create(@RequestBody(required = false) PlanRequest request) {
        Plan plan = plans.create(request);
        return ResponseEntity.created(URI.create("/api/evaluations/plans/" + plan.id())).body(plan);
    }

    @PutMapping("/plans/{id}")
    Plan update(@PathVariable int id, @RequestBody(required = false) PlanRequest request) {
        return plans.update(id, request);
    }

    @DeleteMapping("/plans/{id}")
    ResponseEntity<Void> delete(@PathVariable int id) {
        plans.delete(id);
        return ResponseEntity.noContent().build();
    }
}
