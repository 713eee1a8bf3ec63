package com.landrenew.zone;

import com.landrenew.web.GeoJson;
import com.landrenew.web.JsonAnswer;
import com.landrenew.web.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * Zones and their blocks: read by everyone; made, changed and removed by planners and admins
 * (ZoneEditor says what each change checks and that nothing with history is deleted).
 */
@RestController
@RequestMapping("/api/zones")
class ZoneController {

    private final ZoneRepository zones;
    private final ZoneEditor editor;

    ZoneController(ZoneRepository zones, ZoneEditor editor) {
        this.zones = zones;
        this.editor = editor;
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

    @PostMapping
    ResponseEntity<String> createZone(@RequestBody(required = false) JsonNode body) {
        return JsonAnswer.status(HttpStatus.CREATED, editor.createZone(body));
    }

    @PutMapping("/{zone}")
    ResponseEntity<String> editZone(@PathVariable String zone, @RequestBody(required = false) JsonNode body) {
        return JsonAnswer.ok(editor.editZone(zone, body));
    }

    @DeleteMapping("/{zone}")
    ResponseEntity<Void> removeZone(@PathVariable String zone) {
        editor.removeZone(zone);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{zone}/blocks")
    ResponseEntity<String> createBlock(@PathVariable String zone, @RequestBody(required = false) JsonNode body) {
        return JsonAnswer.status(HttpStatus.CREATED, editor.createBlock(zone, body));
    }

    @PutMapping("/{zone}/blocks/{block}")
    ResponseEntity<String> editBlock(@PathVariable String zone, @PathVariable String block,
            @RequestBody(required = false) JsonNode body) {
        return JsonAnswer.ok(editor.editBlock(zone, block, body));
    }

    @DeleteMapping("/{zone}/blocks/{block}")
    ResponseEntity<Void> removeBlock(@PathVariable String zone, @PathVariable String block) {
        editor.removeBlock(zone, block);
        return ResponseEntity.noContent().build();
    }

    /** Places every current parcel of the zone in the block covering most of it, or in none. */
    @PostMapping("/{zone}/placement")
    ResponseEntity<String> placeParcels(@PathVariable String zone) {
        return JsonAnswer.ok(editor.placeParcels(zone));
    }
}
