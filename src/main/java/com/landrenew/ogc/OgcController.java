package com.landrenew.ogc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.geo.Bbox;
import com.landrenew.layer.MapExtent;
import com.landrenew.layer.MapLayers;
import com.landrenew.security.OpenReads;
import com.landrenew.security.Viewer;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * OGC API - Features, Part 1 Core with GeoJSON and HTML, and Part 2 (coordinate reference systems by
 * reference) under {@code /ogc}, so that GIS clients (QGIS, GDAL/ogrinfo, ArcGIS) read the zones,
 * blocks, parcels and buildings directly. JSON unless {@code f=html} or the client prefers HTML.
 */
@RestController
@RequestMapping("/ogc")
class OgcController {

    static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");
    static final MediaType OPENAPI = MediaType.parseMediaType("application/vnd.oai.openapi+json;version=3.0");
    static final String CONTENT_CRS = "Content-Crs";

    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            // Part 3 and CQL2, ogc/OgcFilter and ogc/cql
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
            // Part 4 on parcels for planners (ParcelItemController), zones and blocks for planners and admins (ZoneItemController)
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags");

    private final OgcRepository features;
    private final MapExtent extent;
    private final JsonMapper json;
    private final FeatureTags tags;

    OgcController(OgcRepository features, MapExtent extent, JsonMapper json, FeatureTags tags) {
        this.features = features;
        this.extent = extent;
        this.json = json;
        this.tags = tags;
    }

    @GetMapping({"", "/"})
    ResponseEntity<String> landing(@RequestParam(required = false) String f,
            @RequestHeader(value = "Accept", required = false) String accept) {
        String base = base();
        List<Map<String, Object>> links = List.of(
                link(base + "?f=json", "self", "application/json", "this document"),
                link(base + "?f=html", "alternate", "text/html", "this document as HTML"),
                link(base + "/api", "service-desc", OPENAPI.toString(), "the API definition (OpenAPI 3.0)"),
                link(base + "/api", "http://www.opengis.net/def/rel/ogc/1.0/service-desc", OPENAPI.toString(),
                        "the API definition (OpenAPI 3.0)"),
                link(base + "/conformance", "conformance", "application/json", "conformance classes"),
                link(base + "/conformance", "http://www.opengis.net/def/rel/ogc/1.0/conformance", "application/json",
                        "conformance classes"),
                link(base + "/collections", "data", "application/json", "the feature collections"),
                link(base + "/collections", "http://www.opengis.net/def/rel/ogc/1.0/data", "application/json",
                        "the feature collections"));
        Map<String, Object> landing = new LinkedHashMap<>();
        landing.put("title", "LandRenew 土地更新");
        landing.put("description", "Zones, blocks, parcels and buildings of LandRenew, the GIS for renewing and "
                + "allocating industrial land, as OGC API - Features.");
        landing.put("links", links);
        return html(f, accept) ? OgcHtml.landing(landing) : json(landing, MediaType.APPLICATION_JSON);
    }

    @GetMapping("/conformance")
    ResponseEntity<String> conformance(@RequestParam(required = false) String f,
            @RequestHeader(value = "Accept", required = false) String accept) {
        Map<String, Object> body = Map.of("conformsTo", CONFORMANCE);
        return html(f, accept) ? OgcHtml.conformance(CONFORMANCE) : json(body, MediaType.APPLICATION_JSON);
    }

    @GetMapping("/api")
    ResponseEntity<String> api() {
        Map<String, Object> api = OpenApiDocument.of(base(), OgcCollection.readableBy(Viewer.current()));
        ItemWritesApi.addWrites(api, Viewer.current());
        return json(api, OPENAPI);
    }

