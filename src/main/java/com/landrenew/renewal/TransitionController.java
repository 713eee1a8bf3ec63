package com.landrenew.renewal;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/parcels/{zone}/{code}")
class TransitionController {

    private final TransitionService transitions;
    TransitionController(TransitionService transitions) {
        this.transitions = transitions;
    }

    @GetMapping("/history")
    ParcelHistory history(@PathVariable String zone, @PathVariable String code) {
        return transitions.history(zone, code);
    }

    @PostMapping("/transitions")
    ResponseEntity<LedgerEvent> transition(@PathVariable String zone, @PathVariable String code,
            @RequestBody(required = false) TransitionRequest request) {
        LedgerEvent event = transitions.transition(zone, code, request);
        return ResponseEntity.created(URI.create("/api/parcels/" + zone + "/" + code + "/history")).body(event);
    }
}
