package com.landrenew.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Spring Security's firewall refuses before any of ours sees them (a control character in a
 * parameter name or header, a ";" in the path, …): a 400 problem saying why, instead of an empty 400.
 */
@Component
class RefusedRequests implements RequestRejectedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("detail", "请求被拒绝：地址、参数名或请求头含有不允许的字符。" + printable(e.getMessage()));
        problem.put("status", HttpStatus.BAD_REQUEST.value());
        problem.put("title", HttpStatus.BAD_REQUEST.getReasonPhrase());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    /** The firewall's reason with control characters written out, and cut short. */
    private static String printable(String message) {
        return Excerpt.of(message == null ? "The request was rejected." : message, 300);
    }
}
