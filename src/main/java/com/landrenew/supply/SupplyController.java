package com.landrenew.supply;

import java.net.URI;

import com.landrenew.web.GeoJson;
import com.landrenew.web.JsonAnswer;
import com.landrenew.web.NotFoundException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Supply plans (分批次供地) and a zone's view of supply: the schedule and the land bank. */
@RestController
@RequestMapping("/api/supply")
class SupplyController {

    private final SupplyPlanService plans;
    private final ZoneSupplyRepository zones;

    SupplyController(SupplyPlanService plans, ZoneSupplyRepository zones) {
        this.plans = plans;
        this.zones = zones;
    }

    @PostMapping("/plans")
    ResponseEntity<String> create(@RequestBody(required = false) PlanRequest request) {
        SupplyPlanService.Created plan = plans.create(request);
        return ResponseEntity.created(URI.create("/api/supply/plans/" + plan.id())).contentType(MediaType.APPLICATION_JSON)
                .body(plan.json());
    }

    @GetMapping("/plans/{id}")
    ResponseEntity<String> plan(@PathVariable long id) {
        return JsonAnswer.ok(plans.plan(id));
    }

    @GetMapping("/plans")
    ResponseEntity<String> plans(@RequestParam String zone) {
        return JsonAnswer.ok(plans.plans(zone));
    }

    @PostMapping("/plans/{id}/approve")
    ResponseEntity<String> approve(@PathVariable long id) {
        return JsonAnswer.ok(plans.approve(id));
    }

    @PostMapping("/plans/{id}/batches/{seq}/supply")
    ResponseEntity<String> supply(@PathVariable long id, @PathVariable int seq,
            @RequestBody(required = false) SupplyRequest request) {
        return JsonAnswer.ok(plans.supply(id, seq, request == null ? new SupplyRequest(null, null) : request));
    }

    @GetMapping("/schedule")
    ResponseEntity<String> schedule(@RequestParam String zone, @RequestParam(required = false) String block) {
        return JsonAnswer.ok(zones.schedule(scope(zone, block)));
    }

    @GetMapping("/land-bank")
    ResponseEntity<String> landBank(@RequestParam String zone, @RequestParam(required = false) String block) {
        return GeoJson.ok(zones.landBank(scope(zone, block)));
    }

    private ZoneSupplyRepository.Scope scope(String zone, String block) {
        if (block == null || block.isBlank()) {
            return zones.zone(zone).orElseThrow(() -> NotFoundException.zone(zone));
        }
        return zones.block(zone, block).orElseThrow(() -> NotFoundException.block(zone, block));
    }
}
