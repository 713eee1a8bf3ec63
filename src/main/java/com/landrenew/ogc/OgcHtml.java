package com.landrenew.ogc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The OGC API's pages for people: the same content as the JSON, as plain HTML tables and links. */
final class OgcHtml {

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private static final String STYLE = """
            body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",system-ui,sans-serif;margin:24px;color:#1c2733}
            h1{color:#1a3a6b;font-size:22px}h2{font-size:16px;color:#1a3a6b;margin-top:22px}
            table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #dde3ea;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f4f7fb}a{color:#2f6fd0}.muted{color:#8392a1}nav a{margin-right:14px}code{font-size:12px}
            """;

    private OgcHtml() {
    }

    static ResponseEntity<String> landing(Map<String, Object> landing) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> links = (List<Map<String, Object>>) landing.get("links");
        StringBuilder body = new StringBuilder("<p>" + esc(landing.get("description")) + "</p><ul>");
        for (Map<String, Object> link : links) {
            if (!String.valueOf(link.get("rel")).startsWith("http")) {
                body.append("<li><a href=\"").append(esc(htmlHref(link))).append("\">").append(esc(link.get("title")))
                        .append("</a> <span class=\"muted\">").append(esc(link.get("rel"))).append("</span></li>");
            }
        }
        return page(String.valueOf(landing.get("title")), body.append("</ul>").toString());
    }

    static ResponseEntity<String> conformance(List<String> classes) {
        StringBuilder body = new StringBuilder("<ul>");
        classes.forEach(c -> body.append("<li><code>").append(esc(c)).append("</code></li>"));
        return page("Conformance", body.append("</ul>").toString());
    }

    static ResponseEntity<String> collections(List<Map<String, Object>> collections) {
        StringBuilder body = new StringBuilder("<table><tr><th>id</th><th>title</th><th>description</th><th></th></tr>");
        for (Map<String, Object> c : collections) {
            String id = String.valueOf(c.get("id"));
            body.append("<tr><td><a href=\"collections/").append(esc(id)).append("?f=html\">").append(esc(id))
                    .append("</a></td><td>").append(esc(c.get("title"))).append("</td><td>")
                    .append(esc(c.get("description"))).append("</td><td><a href=\"collections/").append(esc(id))
                    .append("/items?f=html\">items</a></td></tr>");
        }
        return page("Collections", body.append("</table>").toString());
    }

    static ResponseEntity<String> collection(Map<String, Object> c) {
        String id = String.valueOf(c.get("id"));
        StringBuilder body = new StringBuilder("<p>" + esc(c.get("description")) + "</p>");
        body.append("<p><a href=\"").append(esc(id)).append("/items?f=html\">Items 要素</a> · <a href=\"")
                .append(esc(id)).append("/items?f=json\">GeoJSON</a></p>");
        body.append("<h2>Filters 筛选</h2><table>");
        ((Map<?, ?>) c.get("filters")).forEach((name, description) -> body.append("<tr><th><code>").append(esc(name))
                .append("</code></th><td>").append(esc(description)).append("</td></tr>"));
        body.append("</table><h2>Extent 范围</h2><pre>").append(esc(c.get("extent"))).append("</pre>");
        body.append("<h2>CRS 坐标系</h2><ul>");
        ((List<?>) c.get("crs")).forEach(crs -> body.append("<li><code>").append(esc(crs)).append("</code></li>"));
        return page(String.valueOf(c.get("title")), body.append("</ul>").toString());
    }

    static ResponseEntity<String> items(OgcCollection collection, OgcRepository.Page page, ItemsQuery query,
            List<Map<String, Object>> links, JsonMapper json) {
        JsonNode features = json.readTree(page.features());
        Set<String> columns = new LinkedHashSet<>();
        features.forEach(f -> f.path("properties").propertyNames().forEach(columns::add));
        StringBuilder body = new StringBuilder("<p>").append(page.matched()).append(" matched · ")
                .append(page.returned()).append(" returned");
        if (query.cursor() == null) {   // after a cursor the position is not counted
            body.append(" · from ").append(query.offset() + (page.returned() > 0 ? 1 : 0));
        }
        body.append("</p><nav>");
        for (Map<String, Object> link : links) {
            String rel = String.valueOf(link.get("rel"));
            if (List.of("prev", "next", "alternate", "collection").contains(rel)) {
                body.append("<a rel=\"").append(esc(rel)).append("\" href=\"").append(esc(link.get("href"))).append("\">")
                        .append(esc(link.get("title"))).append("</a>");
            }
        }
        body.append("</nav><table><tr><th>id</th>");
        columns.forEach(c -> body.append("<th>").append(esc(c)).append("</th>"));
        body.append("</tr>");
        for (JsonNode f : features) {
            String id = f.path("id").asString();
            body.append("<tr><td><a href=\"items/").append(esc(id)).append("?f=html\">").append(esc(id)).append("</a></td>");
            for (String c : columns) {
                JsonNode v = f.path("properties").path(c);
                body.append("<td>").append(v.isNull() || v.isMissingNode() ? "" : esc(v.asString())).append("</td>");
            }
            body.append("</tr>");
        }
        return page(collection.title(), body.append("</table>").toString());
    }

    static ResponseEntity<String> item(OgcCollection collection, String fid, String feature,
            List<Map<String, Object>> links, JsonMapper json) {
        JsonNode f = json.readTree(feature);
        StringBuilder body = new StringBuilder("<nav>");
        for (Map<String, Object> link : links) {
            if (!"self".equals(link.get("rel"))) {
                body.append("<a href=\"").append(esc(link.get("href"))).append("\">").append(esc(link.get("title")))
                        .append("</a>");
            }
        }
        body.append("</nav><table>");
        List<String> names = new ArrayList<>();
        f.path("properties").propertyNames().forEach(names::add);
        for (String name : names) {
            JsonNode v = f.path("properties").path(name);
            body.append("<tr><th>").append(esc(name)).append("</th><td>")
                    .append(v.isNull() ? "" : esc(v.asString())).append("</td></tr>");
        }
        body.append("<tr><th>geometry</th><td>").append(esc(f.path("geometry").path("type").asString()))
                .append("</td></tr></table>");
        return page(collection.title() + " " + fid, body.toString());
    }

    private static String htmlHref(Map<String, Object> link) {
        String href = String.valueOf(link.get("href"));
        return "application/json".equals(link.get("type")) && !"self".equals(link.get("rel"))
                ? href + (href.contains("?") ? "&" : "?") + "f=html" : href;
    }

    private static ResponseEntity<String> page(String title, String body) {
        String html = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>" + STYLE + "</style></head><body><nav><a href=\"" + "/ogc?f=html\">LandRenew OGC API</a>"
                + "<a href=\"/ogc/collections?f=html\">Collections</a></nav><h1>" + esc(title) + "</h1>" + body
                + "</body></html>";
        return ResponseEntity.ok().contentType(HTML).body(html);
    }

    static String esc(Object text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
