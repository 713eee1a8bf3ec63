package com.landrenew.ogc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parcel feature as a GIS client writes it (Part 4: a GeoJSON Feature for POST and PUT, a JSON merge
 * patch of one for PATCH), in the property names the parcels collection reads out, turned into the
 * planners' edit (parcel/ParcelEditor's field names). The derived properties (area, idle, the holder's
 * name) are read only: QGIS sends a whole record back, so they are passed over; zone and code name the
 * parcel and cannot change; state is not an attribute but a move in the ledger.
 */
record ParcelFeatureInput(String zone, String code, String state, JsonNode geometry, ObjectNode fields) {

    /** The collection's writable property names and the edit's names for them. */
    static final Map<String, String> EDITABLE = editable();

    /** Properties computed from others: ignored when a client sends them back. */
    static final Set<String> DERIVED = Set.of("idle", "area_m2", "area_mu", "area_ha", "enterprise_name");

    private static Map<String, String> editable() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("land_use", "landUse");
        names.put("block", "block");
        names.put("enterprise", "enterpriseCreditCode");
        names.put("lease_start", "leaseStart");
        names.put("lease_end", "leaseEnd");
        names.put("construction_due", "constructionDue");
        names.put("far_min", "farMin");
        names.put("far_max", "farMax");
        names.put("height_limit_m", "heightLimitM");
        return Map.copyOf(names);
    }

    /** Reads a GeoJSON Feature (POST, PUT) or a merge patch of one (PATCH: only what it names changes). */
    static ParcelFeatureInput read(JsonNode body, boolean patch) {
        ObjectNode properties = FeatureBody.properties(body, patch);
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        String zone = null;
        String code = null;
        String state = null;
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            String name = p.getKey();
            JsonNode value = p.getValue();
            switch (name) {
                case "zone" -> zone = FeatureBody.text(name, value);
                case "code" -> code = FeatureBody.text(name, value);
                case "state" -> state = FeatureBody.text(name, value);
                default -> {
                    if (EDITABLE.containsKey(name)) {
                        fields.set(EDITABLE.get(name), value);
                    } else if (!DERIVED.contains(name)) {
                        throw new BadRequestException("宗地没有属性 '" + Excerpt.of(name) + "'；可写属性：zone、code、state、"
                                + String.join("、", EDITABLE.keySet()) + "。Parcels have no property '" + Excerpt.of(name)
                                + "'; writable: zone, code, state, " + String.join(", ", EDITABLE.keySet()) + ".");
                    }
                }
            }
        }
        if (!patch) {
            // a replacement: what it leaves out is cleared (land_use then answers that it is required)
            EDITABLE.values().forEach(field -> {
                if (!fields.has(field)) {
                    fields.putNull(field);
                }
            });
        }
        JsonNode geometry = body.get("geometry");
        if (geometry != null && geometry.isNull() || !patch && geometry == null) {
            throw new BadRequestException("geometry 必填：宗地须有界址（CRS84 经纬度的 GeoJSON Polygon 或 MultiPolygon）。"
                    + "geometry is required: a parcel has an outline (a GeoJSON Polygon or MultiPolygon in CRS84).");
        }
        if (geometry != null) {
            fields.set("geometry", geometry);
        }
        return new ParcelFeatureInput(zone, code, state, geometry, fields);
    }

    /** Zone and code, when sent with an edit, must be the parcel's own: they name it and never change. */
    void requireNames(String currentZone, String currentCode) {
        if (zone != null && !zone.equals(currentZone) || code != null && !code.equals(currentCode)) {
            throw new BadRequestException("zone 和 code 标识宗地，不能修改（" + currentZone + "/" + currentCode + "）。"
                    + "zone and code name the parcel and cannot be changed (it is " + currentZone + "/" + currentCode
                    + "); a new parcel is a POST, a change of the land a split or merge.");
        }
    }
}
