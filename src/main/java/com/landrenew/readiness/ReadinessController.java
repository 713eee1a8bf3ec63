package com.landrenew.readiness;

import com.landrenew.web.JsonAnswer;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A parcel's readiness facts (供地条件), beside its ledger. */
@RestController
@RequestMapping("/api/parcels/{zone}/{code}/readiness")
class ReadinessController {

    private final ReadinessService readiness;
    ReadinessController(ReadinessService readiness) {
        this.readiness = readiness;
    }

    @GetMapping
    ResponseEntity<String> readiness(@PathVariable String zone, @PathVariable String code) {
        return JsonAnswer.ok(readiness.readiness(zone, code));
    }

    @PutMapping
    ResponseEntity<String> record(@PathVariable String zone, @PathVariable String code,
            @RequestBody(required = false) ReadinessUpdate update) {
        return JsonAnswer.ok(readiness.record(zone, code, update));
    }
}
