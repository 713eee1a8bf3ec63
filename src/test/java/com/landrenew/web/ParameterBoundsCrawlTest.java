package com.landrenew.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every parameter of every endpoint, read from Spring's own mapping table (so a new endpoint is crawled
 * too), sent with what PostgreSQL or a parser cannot take: a NUL character (%00), a value of 1,001
 * characters, 1e400 for numbers; and every JSON body with a NUL string, 1e400 and an over-long string.
 * Each answer is a 400 problem naming the parameter, never a 500. Nothing here reaches a stored row.
 * Zone "bnd12-num", on a test area of its own, holds the one parcel edited, BND-N1.
 */
@LandRenewTest
class ParameterBoundsCrawlTest {

    /** Parameters read as a map (the finder's, the OGC items' filters), which no annotation names. */
    static final Map<String, List<String>> MAP_PARAMETERS = Map.of(
            "/api/finder", List.of("minMu", "maxMu", "use", "zone", "block", "readyBy", "near", "maxDistance",
                    "investment", "tax", "far", "energy", "emission", "maxRoad", "combine", "limit"),
            "/ogc/collections/parcels/items", List.of("f", "bbox", "bbox-crs", "crs", "limit", "offset", "datetime",
                    "zone", "block", "code", "state", "land_use", "idle"),
            "/ogc/collections/available-land/items", List.of("zone", "block", "code", "land_use"),
            "/ogc/collections/buildings/items", List.of("zone", "parcel"),
            "/ogc/collections/blocks/items", List.of("zone", "code"),
            "/ogc/collections/zones/items", List.of("code"));

    static final TestAreas.Area AREA = TestAreas.claim("bnd12-num", 1, 1);

