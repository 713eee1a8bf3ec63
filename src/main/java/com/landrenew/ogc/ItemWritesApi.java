package com.landrenew.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.security.Role;
import com.landrenew.security.Viewer;

/**
 * The Part 4 operations in the OpenAPI document, for those who may make them: parcels for planners
 * (ParcelItemController), zones and blocks for planners and admins (ZoneItemController), as
 * security/SecurityConfig lets them.
 */
final class ItemWritesApi {

    /** What the document says of one writable collection. */
    private record Writable(String collection, String create, String replace, String update, String delete, String who,
            String conflict, String tag) {
    }

    private static final Writable PARCELS = new Writable(FeatureTags.PARCELS,
            "create a parcel: a GeoJSON Feature with zone, code, land_use (state: in_use unless given) in CRS84",
            "replace a parcel's attributes and outline (state through a legal transition)",
            "update a parcel: a JSON merge patch of its properties and/or geometry",
            "retire a parcel (kept as history with its ledger and lineage)", "not a planner",
            "an illegal state change, a retired parcel, a code taken", "the ETag (parcel version) the feature was read at");

    private static final Writable ZONES = new Writable(FeatureTags.ZONES,
            "create a zone: a GeoJSON Feature with code, name (admin_code optional) and its boundary in CRS84",
            "replace a zone's name, admin_code and boundary (its blocks and parcels must stay inside)",
            "update a zone: a JSON merge patch of name, admin_code and/or geometry",
            "remove a zone that has no blocks and no parcels (nothing with history is removed)", "not a planner or admin",
            "a code taken, or a zone with history (blocks, parcels) that cannot be removed",
            "the ETag the feature was read at");

    private static final Writable BLOCKS = new Writable(FeatureTags.BLOCKS,
            "create a block: a GeoJSON Feature with zone, code, name and its boundary (inside the zone) in CRS84",
            "replace a block's name and boundary (parcels are placed in blocks again by location)",
            "update a block: a JSON merge patch of name and/or geometry",
            "remove a block no parcel or renewal project names (nothing with history is removed)", "not a planner or admin",
            "a code taken, or a block with history (parcels, projects) that cannot be removed",
            "the ETag the feature was read at");

    private ItemWritesApi() {
    }

    static void addWrites(Map<String, Object> api, Viewer viewer) {
        if (viewer.role() == Role.PLANNER) {
            add(api, PARCELS);
        }
        if (viewer.role() == Role.PLANNER || viewer.role() == Role.ADMIN) {
            add(api, ZONES);
            add(api, BLOCKS);
        }
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> api, Writable w) {
        Map<String, Object> paths = (Map<String, Object>) api.get("paths");
        String items = "/collections/" + w.collection() + "/items";
        Map<String, Object> ifMatch = header("If-Match", w.tag(), true);
        Map<String, Object> contentCrs = header("Content-Crs", "CRS of the body: CRS84 only", false);
        Map<String, Object> fid = new LinkedHashMap<>();
        fid.put("name", "featureId");
        fid.put("in", "path");
        fid.put("required", true);
        fid.put("schema", Map.of("type", "integer"));

        Map<String, Object> collection = new LinkedHashMap<>((Map<String, Object>) paths.get(items));
        collection.put("post", operation(w, w.create(), "application/geo+json", List.of(contentCrs), "201",
                "created: Location and ETag"));
        paths.put(items, collection);

        Map<String, Object> feature = new LinkedHashMap<>((Map<String, Object>) paths.get(items + "/{featureId}"));
        feature.put("put", operation(w, w.replace(), "application/geo+json", List.of(fid, ifMatch, contentCrs), "200",
                "replaced; the new ETag"));
        feature.put("patch", operation(w, w.update(), "application/merge-patch+json", List.of(fid, ifMatch, contentCrs),
                "200", "updated; the new ETag"));
        feature.put("delete", operation(w, w.delete(), null, List.of(fid, ifMatch), "204", "done"));
        paths.put(items + "/{featureId}", feature);
    }

    private static Map<String, Object> operation(Writable w, String summary, String bodyType,
            List<Map<String, Object>> parameters, String status, String done) {
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
        responses.put("403", Map.of("description", w.who()));
        responses.put("409", Map.of("description", w.conflict()));
        responses.put("412", Map.of("description", "If-Match names a version the feature has moved on from"));
        responses.put("422", Map.of("description", "the outline breaks a rule (outside its zone, overlap, invalid)"));
        responses.put("428", Map.of("description", "If-Match is missing"));
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> header(String name, String description, boolean required) {
        return Map.of("name", name, "in", "header", "required", required, "description", description,
                "schema", Map.of("type", "string"));
    }
}
