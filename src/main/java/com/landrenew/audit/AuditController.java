package com.landrenew.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit} and {@code /api/audit.csv}: the trail for auditors, newest first; {@code
 * /api/audit/tables}: the tables it records. Read only.
 */
@RestController
class AuditController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    static final int MAX_CSV_ROWS = 100_000;

    private final AuditRepository trail;

    AuditController(AuditRepository trail) {
        this.trail = trail;
    }

    @GetMapping(value = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    String audit(AuditParams params) {
        return trail.page(params.query(DEFAULT_LIMIT, MAX_LIMIT, trail.tableNames()));
    }

    /** The tables the trail records, with their Chinese names (the trail page's table filter). */
    @GetMapping("/api/audit/tables")
    List<AuditRepository.AuditedTable> tables() {
        return trail.tables();
    }

    @GetMapping("/api/audit.csv")
    ResponseEntity<byte[]> auditCsv(AuditParams params) {
        String csv = trail.csv(params.query(MAX_CSV_ROWS, MAX_CSV_ROWS, trail.tableNames()));
        // A byte-order mark so that Excel reads the Chinese names as UTF-8.
        byte[] body = ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", ContentDisposition.attachment().filename("audit-trail.csv").build().toString())
                .body(body);
    }
}
