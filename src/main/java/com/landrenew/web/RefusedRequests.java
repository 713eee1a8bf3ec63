package com.landrenew.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests Spring Security's firewall refuses before any of ours sees them (a control character in a
 * parameter name or header, a ";" in the path, …): a 400 problem saying why, instead of an empty 400.
 */
@Component
class RefusedRequests implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        ProblemResponse.write(response, HttpStatus.BAD_REQUEST,
                "请求被拒绝：地址、参数名或请求头含有不允许的字符。" + printable(e.getMessage()));
    }

    /** The firewall's reason with control characters written out, and cut short. */
    private static String printable(String message) {
        return Excerpt.of(message == null ? "The request was rejected." : message, 300);
    }
}
