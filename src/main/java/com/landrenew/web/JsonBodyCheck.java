package com.landrenew.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every JSON request body, checked as a whole before it is bound to a request type: at most
 * {@code landrenew.limits.max-json-body} (413), no string with a NUL character (PostgreSQL's text cannot
 * hold one) or over {@link #MAX_STRING_CHARS} characters, and no number beyond a double's range such as
 * 1e400 (read as Infinity). The 400 names the field by its path, e.g. {@code site.polygon.coordinates[0][2][1]}.
 */
@ControllerAdvice
class JsonBodyCheck extends RequestBodyAdviceAdapter {

    static final int MAX_STRING_CHARS = 10_000;

    private final JsonMapper json;
    private final DataSize maxBody;

    JsonBodyCheck(JsonMapper json, @Value("${landrenew.limits.max-json-body:4MB}") DataSize maxBody) {
        this.json = json;
        this.maxBody = maxBody;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        MediaType type = input.getHeaders().getContentType();
        if (type == null || !(type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json"))) {
            return input;
        }
        byte[] body = readAtMost(input.getBody());
        // Token by token, without building a tree: the converter parses the body once more to bind it.
        try (JsonParser parser = json.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case PROPERTY_NAME -> text(parser.streamReadContext(), parser.currentName());
                    case VALUE_STRING -> text(parser.streamReadContext(), parser.getString());
                    case VALUE_NUMBER_FLOAT -> finite(parser.streamReadContext(), parser.getDoubleValue());
                    default -> {
                    }
                }
            }
        } catch (StreamReadException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Non-standard token")
                    && e.processor() != null) {
                String field = field(path(e.processor().streamReadContext()));
                throw new BadRequestException("请求体字段 " + field + " 不是 JSON 的数（NaN、Infinity 都不是）。"
                        + "The request body field " + field + " is not a JSON number (NaN and Infinity are not).");
            }
            return replay(input, body);   // the converter answers malformed JSON as before
        } catch (JacksonException e) {
            return replay(input, body);
        }
        return replay(input, body);
    }

    private byte[] readAtMost(InputStream in) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody.toBytes() + 1));
        if (body.length > maxBody.toBytes()) {
            throw new TooLargeException("请求体超过 " + maxBody.toMegabytes() + " MB。The request body is over "
                    + maxBody.toMegabytes() + " MB.");
        }
        return body;
    }

    private static void finite(TokenStreamContext at, double value) {
        if (!Double.isFinite(value)) {
            String field = field(path(at));
            throw new BadRequestException("请求体字段 " + field + " 的数超出范围（如 1e400）。The request body field "
                    + field + " is a number out of range (such as 1e400).");
        }
    }

    private static void text(TokenStreamContext at, String value) {
        String field = field(path(at));
        if (value.indexOf('\0') >= 0) {
            throw new BadRequestException("请求体字段 " + field + " 含有 NUL 字符。The request body field " + field
                    + " contains a NUL character.");
        }
        if (value.length() > MAX_STRING_CHARS) {
            throw new BadRequestException("请求体字段 " + field + " 过长：" + value.length() + " 个字符，上限 "
                    + MAX_STRING_CHARS + "。The request body field " + field + " is too long: " + value.length()
                    + " characters, at most " + MAX_STRING_CHARS + ".");
        }
    }

    /** Where the parser stands, as messages name a field: members joined by dots, array items by [index]. */
    private static String path(TokenStreamContext at) {
        List<String> segments = new ArrayList<>();
        for (TokenStreamContext context = at; context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inArray()) {
                segments.add("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            } else if (context.currentName() != null) {
                segments.add(context.currentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (int i = segments.size() - 1; i >= 0; i--) {   // from the body's top down
            String segment = segments.get(i);
            path.append(path.isEmpty() || segment.startsWith("[") ? "" : ".").append(segment);
        }
        return path.toString();
    }

    /** A member path as messages name a field; "(body)" for the body itself. */
    private static String field(String path) {
        return path.isEmpty() ? "(body)" : ParameterCheck.shown(path);
    }

    private static HttpInputMessage replay(HttpInputMessage input, byte[] body) {
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }
}
