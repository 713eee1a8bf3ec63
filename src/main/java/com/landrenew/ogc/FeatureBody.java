package com.landrenew.ogc;

import java.util.List;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GeoJSON Feature a Part 4 request carries (POST and PUT: a whole Feature; PATCH: a JSON merge patch of
 * one), checked as a Feature before a collection reads its properties: only the members a Feature has, type
 * "Feature" (required unless patching), properties a JSON object.
 */
final class FeatureBody {

    private static final List<String> MEMBERS = List.of("type", "id", "geometry", "properties", "links", "bbox");

    private FeatureBody() {
    }

    /** The feature's properties (empty when it has none), once the body is a Feature or a patch of one. */
    static ObjectNode properties(JsonNode body, boolean patch) {
        if (body == null || !body.isObject()) {
            throw new BadRequestException("请求体须为 GeoJSON 要素（Feature）" + (patch ? "的 JSON 合并补丁" : "") + "。"
                    + "The body must be " + (patch ? "a JSON merge patch of " : "") + "a GeoJSON Feature.");
        }
        for (String member : body.propertyNames()) {
            if (!MEMBERS.contains(member)) {
                throw new BadRequestException("要素的成员 '" + Excerpt.of(member) + "' 未知。Unknown member '"
                        + Excerpt.of(member) + "' of the feature: give type, geometry and properties.");
            }
        }
        JsonNode type = body.get("type");
        if (type != null && !(type.isString() && type.asString().equals("Feature"))) {
            throw new BadRequestException("type 须为 \"Feature\"。type must be \"Feature\", got " + Excerpt.of(type.toString()) + ".");
        }
        if (!patch && type == null) {
            throw new BadRequestException("type 必填，须为 \"Feature\"。type is required and must be \"Feature\".");
        }
        JsonNode properties = body.get("properties");
        if (properties != null && !properties.isNull() && !properties.isObject()) {
            throw new BadRequestException("properties 须为 JSON 对象。properties must be a JSON object.");
        }
        return properties != null && properties.isObject() ? (ObjectNode) properties : JsonNodeFactory.instance.objectNode();
    }

    /** A text property; null stays null (the caller says whether it may be). */
    static String text(String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw new BadRequestException(name + " 须为非空文字。" + name + " must be non-empty text, got "
                    + Excerpt.of(value.toString()) + ".");
        }
        return value.asString().strip();
    }
}
