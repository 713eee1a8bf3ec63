package com.landrenew.zone;

import java.util.Set;
import java.util.regex.Pattern;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

import tools.jackson.databind.JsonNode;

/**
 * The members of a zone's or block's JSON body, each checked and bounded before anything is read from the
 * database: codes are what URLs and files name a zone or block by (lower-case letters, digits and hyphens,
 * as the tables require, at most {@value #MAX_CODE} characters), names what people read (at most
 * {@value #MAX_NAME} characters, no control characters). A member this does not know is refused, so that a
 * misspelt one is not silently ignored.
 */
record ZoneInput(JsonNode body, String what) {

    static final int MAX_CODE = 40;
    static final int MAX_NAME = 100;

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ADMIN_CODE = Pattern.compile("[0-9]{6}");

    static ZoneInput of(JsonNode body, String what, Set<String> members) {
        if (body == null || !body.isObject()) {
            throw new BadRequestException("请求体应是 JSON 对象。the request body must be a JSON object with the " + what
                    + "'s members " + members);
        }
        for (String name : body.propertyNames()) {
            if (!members.contains(name)) {
                throw new BadRequestException("未知字段 " + Excerpt.of(name) + "，可用的有 " + members + "。unknown member "
                        + Excerpt.of(name) + "; a " + what + " has " + members);
            }
        }
        return new ZoneInput(body, what);
    }

    boolean has(String member) {
        return body.has(member);
    }

    JsonNode get(String member) {
        return body.get(member);
    }

    String code() {
        String code = text("code");
        if (code == null) {
            throw new BadRequestException("缺少 code（代码）。code is required: the " + what + "'s code");
        }
        if (code.length() > MAX_CODE || !CODE.matcher(code).matches()) {
            throw new BadRequestException("code 应由小写字母、数字和连字符组成，至多 " + MAX_CODE + " 个字符，而不是 "
                    + Excerpt.of(code) + "。code must be lower-case letters, digits and hyphens, at most " + MAX_CODE
                    + " characters, not " + Excerpt.of(code));
        }
        return code;
    }

    String name() {
        String name = text("name");
        if (name == null || name.isBlank()) {
            throw new BadRequestException("缺少 name（名称）。name is required: the " + what + "'s name");
        }
        name = name.strip();
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException("name 至多 " + MAX_NAME + " 个字符，且不含控制字符。name must be at most " + MAX_NAME
                    + " characters without control characters, got " + Excerpt.of(name));
        }
        return name;
    }

    /** The administrative division code (行政区划代码), six digits, or null when not given. */
    String adminCode() {
        String code = text("adminCode");
        if (code != null && !ADMIN_CODE.matcher(code).matches()) {
            throw new BadRequestException("adminCode 应是 6 位行政区划代码，而不是 " + Excerpt.of(code)
                    + "。adminCode must be a six-digit administrative division code, not " + Excerpt.of(code));
        }
        return code;
    }

    private String text(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new BadRequestException(member + " 应是字符串。" + member + " must be a string, not " + Excerpt.of(node.toString()));
        }
        return node.asString();
    }
}