    @GetMapping("/collections")
    ResponseEntity<String> collections(@RequestParam(required = false) String f,
            @RequestHeader(value = "Accept", required = false) String accept) {
        String base = base();
        Bbox zones = extent.lonLat().orElse(null);
        List<Map<String, Object>> collections = new ArrayList<>();
        for (OgcCollection collection : OgcCollection.readableBy(Viewer.current())) {
            collections.add(describe(collection, base, zones));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("links", List.of(link(base + "/collections?f=json", "self", "application/json", "this document"),
                link(base + "/collections?f=html", "alternate", "text/html", "this document as HTML")));
        body.put("collections", collections);
        body.put("crs", OgcCrs.uris());
        return html(f, accept) ? OgcHtml.collections(collections) : json(body, MediaType.APPLICATION_JSON);
    }

    @GetMapping("/collections/{id}")
    ResponseEntity<String> collection(@PathVariable String id, @RequestParam(required = false) String f,
            @RequestHeader(value = "Accept", required = false) String accept) {
        Map<String, Object> body = describe(collection(id), base(), extent.lonLat().orElse(null));
        return html(f, accept) ? OgcHtml.collection(body) : json(body, MediaType.APPLICATION_JSON);
    }

    @GetMapping("/collections/{id}/items")
    ResponseEntity<String> items(@PathVariable String id, @RequestParam Map<String, String> params,
            @RequestHeader(value = "Accept", required = false) String accept) {
        OgcCollection collection = collection(id);
        boolean html = html(params.get("f"), accept);
        ItemsQuery query = ItemsQuery.parse(collection, params);
        OgcRepository.Page page = features.items(collection, query, Viewer.current());

        List<Map<String, Object>> links = new ArrayList<>();
        String type = html ? "text/html" : GEOJSON.toString();
        links.add(link(current(null, null), "self", type, "this page"));
        links.add(link(current("f", html ? "json" : "html"), "alternate", html ? GEOJSON.toString() : "text/html",
                html ? "this page as GeoJSON" : "this page as HTML"));
        if (page.more()) {
            // keyset: the next page starts after this page's last id, not at a count that shifts when
            // features are added or retired; a client following next links reads the collection through,
            // so its GeoJSON pages grow to FOLLOW_LIMIT (GDAL 3.6 asks 10 a page and cannot be told otherwise)
            int nextLimit = html ? query.limit() : Math.max(query.limit(), ItemsQuery.FOLLOW_LIMIT);
            ServletUriComponentsBuilder next = ServletUriComponentsBuilder.fromCurrentRequest();
            next.replaceQueryParam("offset").replaceQueryParam("cursor", page.last())
                    .replaceQueryParam("limit", nextLimit);
            links.add(link(next.build().toUriString(), "next", type, "next page"));
        }
        if (query.offset() > 0) {
            links.add(link(current("offset", String.valueOf(Math.max(0, query.offset() - query.limit()))), "prev", type,
                    "previous page"));
        }
        links.add(link(base() + "/collections/" + id, "collection", "application/json", "the collection"));

        String timeStamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (html) {
            return OgcHtml.items(collection, page, query, links, json);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "FeatureCollection");
        body.put("numberMatched", page.matched());
        body.put("numberReturned", page.returned());
        body.put("timeStamp", timeStamp);
        body.put("links", links);
        body.put("features", new RawValue(page.features()));   // PostGIS's JSON array, written as it is
        return ResponseEntity.ok().contentType(GEOJSON).header(CONTENT_CRS, "<" + query.crs().uri() + ">")
                .body(json.writeValueAsString(body));
    }

    @GetMapping("/collections/{id}/items/{fid}")
    ResponseEntity<String> item(@PathVariable String id, @PathVariable String fid,
            @RequestParam(required = false) String f, @RequestParam(required = false) String crs,
            @RequestHeader(value = "Accept", required = false) String accept) {
        OgcCollection collection = collection(id);
        boolean html = html(f, accept);
        OgcCrs outCrs = OgcCrs.parse("crs", crs);
        List<Map<String, Object>> links = List.of(
                link(current(null, null), "self", html ? "text/html" : GEOJSON.toString(), "this feature"),
                link(current("f", html ? "json" : "html"), "alternate", html ? GEOJSON.toString() : "text/html",
                        html ? "this feature as GeoJSON" : "this feature as HTML"),
                link(base() + "/collections/" + id, "collection", "application/json", "the collection"));
        String feature;
        try {
            feature = features.item(collection, Long.parseLong(fid), outCrs, json.writeValueAsString(links),
                    Viewer.current()).orElse(null);
        } catch (NumberFormatException e) {
            feature = null;
        }
        if (feature == null) {
            throw new NotFoundException("集合 " + id + " 中没有要素 '" + Excerpt.of(fid) + "'。no feature '" + Excerpt.of(fid)
                    + "' in collection " + id);
        }
        if (html) {
            return OgcHtml.item(collection, fid, feature, links, json);
        }
        return ResponseEntity.ok().contentType(GEOJSON).header(CONTENT_CRS, "<" + outCrs.uri() + ">")
                .eTag(tags.of(collection, Long.parseLong(fid), feature)).body(feature);
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, Object> describe(OgcCollection collection, String base, Bbox extent) {
        String items = base + "/collections/" + collection.id() + "/items";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", collection.id());
        body.put("title", collection.title());
        body.put("description", collection.description());
        body.put("itemType", "feature");
        Map<String, Object> extentJson = new LinkedHashMap<>();
        if (extent != null) {
            extentJson.put("spatial", Map.of("bbox", List.of(List.of(round(extent.minLon()), round(extent.minLat()),
                    round(extent.maxLon()), round(extent.maxLat()))), "crs", OgcCrs.CRS84.uri()));
        }
        if (collection.temporal() != null) {
            LocalDate[] period = features.temporalExtent(collection);
            List<String> interval = new ArrayList<>();
            interval.add(period[0] == null ? null : period[0] + "T00:00:00Z");
            interval.add(period[1] == null ? null : period[1] + "T00:00:00Z");
            extentJson.put("temporal", Map.of("interval", List.of(interval), "trs",
                    "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"));
        }
        body.put("extent", extentJson);
        body.put("crs", OgcCrs.uris());
        body.put("storageCrs", OgcCrs.SURVEY.uri());
        Map<String, String> filters = new LinkedHashMap<>();
        collection.filters().forEach((name, filter) -> filters.put(name, filter.description()));
        if (collection.temporal() != null) {
            filters.put("datetime", collection.temporal().description());
        }
        body.put("filters", filters);
        List<Map<String, Object>> links = new ArrayList<>(List.of(
                link(base + "/collections/" + collection.id(), "self", "application/json", "this collection"),
                link(base + "/collections/" + collection.id() + "?f=html", "alternate", "text/html",
                        "this collection as HTML"),
                link(items, "items", GEOJSON.toString(), "the features as GeoJSON"),
                link(items + "?f=html", "items", "text/html", "the features as HTML")));
        links.addAll(QueryablesController.links(base, collection.id()));
        body.put("links", links);
        return body;
    }

    /** Each layer's collection opens to the readers the layer list gives it (security/SecurityConfig adds them). */
    @Bean
    static OpenReads collectionReads() {
        return MapLayers.openReads(layer -> layer.collection() != null,
                layer -> "/ogc/collections/" + layer.collection().id() + "/**");
    }

    private static OgcCollection collection(String id) {
        return OgcCollection.byId(id).orElseThrow(() -> new NotFoundException(noCollection(id)));
    }

    /** The 404 detail for an unknown collection, naming those the viewer may read. */
    static String noCollection(String id) {
        String readable = String.join(", ", OgcCollection.readableBy(Viewer.current()).stream().map(OgcCollection::id).toList());
        return "没有集合 '" + Excerpt.of(id) + "'，可用的集合：" + readable + "。no collection '" + Excerpt.of(id)
                + "'; collections: " + readable;
    }

    /**
     * HTML when asked for by {@code f=html}, or when the Accept header rates text/html above any JSON
     * type it names (a browser); JSON otherwise, wildcards included.
     */
    private static boolean html(String f, String accept) {
        if (f != null) {
            return switch (f) {
                case "json" -> false;
                case "html" -> true;
                default -> throw new BadRequestException("参数 f 应为 json 或 html，收到 '" + Excerpt.of(f) + "'。f must be json or html, got: '"
                        + Excerpt.of(f) + "'");
            };
        }
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double html = 0;
        double json = 0;
        try {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (type.isWildcardType() || type.isWildcardSubtype()) {
                    continue;
                }
                if (type.equalsTypeAndSubtype(MediaType.TEXT_HTML)) {
                    html = Math.max(html, type.getQualityValue());
                } else if (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")) {
                    json = Math.max(json, type.getQualityValue());
                }
            }
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
        return html > json;
    }

    private ResponseEntity<String> json(Object body, MediaType type) {
        return ResponseEntity.ok().contentType(type).body(json.writeValueAsString(body));
    }

    static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("href", href);
        link.put("rel", rel);
        link.put("type", type);
        link.put("title", title);
        return link;
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/ogc").build().toUriString();
    }

    /** This request's URL with one query parameter set (none when {@code name} is null). */
    private static String current(String name, String value) {
        ServletUriComponentsBuilder url = ServletUriComponentsBuilder.fromCurrentRequest();
        if (name != null) {
            url.replaceQueryParam(name, value);
        }
        return url.build().toUriString();
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
