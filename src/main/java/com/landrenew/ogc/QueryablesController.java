package com.landrenew.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.ogc.cql.Queryable;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /ogc/collections/{id}/queryables} (OGC API - Features Part 3): the properties a filter may name,
 * as a JSON Schema. It lies under the collection's path, so only those who may read the collection get
 * it (security/SecurityConfig, from the layer list), and it lists what the collection's features carry
 * for them.
 */
@RestController
@RequestMapping("/ogc/collections/{id}/queryables")
class QueryablesController {

    static final MediaType SCHEMA = MediaType.parseMediaType("application/schema+json");

    private final JsonMapper json;

    QueryablesController(JsonMapper json) {
        this.json = json;
    }

    @GetMapping
    ResponseEntity<String> queryables(@PathVariable String id,
            @RequestHeader(value = "Accept", required = false) String accept) {
        OgcCollection collection = OgcCollection.byId(id).orElseThrow(() -> new NotFoundException(
                "没有集合 '" + Excerpt.of(id) + "'。no collection '" + Excerpt.of(id) + "'"));
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Queryable q : OgcFilter.queryables(collection)) {
            properties.put(q.name(), schema(q));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        body.put("$id", ServletUriComponentsBuilder.fromCurrentRequest().replaceQuery(null).build().toUriString());
        body.put("type", "object");
        body.put("title", collection.title());
        body.put("properties", properties);
        body.put("additionalProperties", false);
        // GDAL 3.6 asks for GeoJSON or JSON, refuses any other type and reads the 2020 draft's list of
        // {"id": name}, not the schema's properties (without it, GDAL filters all but the items' own
        // parameters itself, after reading every feature): a client asking for plain JSON gets both
        boolean schema = accept == null || accept.contains("schema+json") || !accept.contains("json");
        if (!schema) {
            body.put("queryables", properties.keySet().stream().map(name -> Map.of("id", name)).toList());
        }
        return ResponseEntity.ok().contentType(schema ? SCHEMA : MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body));
    }

    private static Map<String, Object> schema(Queryable q) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("title", q.name());
        schema.put("description", q.description());
        switch (q.type()) {
            case STRING -> schema.put("type", "string");
            case NUMBER -> schema.put("type", "number");
            case INTEGER -> schema.put("type", "integer");
            case BOOLEAN -> schema.put("type", "boolean");
            case DATE -> {
                schema.put("type", "string");
                schema.put("format", "date");
            }
            case GEOMETRY -> schema.put("format", "geometry-any");
        }
        return schema;
    }

    static List<Map<String, Object>> links(String base, String collection) {
        String href = base + "/collections/" + collection + "/queryables";
        return List.of(OgcController.link(href, "http://www.opengis.net/def/rel/ogc/1.0/queryables", SCHEMA.toString(),
                        "the properties a filter may name"),
                OgcController.link(href, "queryables", MediaType.APPLICATION_JSON_VALUE, "the properties a filter may name"));
    }
}
