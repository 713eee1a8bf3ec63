package com.landrenew.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Checks every request's parameters before its controller runs (JSON bodies: {@link JsonBodyCheck}). */
@Configuration(proxyBeanMethods = false)
class InputChecks implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new DirectErrorRequests()).addPathPatterns("/error");
        registry.addInterceptor(new ParameterCheck());
    }
}
