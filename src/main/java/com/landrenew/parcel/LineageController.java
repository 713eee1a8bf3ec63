package com.landrenew.parcel;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.landrenew.security.Viewer;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * Splits and merges of parcels, and a parcel's lineage (the parcels it came from and those that replaced
 * it), for current and retired parcels alike.
 */
@RestController
class LineageController {

    private final ParcelSplitter splitter;
    private final ParcelMerger merger;
    private final LineageRepository lineage;
    private final ParcelLookup lookup;

    LineageController(ParcelSplitter splitter, ParcelMerger merger, LineageRepository lineage, ParcelLookup lookup) {
        this.splitter = splitter;
        this.merger = merger;
        this.lineage = lineage;
        this.lookup = lookup;
    }

    @PostMapping("/api/parcels/{zone}/{code}/split")
    ResponseEntity<String> split(@PathVariable String zone, @PathVariable String code,
            @RequestBody(required = false) SplitRequest request) {
        return created(zone, code, splitter.split(zone, code, request));
    }

    @PostMapping("/api/parcels/merge")
    ResponseEntity<String> merge(@RequestBody(required = false) MergeRequest request) {
        String answer = merger.merge(request);
        return created(request.zone().strip(), request.code().strip(), answer);
    }

    @GetMapping("/api/parcels/{zone}/{code}/lineage")
    ResponseEntity<String> lineage(@PathVariable String zone, @PathVariable String code) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(lineage.lineage(lookup.record(zone, code).id(), Viewer.current().isStaff()));
    }

    /** 201 with the operation; the lineage of the parcel named in the request is where it can be read again. */
    private static ResponseEntity<String> created(String zone, String code, String answer) {
        URI lineage = URI.create("/api/parcels/" + UriUtils.encodePathSegment(zone, StandardCharsets.UTF_8) + "/"
                + UriUtils.encodePathSegment(code, StandardCharsets.UTF_8) + "/lineage");
        return ResponseEntity.created(lineage).contentType(MediaType.APPLICATION_JSON).body(answer);
    }
}
