package com.landrenew.ogc;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * OGC API - Features Part 4 on zones and blocks, as on parcels (ParcelItemController): POST a GeoJSON
 * Feature (201, Location, ETag), PUT or PATCH one with If-Match, DELETE one with If-Match (204, only what
 * has no history). Coordinates in CRS84. Planners and admins, as the zones API (security/SecurityConfig).
 */
@RestController
@RequestMapping("/ogc/collections/{collection:" + FeatureTags.ZONES + "|" + FeatureTags.BLOCKS + "}/items")
class ZoneItemController {

    private final ZoneItemWrites writes;
    private final ItemAnswers answers;

    ZoneItemController(ZoneItemWrites writes, ItemAnswers answers) {
        this.writes = writes;
        this.answers = answers;
    }

    @PostMapping
    ResponseEntity<String> create(@PathVariable String collection,
            @RequestHeader(value = OgcController.CONTENT_CRS, required = false) String crs,
            @RequestBody(required = false) JsonNode body) {
        ItemAnswers.requireCrs84(crs);
        return answer(HttpStatus.CREATED, collection, writes.create(collection, body));
    }

    @PutMapping("/{fid}")
    ResponseEntity<String> replace(@PathVariable String collection, @PathVariable String fid,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = OgcController.CONTENT_CRS, required = false) String crs,
            @RequestBody(required = false) JsonNode body) {
        return change(collection, fid, ifMatch, crs, body, false);
    }

    @PatchMapping("/{fid}")
    ResponseEntity<String> update(@PathVariable String collection, @PathVariable String fid,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = OgcController.CONTENT_CRS, required = false) String crs,
            @RequestBody(required = false) JsonNode body) {
        return change(collection, fid, ifMatch, crs, body, true);
    }

    private ResponseEntity<String> change(String collection, String fid, String ifMatch, String crs, JsonNode body,
            boolean patch) {
        ItemAnswers.requireCrs84(crs);
        long id = ItemAnswers.id(collection, fid);
        writes.change(collection, id, ifMatch, body, patch);
        return answer(HttpStatus.OK, collection, id);
    }

    @DeleteMapping("/{fid}")
    ResponseEntity<Void> delete(@PathVariable String collection, @PathVariable String fid,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        writes.remove(collection, ItemAnswers.id(collection, fid), ifMatch);
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<String> answer(HttpStatus status, String collection, long id) {
        return answers.feature(status, collection, id, writes.tag(collection, id));
    }
}
