package com.landrenew.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
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
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (StreamReadException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Non-standard token")
                    && e.processor() != null) {
                String field = field(e.processor().streamReadContext().pathAsPointer().toString());
                throw new BadRequestException("请求体字段 " + field + " 不是 JSON 的数（NaN、Infinity 都不是）。"
                        + "The request body field " + field + " is not a JSON number (NaN and Infinity are not).");
            }
            return replay(input, body);   // the converter answers malformed JSON as before
        } catch (JacksonException e) {
            return replay(input, body);
        }
        check("", tree);
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

    private static void check(String path, JsonNode node) {
        if (node.isString()) {
            text(path, node.asString());
        } else if (node.isNumber() && (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            String field = field(path);
            throw new BadRequestException("请求体字段 " + field + " 的数超出范围（如 1e400）。The request body field "
                    + field + " is a number out of range (such as 1e400).");
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(path + "[" + i + "]", node.get(i));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String name = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                text(name, member.getKey());
                check(name, member.getValue());
            }
        }
    }

    private static void text(String path, String value) {
        String field = field(path);
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

    /** A JSON pointer or member path as messages name a field; "(body)" for the body itself. */
    private static String field(String path) {
        String dotted = path.startsWith("/") ? path.substring(1).replace('/', '.') : path;
        return dotted.isEmpty() ? "(body)" : ParameterCheck.shown(dotted);
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
