package com.landrenew.zone;

import com.landrenew.web.GeoJson;
import com.landrenew.web.NotFoundException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/zones")
class ZoneController {

    private final ZoneRepository zones;

    ZoneController(ZoneRepository zones) {
        this.zones = zones;
    }

    @GetMapping
    ResponseEntity<String> zones() {
        return GeoJson.ok(zones.zonesAsGeoJson());
    }

    @GetMapping("/{zone}/blocks")
    ResponseEntity<String> blocks(@PathVariable String zone) {
        return GeoJson.ok(zones.blocksAsGeoJson(zone)
                .orElseThrow(() -> NotFoundException.zone(zone)));
    }
}
