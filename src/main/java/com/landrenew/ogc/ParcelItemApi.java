package com.landrenew.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.security.Role;
import com.landrenew.security.Viewer;

/** The Part 4 operations on parcels in the OpenAPI document, for those who may make them (planners). */
final class ParcelItemApi {

    private ParcelItemApi() {
    }

    @SuppressWarnings("unchecked")
    static void addWrites(Map<String, Object> api, Viewer viewer) {
        if (viewer.role() != Role.PLANNER) {
            return;
        }
        Map<String, Object> paths = (Map<String, Object>) api.get("paths");
        String items = "/collections/" + FeatureTags.PARCELS + "/items";
        Map<String, Object> ifMatch = header("If-Match", "the ETag (parcel version) the feature was read at", true);
        Map<String, Object> contentCrs = header("Content-Crs", "CRS of the body: CRS84 only", false);
        Map<String, Object> fid = new LinkedHashMap<>();
        fid.put("name", "featureId");
        fid.put("in", "path");
        fid.put("required", true);
        fid.put("schema", Map.of("type", "integer"));

        Map<String, Object> collection = new LinkedHashMap<>((Map<String, Object>) paths.get(items));
        collection.put("post", operation("create a parcel: a GeoJSON Feature with zone, code, land_use (state: in_use "
                + "unless given) in CRS84", "application/geo+json", List.of(contentCrs), "201", "created: Location and ETag"));
        paths.put(items, collection);

        Map<String, Object> feature = new LinkedHashMap<>((Map<String, Object>) paths.get(items + "/{featureId}"));
        feature.put("put", operation("replace a parcel's attributes and outline (state through a legal transition)",
                "application/geo+json", List.of(fid, ifMatch, contentCrs), "200", "replaced; the new ETag"));
        feature.put("patch", operation("update a parcel: a JSON merge patch of its properties and/or geometry",
                "application/merge-patch+json", List.of(fid, ifMatch, contentCrs), "200", "updated; the new ETag"));
        feature.put("delete", operation("retire a parcel (kept as history with its ledger and lineage)", null,
                List.of(fid, ifMatch), "204", "retired"));
        paths.put(items + "/{featureId}", feature);
    }

    private static Map<String, Object> operation(String summary, String bodyType, List<Map<String, Object>> parameters,
            String status, String done) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("summary", summary);
        operation.put("parameters", parameters);
        if (bodyType != null) {
            operation.put("requestBody", Map.of("required", true, "content", Map.of(bodyType, Map.of("schema",
                    Map.of("type", "object")))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(status, Map.of("description", done));
        responses.put("400", Map.of("description", "bad input, named in the problem's detail"));
        responses.put("403", Map.of("description", "not a planner"));
        responses.put("409", Map.of("description", "an illegal state change, a retired parcel, a code taken"));
        responses.put("412", Map.of("description", "If-Match names a version the parcel has moved on from"));
        responses.put("422", Map.of("description", "the outline breaks a rule (outside the zone, overlap, invalid)"));
        responses.put("428", Map.of("description", "If-Match is missing"));
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> header(String name, String description, boolean required) {
        return Map.of("name", name, "in", "header", "required", required, "description", description,
                "schema", Map.of("type", "string"));
    }
}
