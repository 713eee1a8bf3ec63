package com.landrenew.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The map page at "/", answered directly instead of by Spring Boot's welcome-page forward: the security
 * headers (CSP and the others) are written as the body starts, and a forward answering HEAD writes no
 * body, so HEAD / would lack them.
 */
@RestController
class MapPage {

    private static final Resource INDEX = new ClassPathResource("static/index.html");

    @GetMapping("/")
    ResponseEntity<Resource> index() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(INDEX);
    }
}
