package com.landrenew.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Query parameters (and form fields) and path variables, refused before a controller sees them when
 * they hold a NUL character (PostgreSQL's text cannot, so the query failed with a 500) or are longer
 * than any endpoint needs. The 400 names the parameter.
 */
class ParameterCheck implements HandlerInterceptor {

    static final int MAX_CHARS = 1000;
    /** A CQL2 filter (OGC API Part 3) may carry a search area's outline; the 8 KB request line bounds it anyway. */
    static final Map<String, Integer> LONGER = Map.of("filter", 8_000);

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            check(parameter.getKey(), parameter.getKey(), MAX_CHARS);
            for (String value : parameter.getValue()) {
                check(parameter.getKey(), value, LONGER.getOrDefault(parameter.getKey(), MAX_CHARS));
            }
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check(String.valueOf(name), String.valueOf(value), MAX_CHARS));
        }
        return true;
    }

    private static void check(String name, String value, int maxChars) {
        String shown = shown(name);
        if (value.indexOf('\0') >= 0) {
            throw new BadRequestException("参数 " + shown + " 含有 NUL 字符。Parameter " + shown + " contains a NUL character.");
        }
        if (value.length() > maxChars) {
            throw new BadRequestException("参数 " + shown + " 过长：" + value.length() + " 个字符，上限 " + maxChars
                    + "。Parameter " + shown + " is too long: " + value.length() + " characters, at most " + maxChars + ".");
        }
    }

    /** A name as a message may show it: NUL written out, and cut short. */
    static String shown(String name) {
        return Excerpt.of(name, 60);
    }
}
