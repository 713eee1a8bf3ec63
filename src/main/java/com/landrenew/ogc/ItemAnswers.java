package com.landrenew.ogc;

import java.net.URI;
import java.util.List;

import com.landrenew.security.Viewer;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the Part 4 controllers (ParcelItemController, ZoneItemController) share: the feature id of a path, the
 * Content-Crs they accept, and their answer, the feature as a GET of it answers with its new ETag.
 */
@Component
class ItemAnswers {

    private final OgcRepository features;
    private final JsonMapper json;

    ItemAnswers(OgcRepository features, JsonMapper json) {
        this.features = features;
        this.json = json;
    }

    /** The feature {@code id} of {@code collection} (201 with its Location when just created). */
    ResponseEntity<String> feature(HttpStatus status, String collection, long id, String etag) {
        String self = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/ogc/collections/" + collection + "/items/" + id).build().toUriString();
        String home = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/ogc/collections/" + collection).build().toUriString();
        String links = json.writeValueAsString(List.of(
                OgcController.link(self, "self", OgcController.GEOJSON.toString(), "this feature"),
                OgcController.link(home, "collection", "application/json", "the collection")));
        String feature = features.item(OgcCollection.byId(collection).orElseThrow(), id, OgcCrs.CRS84, links,
                Viewer.current()).orElseThrow();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(OgcController.GEOJSON)
                .header(OgcController.CONTENT_CRS, "<" + OgcCrs.CRS84.uri() + ">").eTag(etag);
        if (status == HttpStatus.CREATED) {
            answer.location(URI.create(self));
        }
        return answer.body(feature);
    }

    /** The feature id of a path: the row's number. */
    static long id(String collection, String fid) {
        try {
            return Long.parseLong(fid);
        } catch (NumberFormatException e) {
            throw new NotFoundException("集合 " + collection + " 中没有要素 '" + Excerpt.of(fid) + "'。No feature '"
                    + Excerpt.of(fid) + "' in collection " + collection + ".");
        }
    }

    /** Outlines are read in CRS84 (as the planners' edits are); a client sending another CRS is told so. */
    static void requireCrs84(String crs) {
        if (crs != null && !crs.isBlank() && OgcCrs.parse(OgcController.CONTENT_CRS, crs.strip().replaceAll("^<|>$", ""))
                != OgcCrs.CRS84) {
            throw new BadRequestException("Content-Crs：本服务只接受 CRS84 经纬度坐标的要素。Content-Crs: features are "
                    + "accepted in CRS84 (longitude/latitude) only, got " + Excerpt.of(crs) + ".");
        }
    }
}
