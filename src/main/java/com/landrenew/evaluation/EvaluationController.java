package com.landrenew.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.landrenew.geo.ChinaTime;
import com.landrenew.security.Actor;
import com.landrenew.security.Viewer;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.ForbiddenException;
import com.landrenew.web.NotFoundException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 亩均评价 results: a zone-year's (JSON, CSV, XLSX) and one enterprise's over the years. Staff see every row,
 * an enterprise user its own only, visitors nothing (SecurityConfig: signed-in reads; the rows: EvaluationResults).
 */
@RestController
@RequestMapping("/api/evaluations")
class EvaluationController {

    /** The run's zone for every zone with a scheme for the year. */
    private static final String ALL_ZONES = "*";

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final EvaluationResults results;
    private final EvaluationService evaluations;
    private final FiguresImport figures;
    private final Actor actor;

    EvaluationController(EvaluationResults results, EvaluationService evaluations, FiguresImport figures, Actor actor) {
        this.results = results;
        this.evaluations = evaluations;
        this.figures = figures;
        this.actor = actor;
    }

    @GetMapping
    ResponseEntity<?> zoneYear(@RequestParam(required = false) String zone, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String format) {
        String zoneName = zoneName(zone);
        Years.check(year);
        List<EvaluationRow> rows = results.ofZoneYear(zone, year);
        String asOf = LocalDateTime.now(ChinaTime.ZONE).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String title = EvaluationExport.title(zoneName, zone, year, asOf);
        String file = "landrenew-evaluation-" + zone + "-" + year;
        if (format == null || format.equals("json")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("zone", Map.of("code", zone, "name", zoneName));
            body.put("year", year);
            body.put("asOf", asOf);
            body.put("benchmarks", Viewer.current().isStaff() ? results.benchmarks(zone, year) : List.of());
            body.put("results", rows);
            return ResponseEntity.ok(body);
        }
        if (format.equals("csv")) {
            return download(EvaluationExport.csv(title, rows), new MediaType("text", "csv", StandardCharsets.UTF_8),
                    file + ".csv");
        }
        if (format.equals("xlsx")) {
            return download(EvaluationExport.xlsx(title, rows), XLSX, file + ".xlsx");
        }
        throw new BadRequestException("format 须为 json、csv 或 xlsx，现为 '" + Excerpt.of(format)
                + "'。format must be json, csv or xlsx, not '" + Excerpt.of(format) + "'.");
    }

    /** One enterprise's results over the years, in one zone or all; an enterprise user may ask only for its own. */
    @GetMapping("/{creditCode}")
    Map<String, Object> enterprise(@PathVariable String creditCode, @RequestParam(required = false) String zone) {
        if (zone != null) {
            zoneName(zone);
        }
        Integer id = results.enterpriseId(creditCode).orElse(null);
        Viewer viewer = Viewer.current();
        if (!viewer.isStaff() && (id == null || !id.equals(viewer.enterpriseId()))) {
            throw new ForbiddenException("只能查看本企业的评价结果。An enterprise may see its own evaluation only.");
        }
        if (id == null) {
            throw new NotFoundException("没有统一社会信用代码为 " + creditCode + " 的企业。No enterprise with credit code "
                    + creditCode + ".");
        }
        return Map.of("creditCode", creditCode, "results", results.ofEnterprise(creditCode, zone));
    }

    /**
     * Computes a zone-year again (after the map or the figures changed), under its saved scheme; with
     * {@code zone=*}, every zone with a scheme for the year at once (a provincial run: one request, one
     * statement for all zones), 409 when no zone has one.
     */
    @PostMapping("/run")
    @Transactional
    Object run(@RequestParam(required = false) String zone, @RequestParam(required = false) Integer year) {
        if (!ALL_ZONES.equals(zone)) {
            zoneName(zone);
        }
        Years.check(year);
        actor.attributeWritesToCurrentUser();
        if (!ALL_ZONES.equals(zone)) {
            return evaluations.evaluate(zone, year);
        }
        EvaluationService.YearSummary summary = evaluations.evaluateYear(year);
        if (summary.zones().isEmpty()) {
            throw new ConflictException("没有园区有 " + year + " 年的评价方案，请先保存方案。No zone has an evaluation scheme for "
                    + year + ": save one first.", Map.of("year", year));
        }
        return summary;
    }

    /** A year's figures from the economy bureau's CSV or XLSX: all or nothing, a report per row (FiguresImport). */
    @PostMapping("/figures")
    FiguresImport.Report importFigures(@RequestParam("file") MultipartFile file, @RequestParam(required = false) Integer year,
            @RequestParam(defaultValue = "false") boolean dryRun) throws IOException {
        Years.check(year);
        if (file.isEmpty()) {
            throw new BadRequestException("文件为空。The file is empty.");
        }
        return figures.run(file.getOriginalFilename(), file.getBytes(), year, dryRun);
    }

    private String zoneName(String zone) {
        if (zone == null || zone.isBlank()) {
            throw new BadRequestException("缺少 zone（园区代码）。zone is missing.");
        }
        return results.zoneName(zone).orElseThrow(() -> new NotFoundException(
                "没有园区 " + Excerpt.of(zone) + "。No zone '" + Excerpt.of(zone) + "'."));
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(body);
    }
}
