package com.landrenew.ogc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.ogc.cql.Cql2Parser;

/**
 * The API definition (OpenAPI 3.0) the landing page links as service-desc: every path, and for each
 * collection the query parameters its items take, so that clients learn the limits (GDAL reads the
 * largest page size from it) and the attribute filters.
 */
final class OpenApiDocument {

    private OpenApiDocument() {
    }

    /** The document for one reader: only the collections they may read. */
    static Map<String, Object> of(String base, List<OgcCollection> collections) {
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", get("landing page", List.of(format())));
        paths.put("/conformance", get("conformance classes", List.of(format())));
        paths.put("/collections", get("the feature collections", List.of(format())));
        for (OgcCollection c : collections) {
            paths.put("/collections/" + c.id(), get("the collection " + c.id(), List.of(format())));
            List<Map<String, Object>> parameters = new ArrayList<>();
            parameters.add(query("bbox", "minx,miny,maxx,maxy in bbox-crs (CRS84 by default)", Map.of("type", "array",
                    "minItems", 4, "maxItems", 6, "items", Map.of("type", "number")), "form", false));
            parameters.add(query("bbox-crs", "CRS of the bbox", Map.of("type", "string", "format", "uri",
                    "enum", OgcCrs.uris()), null, null));
            parameters.add(query("crs", "CRS of the answer", Map.of("type", "string", "format", "uri",
                    "enum", OgcCrs.uris()), null, null));
            parameters.add(query("limit", "features per page", Map.of("type", "integer", "minimum", 1,
                    "maximum", ItemsQuery.MAX_LIMIT, "default", ItemsQuery.DEFAULT_LIMIT), null, null));
            parameters.add(query("offset", "features to skip", Map.of("type", "integer", "minimum", 0,
                    "default", 0), null, null));
            if (c.temporal() != null) {
                parameters.add(query("datetime", c.temporal().description(), Map.of("type", "string"), null, null));
            }
            c.filters().forEach((name, filter) -> parameters.add(query(name, filter.description(),
                    Map.of("type", filter.isBoolean() ? "boolean" : "string"), null, null)));
            // Part 3: GDAL and QGIS offer filtering when filter-lang lists a language they write
            parameters.add(query("filter", "a CQL2 filter on the queryables (/collections/" + c.id() + "/queryables)",
                    Map.of("type", "string"), null, null));
            parameters.add(query("filter-lang", "the filter's language", Map.of("type", "string",
                    "enum", Cql2Parser.LANGUAGES, "default", "cql2-text"), null, null));
            parameters.add(query("filter-crs", "CRS of the filter's geometries", Map.of("type", "string", "format", "uri",
                    "enum", OgcFilter.crsUris(), "default", OgcCrs.CRS84.uri()), null, null));
            parameters.add(format());
            paths.put("/collections/" + c.id() + "/items", get("the features of " + c.id(), parameters));
            paths.put("/collections/" + c.id() + "/queryables", get("the properties a filter on " + c.id()
                    + " may name (JSON Schema)", List.of()));
            Map<String, Object> fid = new LinkedHashMap<>();
            fid.put("name", "featureId");
            fid.put("in", "path");
            fid.put("required", true);
            fid.put("schema", Map.of("type", "integer"));
            paths.put("/collections/" + c.id() + "/items/{featureId}", get("one feature of " + c.id(),
                    List.of(fid, parameters.get(2), format())));
        }
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("openapi", "3.0.3");
        api.put("info", Map.of("title", "LandRenew OGC API - Features", "version", "1.0.0"));
        api.put("servers", List.of(Map.of("url", base)));
        api.put("paths", paths);
        return api;
    }

    private static Map<String, Object> get(String summary, List<Map<String, Object>> parameters) {
        return Map.of("get", Map.of("summary", summary, "parameters", parameters,
                "responses", Map.of("200", Map.of("description", summary), "400", Map.of("description",
                        "a bad parameter, named in the problem's detail"), "404", Map.of("description", "not found"))));
    }

    private static Map<String, Object> format() {
        return query("f", "json or html", Map.of("type", "string", "enum", List.of("json", "html")), null, null);
    }

    private static Map<String, Object> query(String name, String description, Map<String, Object> schema, String style,
            Boolean explode) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", "query");
        p.put("required", false);
        p.put("description", description);
        p.put("schema", schema);
        if (style != null) {
            p.put("style", style);
            p.put("explode", explode);
        }
        return p;
    }
}
