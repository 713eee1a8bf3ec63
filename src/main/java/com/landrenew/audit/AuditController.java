package com.landrenew.audit;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit} and {@code /api/audit.csv}: the trail for auditors, newest first. Read only. */
@RestController
class AuditController {

    static final int MAX_LIMIT = 1000;
    static final int MAX_CSV_ROWS = 100_000;

    private final AuditRepository trail;

    AuditController(AuditRepository trail) {
        this.trail = trail;
    }

    @GetMapping(value = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    String audit(@RequestParam(required = false) String table, @RequestParam(required = false) String key,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        return trail.page(AuditQuery.of(table, key, actor, from, to, limit, offset, MAX_LIMIT));
    }

    @GetMapping("/api/audit.csv")
    ResponseEntity<byte[]> auditCsv(@RequestParam(required = false) String table,
            @RequestParam(required = false) String key, @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "" + MAX_CSV_ROWS) int limit, @RequestParam(defaultValue = "0") int offset) {
        String csv = trail.csv(AuditQuery.of(table, key, actor, from, to, limit, offset, MAX_CSV_ROWS));
        // A byte-order mark so that Excel reads the Chinese names as UTF-8.
        byte[] body = ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", ContentDisposition.attachment().filename("audit-trail.csv").build().toString())
                .body(body);
    }
}
