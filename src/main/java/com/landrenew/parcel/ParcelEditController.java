package com.landrenew.parcel;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/parcels/{zone}/{code}}: a planner's edit of a parcel's attributes, made on the version
 * sent in the body or in If-Match; answers the parcel with its new version (and ETag), or 409 when it
 * changed meanwhile.
 */
@RestController
class ParcelEditController {

    private final ParcelEditor editor;

    ParcelEditController(ParcelEditor editor) {
        this.editor = editor;
    }

    @PutMapping("/api/parcels/{zone}/{code}")
    ResponseEntity<String> edit(@PathVariable String zone, @PathVariable String code,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) JsonNode body) {
        return ParcelVersions.withETag(editor.edit(zone, code, ParcelVersions.fromIfMatch(ifMatch), body));
    }
}
