package com.landrenew.ogc;

import java.net.URI;
import java.util.List;

import com.landrenew.security.Viewer;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    private final OgcRepository features;
    private final JsonMapper json;

    ParcelItemController(ParcelItemWrites writes, OgcRepository features, JsonMapper json) {
        this.writes = writes;
        this.features = features;
        this.json = json;
    }

    @PostMapping
    ResponseEntity<String> create(@RequestHeader(value = OgcController.CONTENT_CRS, required = false) String crs,
            @RequestBody(required = false) JsonNode body) {
        requireCrs84(crs);
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
        requireCrs84(crs);
        long id = id(fid);
        writes.change(id, ifMatch, body, patch);
        return answer(HttpStatus.OK, id);
    }

    @DeleteMapping("/{fid}")
    ResponseEntity<Void> delete(@PathVariable String fid, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        writes.retire(id(fid), ifMatch);
        return ResponseEntity.noContent().build();
    }

    /** The feature as a GET of it answers, with its new version as ETag. */
    private ResponseEntity<String> answer(HttpStatus status, long id) {
        String self = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/ogc/collections/" + FeatureTags.PARCELS + "/items/" + id).build().toUriString();
        String collection = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/ogc/collections/" + FeatureTags.PARCELS).build().toUriString();
        String links = json.writeValueAsString(List.of(
                OgcController.link(self, "self", OgcController.GEOJSON.toString(), "this feature"),
                OgcController.link(collection, "collection", "application/json", "the collection")));
        OgcCollection parcels = OgcCollection.byId(FeatureTags.PARCELS).orElseThrow();
        String feature = features.item(parcels, id, OgcCrs.CRS84, links, Viewer.current()).orElseThrow();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(OgcController.GEOJSON)
                .header(OgcController.CONTENT_CRS, "<" + OgcCrs.CRS84.uri() + ">")
                .eTag(FeatureTags.version(writes.version(id)));
        if (status == HttpStatus.CREATED) {
            answer.location(URI.create(self));
        }
        return answer.body(feature);
    }

    private static long id(String fid) {
        try {
            return Long.parseLong(fid);
        } catch (NumberFormatException e) {
            throw new NotFoundException("宗地集合中没有要素 '" + Excerpt.of(fid) + "'。No feature '"
                    + Excerpt.of(fid) + "' in collection parcels.");
        }
    }

    /** Outlines are read in CRS84 (as the planners' edits are); a client sending another CRS is told so. */
    private static void requireCrs84(String crs) {
        if (crs != null && !crs.isBlank() && OgcCrs.parse(OgcController.CONTENT_CRS, crs.strip().replaceAll("^<|>$", ""))
                != OgcCrs.CRS84) {
            throw new BadRequestException("Content-Crs：本服务只接受 CRS84 经纬度坐标的要素。Content-Crs: features are "
                    + "accepted in CRS84 (longitude/latitude) only, got " + Excerpt.of(crs) + ".");
        }
    }
}
