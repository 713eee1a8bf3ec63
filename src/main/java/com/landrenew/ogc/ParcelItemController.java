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
 * OGC API - Features Part 4 (Create, Replace, Update, Delete) on parcels, as QGIS's OAPIF provider sends
 * it: POST a GeoJSON Feature to the items (201, Location, ETag), PUT or PATCH (a JSON merge patch) one
 * feature with If-Match, DELETE one with If-Match (204: it is retired, not deleted). Coordinates in CRS84.
 * Planners only (security/SecurityConfig); Spring answers OPTIONS with the Allow header QGIS reads.
 */
@RestController
@RequestMapping("/ogc/collections/" + FeatureTags.PARCELS + "/items")
class ParcelItemController {

    private final ParcelItemWrites writes;
    private final ItemAnswers answers;

    ParcelItemController(ParcelItemWrites writes, ItemAnswers answers) {
        this.writes = writes;
        this.answers = answers;
    }

    @PostMapping
    ResponseEntity<String> create(@RequestHeader(value = OgcController.CONTENT_CRS, required = false) String crs,
            @RequestBody(required = false) JsonNode body) {
        ItemAnswers.requireCrs84(crs);
        long id = writes.create(body);
        return answer(HttpStatus.CREATED, id);
    }

    @PutMapping("/{fid}")
    ResponseEntity<String> replace(@PathVariable String fid, @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = OgcController.CONTENT_CRS, required = false) String crs,
            @RequestBody(required = false) JsonNode body) {
        return change(fid, ifMatch, crs, body, false);
    }

    @PatchMapping("/{fid}")
    ResponseEntity<String> update(@PathVariable String fid, @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = OgcController.CONTENT_CRS, required = false) String crs,
            @RequestBody(required = false) JsonNode body) {
        return change(fid, ifMatch, crs, body, true);
    }

    private ResponseEntity<String> change(String fid, String ifMatch, String crs, JsonNode body, boolean patch) {
        ItemAnswers.requireCrs84(crs);
        long id = id(fid);
        writes.change(id, ifMatch, body, patch);
        return answer(HttpStatus.OK, id);
    }

    @DeleteMapping("/{fid}")
    ResponseEntity<Void> delete(@PathVariable String fid, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        writes.retire(id(fid), ifMatch);
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<String> answer(HttpStatus status, long id) {
        return answers.feature(status, FeatureTags.PARCELS, id, FeatureTags.version(writes.version(id)));
    }

    private static long id(String fid) {
        return ItemAnswers.id(FeatureTags.PARCELS, fid);
    }
}
