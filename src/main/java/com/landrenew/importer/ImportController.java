package com.landrenew.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.landrenew.gdal.WorkDirectory;
import com.landrenew.geo.EpsgCodes;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.RejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports}: parcels from GeoJSON, GeoPackage, zipped Shapefile or a boundary-coordinate TXT into
 * a zone ({@code encoding=} names a TXT's or a DBF's text encoding, {@code fields=} maps field names), or with
 * {@code target} another layer of it ({@code basemap}: the zone's basemap, replaced as a whole). Each import's
 * duration is timed ({@code landrenew_import_seconds}, by dry run and outcome; docs/operations.md).
 */
@RestController
class ImportController {

    private final OgrReader reader;
    private final ParcelImport imports;
    private final BasemapImport basemapImport;
    private final EpsgCodes epsgCodes;
    private final MeterRegistry meters;

    ImportController(OgrReader reader, ParcelImport imports, BasemapImport basemapImport, EpsgCodes epsgCodes,
            MeterRegistry meters) {
        this.reader = reader;
        this.imports = imports;
        this.basemapImport = basemapImport;
        this.epsgCodes = epsgCodes;
        this.meters = meters;
    }

    @PostMapping("/api/imports")
    ImportReport importParcels(@RequestParam("file") MultipartFile file, @RequestParam String zone,
            @RequestParam(required = false) String crs, @RequestParam(required = false) String layer,
            @RequestParam(defaultValue = "false") boolean repair, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(required = false) String encoding, @RequestParam(required = false) String fields,
            @RequestParam(defaultValue = "insert") String mode, @RequestParam(defaultValue = "parcels") String target) {
        Timer.Sample started = Timer.start(meters);
        String outcome = "failed";
        try {
            ImportReport report = importFile(file, zone, crs, layer, repair, dryRun, TextEncoding.named(encoding),
                    FieldNames.parse(fields), update(mode), target);
            outcome = "done";
            return report;
        } finally {
            started.stop(Timer.builder("landrenew.import").description("Imports (POST /api/imports), from upload to report")
                    .tag("dry_run", Boolean.toString(dryRun)).tag("outcome", outcome).register(meters));
        }
    }

    /**
     * The same import answered with its report as CSV ({@code report=csv}): 200 when it passes, 422 when
     * nothing was imported; other refusals stay problem JSON.
     */
    @PostMapping(path = "/api/imports", params = "report=csv")
    ResponseEntity<byte[]> importParcelsReportCsv(@RequestParam("file") MultipartFile file, @RequestParam String zone,
            @RequestParam(required = false) String crs, @RequestParam(required = false) String layer,
            @RequestParam(defaultValue = "false") boolean repair, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(required = false) String encoding, @RequestParam(required = false) String fields,
            @RequestParam(defaultValue = "insert") String mode) {
        HttpStatus status = HttpStatus.OK;
        ImportReport report;
        try {
            report = importParcels(file, zone, crs, layer, repair, dryRun, encoding, fields, mode, "parcels");
        } catch (RejectedException e) {
            if (!(e.details().get("import") instanceof ImportReport rejected)) {
                throw e;
            }
            status = HttpStatus.UNPROCESSABLE_CONTENT;
            report = rejected;
        }
        return ResponseEntity.status(status).contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("import-report.csv").build().toString())
                .body(ImportReportCsv.of(report));
    }

    /** mode=insert (new parcels, the default) or mode=update (existing codes' attributes and outlines). */
    private static boolean update(String mode) {
        return switch (mode) {
            case "insert" -> false;
            case "update" -> true;
            default -> throw new BadRequestException("参数 mode 应为 insert 或 update。mode must be insert or update, got '"
                    + Excerpt.of(mode) + "'");
        };
    }

    private ImportReport importFile(MultipartFile file, String zone, String crs, String layer, boolean repair,
            boolean dryRun, Charset encoding, FieldNames fields, boolean update, String target) {
        // What the file is imported as; refused before anything is read.
        if (!List.of("parcels", "basemap").contains(target)) {
            throw new BadRequestException("target 须为 parcels（宗地）或 basemap（底图），不是 '" + Excerpt.of(target)
                    + "'。target must be parcels or basemap, not '" + Excerpt.of(target) + "'");
        }
        if (file.isEmpty()) {
            throw new BadRequestException("file is empty");
        }
        Integer sourceCrs = epsgCodes.parse("crs", crs);
        // An unknown format is refused before anything is stored.
        OgrReader.Format.of(file.getOriginalFilename());
        // Everything of this import (upload, unpacked Shapefile, GDAL's output) lives in one private
        // folder, deleted when the request ends, whatever happened.
        try (WorkDirectory dir = WorkDirectory.create("import")) {
            Path upload = dir.resolve("upload");
            file.transferTo(upload);
            OgrReader.Converted features = reader.toSurveyGeoJson(upload, file.getOriginalFilename(), sourceCrs, layer,
                    encoding, dir);
            return switch (target) {
                case "basemap" -> basemapImport.run(zone, file.getOriginalFilename(), features.features(), dryRun);
                default -> imports.run(zone, file.getOriginalFilename(), features, fields, update, repair, dryRun);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
