package com.landrenew.importer;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads GDAL's GeoJSON output feature by feature (Jackson's streaming parser: one feature in memory
 * at a time, never the whole file) and hands each on as the JSON PostGIS stages. What PostgreSQL
 * would choke on, or what would let a file swamp the server, is found here and reported per feature:
 * over-long text, numbers that are not finite, geometries over the vertex limit. Only the properties
 * an import uses are passed on, with short escaped excerpts ({@code shown}) for the messages.
 */
@Component
class FeatureStream {

    /** The properties a parcel import reads (docs/import-export.md); the others are checked, then dropped. */
    static final Set<String> PARCEL_PROPERTIES = Set.of("code", "land_use", "state", "block", "enterprise", "lease_start",
            "lease_end", "far_min", "far_max", "height_limit_m");
    /** The properties an import of zones or blocks reads (BoundaryImport) beside code. */
    static final Set<String> BOUNDARY_PROPERTIES = Set.of("name", "admin_code");

    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final int maxTextLength;
    private final int maxVertices;

    FeatureStream(@Value("${landrenew.import.max-text-length:200}") int maxTextLength,
            @Value("${landrenew.limits.max-vertices:20000}") int maxVertices) {
        this.maxTextLength = maxTextLength;
        this.maxVertices = maxVertices;
    }

    /**
     * Calls {@code each} with every feature of the FeatureCollection in {@code geoJson}, in file order, as
     * {@code {"properties": {...}, "shown": {...}, "geometry": ..., "refused_geometry": bool, "problems": [...]}}.
     */
    void forEach(Path geoJson, Consumer<String> each) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), geoJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw unreadable();
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String member = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("features".equals(member) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        each.accept(feature(parser));
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw unreadable();
        }
    }

    private String feature(JsonParser parser) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String geometry = null;
        boolean refusedGeometry = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String member = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("properties".equals(member) && value == JsonToken.START_OBJECT) {
                readProperties(parser, properties, problems);
            } else if ("geometry".equals(member) && value == JsonToken.START_OBJECT) {
                geometry = readGeometry(parser, problems);
                refusedGeometry = geometry == null;
            } else {
                parser.skipChildren();
            }
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(ObjectWriteContext.empty(), text)) {
            out.writeStartObject();
            out.writeName("properties");
            out.writeStartObject();
            properties.forEach((name, value) -> writeScalar(out, name, value));
            out.writeEndObject();
            out.writeName("shown");
            out.writeStartObject();
            properties.forEach((name, value) -> {
                if (value instanceof String s) {
                    out.writeStringProperty(name, Excerpt.of(s));
                }
            });
            out.writeEndObject();
            out.writeBooleanProperty("refused_geometry", refusedGeometry);
            out.writeArrayPropertyStart("problems");
            problems.forEach(out::writeString);
            out.writeEndArray();
            out.writeName("geometry");
            if (geometry == null) {
                out.writeNull();
            } else {
                out.writeRawValue(geometry);
            }
            out.writeEndObject();
        }
        return text.toString();
    }

    /** Keeps the parcel properties whose values are text, finite numbers or booleans; names the others' problems. */
    private void readProperties(JsonParser parser, Map<String, Object> kept, List<String> problems) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean used = PARCEL_PROPERTIES.contains(name) || BOUNDARY_PROPERTIES.contains(name);
            if (value == JsonToken.VALUE_STRING) {
                String text = parser.getString();
                int length = text.codePointCount(0, text.length());
                if (length > maxTextLength) {
                    problems.add("属性 " + Excerpt.of(name) + " 过长：" + length + " 个字符，上限 " + maxTextLength + "。Property "
                            + Excerpt.of(name) + " is too long: " + length + " characters, the limit is " + maxTextLength + ".");
                    text = Excerpt.of(text);
                } else if (text.indexOf('\0') >= 0) {
                    // PostgreSQL's text holds no NUL.
                    problems.add("属性 " + Excerpt.of(name) + " 含有 NUL 字符。Property " + Excerpt.of(name) + " holds a NUL character.");
                    text = Excerpt.of(text);
                }
                if (used) {
                    kept.put(name, text);
                }
            } else if (value.isNumeric()) {
                if (parser.isNaN() || !Double.isFinite(parser.getDoubleValue())) {
                    problems.add("属性 " + Excerpt.of(name) + " 不是有限数值：" + Excerpt.of(parser.getString()) + "。Property "
                            + Excerpt.of(name) + " is not a finite number: " + Excerpt.of(parser.getString()) + ".");
                } else if (used) {
                    kept.put(name, new NumberText(parser.getString()));
                }
            } else if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                if (used) {
                    kept.put(name, value == JsonToken.VALUE_TRUE);
                }
            } else {
                // null, or a list or object (GDAL's list and JSON fields): no parcel property is one.
                parser.skipChildren();
            }
        }
    }

    /**
     * The geometry object as JSON text, or null when it breaks a limit; every position is counted (-dim XY:
     * two numbers each), but only those under the limit are kept in memory.
     */
    private String readGeometry(JsonParser parser, List<String> problems) {
        StringWriter text = new StringWriter();
        long numbers = 0;
        boolean finite = true;
        try (JsonGenerator out = JSON.createGenerator(ObjectWriteContext.empty(), text)) {
            out.writeStartObject();
            int depth = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw unreadable();
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                if (token.isNumeric()) {
                    numbers++;
                    finite &= !parser.isNaN() && Double.isFinite(parser.getDoubleValue());
                }
                if (numbers / 2 <= maxVertices && finite) {
                    if (token.isNumeric()) {
                        out.writeNumber(parser.getString());
                    } else {
                        out.copyCurrentEvent(parser);
                    }
                }
            }
        }
        long vertices = numbers / 2;
        if (vertices > maxVertices) {
            problems.add("几何有 " + vertices + " 个顶点，上限 " + maxVertices + "。The geometry has " + vertices
                    + " vertices; the limit is " + maxVertices + ".");
            return null;
        }
        if (!finite) {
            problems.add("几何含有非有限坐标。The geometry has a coordinate that is not a finite number.");
            return null;
        }
        return text.toString();
    }

    private static void writeScalar(JsonGenerator out, String name, Object value) {
        out.writeName(name);
        if (value instanceof NumberText number) {
            out.writeNumber(number.text());
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else {
            out.writeString((String) value);
        }
    }

    /** A number as GDAL wrote it (so "2.50" stays "2.50" for the checks in PostGIS). */
    private record NumberText(String text) {
    }

    private static BadRequestException unreadable() {
        return new BadRequestException("GDAL 转换后的要素无法读取。the features GDAL converted could not be read");
    }
}
