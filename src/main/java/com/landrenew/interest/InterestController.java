package com.landrenew.interest;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/parcels/{zone}/{code}/interests")
class InterestController {

    private final InterestService interests;

    InterestController(InterestService interests) {
        this.interests = interests;
    }

    @GetMapping
    InterestService.ParcelInterests list(@PathVariable String zone, @PathVariable String code) {
        return interests.list(zone, code);
    }

    @PostMapping
    ResponseEntity<Interest> register(@PathVariable String zone, @PathVariable String code,
            @RequestBody(required = false) InterestRequest request) {
        Interest interest = interests.register(zone, code, request);
        return ResponseEntity.created(URI.create("/api/parcels/" + zone + "/" + code + "/interests")).body(interest);
    }
}
