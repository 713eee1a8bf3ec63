package com.landrenew.evaluation;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditors' yearly report of a zone after its evaluation: JSON, CSV and XLSX. Staff only. */
@RestController
@RequestMapping("/api/evaluations")
class ReportController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ReportService reports;
    private final ReportExport export;

    ReportController(ReportService reports, ReportExport export) {
        this.reports = reports;
        this.export = export;
    }

    @GetMapping("/report")
    EvaluationReport report(@RequestParam(required = false) String zone, @RequestParam(required = false) Integer year) {
        return reports.report(zone, year);
    }

    @GetMapping("/report.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String zone, @RequestParam(required = false) Integer year) {
        EvaluationReport report = reports.report(zone, year);
        return download(export.csv(report), new MediaType("text", "csv", StandardCharsets.UTF_8), fileName(report, "csv"));
    }

    @GetMapping("/report.xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String zone, @RequestParam(required = false) Integer year) {
        EvaluationReport report = reports.report(zone, year);
        return download(export.xlsx(report), XLSX, fileName(report, "xlsx"));
    }

    private static String fileName(EvaluationReport r, String extension) {
        return "landrenew-evaluation-report-" + r.zone() + "-" + r.year() + "-asof-" + r.asOf() + "." + extension;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(body);
    }
}
