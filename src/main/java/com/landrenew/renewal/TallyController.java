package com.landrenew.renewal;

import java.time.LocalDate;
import java.util.List;

import com.landrenew.geo.ChinaTime;
import com.landrenew.web.GeoJson;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditors' API: figures, the events behind them, the freed land, and downloads. */
@RestController
@RequestMapping("/api/renewal")
class TallyController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final TallyService tallies;
    private final TallyExport export;

    TallyController(TallyService tallies, TallyExport export) {
        this.tallies = tallies;
        this.export = export;
    }

    @GetMapping("/projects")
    List<Tally.Project> projects(@RequestParam String zone) {
        return tallies.projects(zone);
    }

    @GetMapping("/tally")
    Tally tally(@RequestParam(required = false) String zone, @RequestParam(required = false) String project,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(defaultValue = "month") String groupBy) {
        return tallies.tally(query(zone, project, from, to, asOf, groupBy));
    }

    @GetMapping("/tally.csv")
    ResponseEntity<byte[]> tallyCsv(@RequestParam(required = false) String zone,
            @RequestParam(required = false) String project,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        Tally tally = tallies.tally(query(zone, project, from, to, asOf, "month"));
        return download(export.csv(tally), new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8),
                fileName(tally, "csv"));
    }

    @GetMapping("/tally.xlsx")
    ResponseEntity<byte[]> tallyXlsx(@RequestParam(required = false) String zone,
            @RequestParam(required = false) String project,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(defaultValue = "month") String groupBy) {
        TallyQuery q = query(zone, project, from, to, asOf, groupBy);
        Tally tally = tallies.tally(q);
        return download(export.xlsx(tally, tallies.events(q, null)), XLSX, fileName(tally, "xlsx"));
    }

    @GetMapping("/events")
    List<FreeingEvent> events(@RequestParam(required = false) String zone,
            @RequestParam(required = false) String project, @RequestParam(required = false) String block,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return tallies.events(query(zone, project, from, to, asOf, "month"), blank(block));
    }

    @GetMapping("/freed")
    ResponseEntity<String> freed(@RequestParam(required = false) String zone,
            @RequestParam(required = false) String project, @RequestParam(required = false) String block,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return GeoJson.ok(tallies.freedAsGeoJson(query(zone, project, from, to, asOf, "month"), blank(block)));
    }

    private static TallyQuery query(String zone, String project, LocalDate from, LocalDate to, LocalDate asOf,
            String groupBy) {
        return TallyQuery.of(zone, project, from, to, asOf != null ? asOf : ChinaTime.today(),
                groupBy);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String fileName(Tally tally, String extension) {
        String scope = tally.project() != null ? tally.project().code() : tally.zone().code();
        return "landrenew-tally-" + scope + "-" + tally.from() + "-to-" + tally.to() + "-asof-" + tally.asOf() + "." + extension;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(body);
    }
}
