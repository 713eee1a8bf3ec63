package com.landrenew.search;

import com.landrenew.security.Viewer;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.JsonAnswer;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search?q=&zone=}: what the map's search box suggests as one types (see SearchRepository),
 * open to everyone and filtered by who is asking, as the parcels are.
 */
@RestController
class SearchController {

    /** Longer than any parcel code, credit code or name a person would type. */
    static final int MAX_QUERY = 50;

    private final SearchRepository search;

    SearchController(SearchRepository search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    ResponseEntity<String> search(@RequestParam String q, @RequestParam(required = false) String zone) {
        String query = q.strip();
        if (query.isEmpty()) {
            throw new BadRequestException("请输入要查找的内容。Parameter q is empty: type what to look for.");
        }
        if (query.codePointCount(0, query.length()) > MAX_QUERY) {
            throw new BadRequestException("参数 q 过长：上限 " + MAX_QUERY + " 个字符。Parameter q is too long: at most "
                    + MAX_QUERY + " characters.");
        }
        return JsonAnswer.ok(search.search(query, zone == null || zone.isBlank() ? null : zone, Viewer.current()));
    }
}
