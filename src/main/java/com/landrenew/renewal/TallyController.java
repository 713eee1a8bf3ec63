package com.landrenew.renewal;

import java.util.List;

import com.landrenew.web.GeoJson;

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
    Tally tally(TallyParams params) {
        return tallies.tally(params.query());
    }

    @GetMapping("/tally.csv")
    ResponseEntity<byte[]> tallyCsv(TallyParams params) {
        Tally tally = tallies.tally(params.query("month"));
        return download(export.csv(tally), new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8),
                fileName(tally, "csv"));
    }

    @GetMapping("/tally.xlsx")
    ResponseEntity<byte[]> tallyXlsx(TallyParams params) {
        TallyQuery q = params.query();
        Tally tally = tallies.tally(q);
        return download(export.xlsx(tally, tallies.events(q, null)), XLSX, fileName(tally, "xlsx"));
    }

    @GetMapping("/events")
    List<FreeingEvent> events(TallyParams params) {
        return tallies.events(params.query("month"), params.blockOrNull());
    }

    @GetMapping("/freed")
    ResponseEntity<String> freed(TallyParams params) {
        return GeoJson.ok(tallies.freedAsGeoJson(params.query("month"), params.blockOrNull()));
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
