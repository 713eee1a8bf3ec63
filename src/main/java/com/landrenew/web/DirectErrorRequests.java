package com.landrenew.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A client asking for /error itself gets a 404 like any unknown path. Spring Boot's error page is for
 * the server's own forwards after a failure; asked for directly it has no error to show and answered 500.
 */
class DirectErrorRequests implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            throw new NotFoundException("没有这个地址：" + request.getRequestURI() + "。No such path: " + request.getRequestURI());
        }
        return true;
    }
}