    static final Set<Class<?>> NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class, double.class,
            Double.class);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")   // the application's, not Actuator's
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcClient jdbc;

    /** Values for the parameters an endpoint requires beside the one probed. */
    static final Map<String, String> REQUIRED = Map.of("bbox", "119,30,120,31", "zone", "bnd12");

    /** A GET endpoint's path (variables filled in, other required parameters given) and one of its query parameters. */
    record Probe(String path, String parameter, Class<?> type) {

        String url(String value) {
            return path + (path.contains("?") ? "&" : "?") + parameter + "=" + value;
        }
    }

    @Test
    void aNulInAnyQueryParameterIsA400NamingIt() {
        List<Probe> probes = getParameters();
        assertThat(probes).as("the crawl reaches the parameters that answered 500")
                .contains(new Probe("/api/places", "zone", String.class), new Probe("/api/audit", "actor", String.class),
                        new Probe("/api/supply/land-bank?zone=bnd12", "block", String.class),
                        new Probe("/ogc/collections/parcels/items", "state", String.class));
        Api admin = new Api(port).as(TestUsers.ADMIN);
        for (Probe probe : probes) {
            assertNamed(admin.get(probe.url("a%00b")), probe, "参数 " + probe.parameter()
                    + " 含有 NUL 字符。Parameter " + probe.parameter() + " contains a NUL character.");
        }
        Api.Response inName = admin.get("/api/places?zo%00ne=x");
        assertThat(inName.status()).isEqualTo(400);
        assertThat(inName.json().path("detail").asString()).as("refused by the firewall, said why").contains("zo\\u0000ne");
    }

    @Test
    void aQueryParameterOverAThousandCharactersIsA400NamingIt() {
        Api admin = new Api(port).as(TestUsers.ADMIN);
        String long1001 = "a".repeat(1001);
        for (Probe probe : getParameters()) {
            assertNamed(admin.get(probe.url(long1001)), probe,
                    "Parameter " + probe.parameter() + " is too long: 1001 characters, at most 1000.");
        }
        assertThat(admin.get("/api/audit?actor=" + "a".repeat(1000)).status()).as("1000 is within the limit").isEqualTo(200);
    }

    @Test
    void numbersOutOfADoublesRangeAreA400NamingTheParameterOrField() {
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (ParameterBoundsCrawlTest.class) {
            if (!fixtures.zoneExists("bnd12-num")) {
                fixtures.zone("bnd12-num", AREA.x0(), AREA.y0(), AREA.x1(), AREA.y1());
                fixtures.parcel("bnd12-num", null, "BND-N1", AREA.x0() + 100, AREA.y0() + 100, AREA.x0() + 200,
                        AREA.y0() + 200, "100102", null);
            }
        }
        for (String number : List.of("1e400", "-1e400")) {
            Api.Response edit = new Api(port).put("/api/parcels/bnd12-num/BND-N1", "{\"version\":0,\"farMin\":" + number + "}");
            assertThat(edit.status()).as(edit.body()).isEqualTo(400);
            assertThat(edit.json().path("detail").asString()).isEqualTo("请求体字段 farMin 的数超出范围（如 1e400）。"
                    + "The request body field farMin is a number out of range (such as 1e400).");
        }
        Api admin = new Api(port).as(TestUsers.ADMIN);
        List<Probe> numeric = new ArrayList<>(getParameters().stream().filter(p -> NUMBERS.contains(p.type())).toList());
        for (String finder : List.of("minMu", "maxMu", "maxDistance", "investment", "tax", "far", "energy", "maxRoad")) {
            numeric.add(new Probe("/api/finder", finder, double.class));
        }
        assertThat(numeric).as("scene radius, limits, the finder's numbers")
                .contains(new Probe("/api/parcels/bnd12/BND-1/scene", "radius", double.class));
        for (Probe probe : numeric) {
            for (String value : List.of("1e400", "-1e400", "NaN", "Infinity")) {
                assertNamed(admin.get(probe.url(value)), probe, probe.parameter());
            }
        }
        for (String path : List.of("/api/parcels", "/api/buildings", "/api/exports/parcels", "/ogc/collections/parcels/items")) {
            for (String bbox : List.of("1e400,30,120,31", "119,-1e400,120,31", "119,30,NaN,31")) {
                assertNamed(admin.get(path + "?bbox=" + bbox), new Probe(path, "bbox", String.class), "bbox");
            }
        }
        Api.Response survey = admin.get("/ogc/collections/parcels/items?bbox=1e400,700000,3400000,800000&bbox-crs="
                + URLEncoder.encode("http://www.opengis.net/def/crs/EPSG/0/4549", StandardCharsets.UTF_8));
        assertNamed(survey, new Probe("/ogc", "bbox", String.class), "bbox");
    }

    @Test
    void everyJsonBodyWithANulStringAnOutOfRangeNumberOrAnOverLongStringIsA400NamingTheField() {
        List<String[]> bodies = jsonBodyEndpoints();
        assertThat(bodies.stream().map(b -> b[0] + " " + b[1]))
                .contains("PUT /api/parcels/bnd12/BND-1", "POST /api/parcels/merge", "POST /api/supply/plans",
                        "POST /api/users", "PUT /api/me/password", "POST /api/parcels/bnd12/BND-1/transitions");
        for (String[] endpoint : bodies) {
            Api api = endpoint[1].startsWith("/api/users") ? new Api(port).as(TestUsers.ADMIN) : new Api(port);
            String what = endpoint[0] + " " + endpoint[1];
            Api.Response nul = api.send(endpoint[0], endpoint[1], "{\"note\":{\"items\":[\"ok\",\"a\\u0000b\"]}}");
            assertThat(nul.status()).as(what + " → " + nul.body()).isEqualTo(400);
            assertThat(nul.json().path("detail").asString()).as(what).isEqualTo("请求体字段 note.items[1] 含有 NUL 字符。"
                    + "The request body field note.items[1] contains a NUL character.");
            Api.Response deep = api.send(endpoint[0], endpoint[1], "{\"site\":[[1,2],{\"name\":\"x\",\"a\\u0000\":1}]}");
            assertThat(deep.status()).as(what + " → " + deep.body()).isEqualTo(400);
            assertThat(deep.json().path("detail").asString()).as(what).startsWith("请求体字段 site[1].a\\u0000 含有 NUL 字符。");
            Api.Response huge = api.send(endpoint[0], endpoint[1], "{\"version\":0,\"number\":-1e400}");
            assertThat(huge.status()).as(what + " → " + huge.body()).isEqualTo(400);
            assertThat(huge.json().path("detail").asString()).as(what).contains("number", "1e400");
            Api.Response nan = api.send(endpoint[0], endpoint[1], "{\"version\":0,\"number\":NaN}");
            assertThat(nan.status()).as(what + " → " + nan.body()).isEqualTo(400);
            assertThat(nan.json().path("detail").asString()).as(what).contains("number", "NaN");
            Api.Response tooLong = api.send(endpoint[0], endpoint[1], "{\"text\":\"" + "字".repeat(10_001) + "\"}");
            assertThat(tooLong.status()).as(what + " → " + tooLong.body()).isEqualTo(400);
            assertThat(tooLong.json().path("detail").asString()).as(what)
                    .contains("The request body field text is too long: 10001 characters, at most 10000.");
        }
    }

    @Test
    void aNulInAnUploadsFormFieldIsA400NamingIt() {
        Api.Response upload = new Api(port).upload("/api/imports", Map.of("zone", "bnd\u000012", "dryRun", "true"),
                "bnd12.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.body()).isEqualTo(400);
        assertThat(upload.json().path("detail").asString()).isEqualTo("参数 zone 含有 NUL 字符。Parameter zone contains a NUL character.");
    }

    private static void assertNamed(Api.Response response, Probe probe, String detail) {
        String what = probe.path() + " " + probe.parameter() + " → " + response.body();
        assertThat(response.status()).as(what).isEqualTo(400);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).as(what).contains(detail);
    }

    /** Every query parameter of every GET endpoint, its path variables filled in. */
    private List<Probe> getParameters() {
        List<Probe> probes = new ArrayList<>();
        MAP_PARAMETERS.forEach((path, names) -> names.forEach(name -> probes.add(new Probe(path, name, String.class))));
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue;
                }
                for (MethodParameter parameter : mapping.getValue().getMethodParameters()) {
                    RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
                    Class<?> type = parameter.getParameterType();
                    if (type.isRecord() && parameter.getParameterAnnotations().length == 0) {
                        // Query parameters bound to a record's components (e.g. TallyParams)
                        for (RecordComponent component : type.getRecordComponents()) {
                            probes.add(new Probe(filled(pattern), component.getName(), component.getType()));
                        }
                        continue;
                    }
                    if (annotation == null || Map.class.isAssignableFrom(type) || MultiValueMap.class.isAssignableFrom(type)) {
                        continue;
                    }
                    String name = name(parameter, annotation);
                    String others = List.of(mapping.getValue().getMethodParameters()).stream()
                            .filter(p -> p.hasParameterAnnotation(RequestParam.class)
                                    && p.getParameterAnnotation(RequestParam.class).required()
                                    && p.getParameterAnnotation(RequestParam.class).defaultValue().equals(ValueConstants.DEFAULT_NONE)
                                    && REQUIRED.containsKey(name(p, p.getParameterAnnotation(RequestParam.class)))
                                    && !name(p, p.getParameterAnnotation(RequestParam.class)).equals(name))
                            .map(p -> name(p, p.getParameterAnnotation(RequestParam.class)))
                            .map(n -> n + "=" + REQUIRED.get(n)).collect(Collectors.joining("&"));
                    probes.add(new Probe(filled(pattern) + (others.isEmpty() ? "" : "?" + others), name, type));
                }
            }
        }
        return probes.stream().distinct().toList();
    }

    private static String name(MethodParameter parameter, RequestParam annotation) {
        parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
        return annotation.name().isEmpty() ? parameter.getParameterName() : annotation.name();
    }

    /** Method and path of every endpoint that reads a JSON body. */
    private List<String[]> jsonBodyEndpoints() {
        List<String[]> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            boolean readsBody = List.of(mapping.getValue().getMethodParameters()).stream()
                    .anyMatch(p -> p.hasParameterAnnotation(RequestBody.class)
                            && !MultipartFile.class.isAssignableFrom(p.getParameterType()));
            if (!readsBody) {
                continue;
            }
            for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
                for (String pattern : mapping.getKey().getPatternValues()) {
                    endpoints.add(new String[] {method.name(), filled(pattern)});
                }
            }
        }
        return endpoints;
    }

    /** A path pattern with its variables set to values of this test's area (zone bnd12). */
    private static String filled(String pattern) {
        // a variable with a pattern (ogc/ZoneItemController's {collection:zones|blocks}) takes its first value
        return pattern.replaceAll("\\{collection:[^}]*}", "zones")
                .replace("{zone}", "bnd12").replace("{code}", "BND-1").replace("{layer}", "parcels")
                .replace("{z}", "15").replace("{x}", "27200").replace("{y}", "13400")
                .replace("{id}", pattern.startsWith("/ogc") ? "parcels" : "1").replace("{fid}", "1")
                .replace("{seq}", "1").replace("{username}", TestUsers.AUDITOR).replace("{block}", "bnd-block")
                .replace("{year}", "2025").replace("{creditCode}", "91330523999999999A");
    }
}
