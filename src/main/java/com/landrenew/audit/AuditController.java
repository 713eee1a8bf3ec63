package com.landrenew.audit;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.landrenew.geo.ChinaTime;
import com.landrenew.web.ReportTable;

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

    /** The columns of the CSV, as the database writes them (AuditRepository). */
    private static final List<ReportTable.Column> CSV_COLUMNS = List.of(ReportTable.column("编号", "id"),
            ReportTable.column("时间（北京时间）", "at"), ReportTable.column("操作人", "actor"),
            ReportTable.column("操作", "action"), ReportTable.column("表", "table"), ReportTable.column("记录", "key"),
            ReportTable.column("宗地", "parcel"), ReportTable.column("变更字段", "changed"),
            ReportTable.column("变更前", "before"), ReportTable.column("变更后", "after"));

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
        AuditQuery query = params.query(MAX_CSV_ROWS, MAX_CSV_ROWS, trail.tableNames());
        ReportTable head = new ReportTable("审计日志 Audit trail · 导出于 exported " + LocalDateTime.now(ChinaTime.ZONE).truncatedTo(ChronoUnit.SECONDS)
                + (params.from() == null ? "" : " · 自 from " + params.from()) + (params.to() == null ? "" : " 至 to " + params.to()),
                CSV_COLUMNS, List.of());
        byte[] body = (head.csvHeader() + trail.csv(query)).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", ContentDisposition.attachment().filename("audit-trail.csv").build().toString())
                .body(body);
    }
}
