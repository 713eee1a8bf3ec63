package com.landrenew.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

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
 * {@code target} another layer: {@code zones}, a zone's {@code blocks} (BoundaryImport), or the zone's
 * {@code basemap} (replaced as a whole). Each import's
 * duration is timed ({@code landrenew_import_seconds}, by dry run and outcome; docs/operations.md).
 */
@RestController
class ImportController {

    private final OgrReader reader;
    private final ParcelImport imports;
    private final BoundaryImport boundaries;
    private final BasemapImport basemapImport;
    private final EpsgCodes epsgCodes;
    private final MeterRegistry meters;

    ImportController(OgrReader reader, ParcelImport imports, BoundaryImport boundaries, BasemapImport basemapImport,
            EpsgCodes epsgCodes, MeterRegistry meters) {
        this.reader = reader;
        this.imports = imports;
        this.boundaries = boundaries;
        this.basemapImport = basemapImport;
        this.epsgCodes = epsgCodes;
        this.meters = meters;
    }

    @PostMapping("/api/imports")
    ImportReport importParcels(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String zone,
            @RequestParam(defaultValue = "parcels") String target,
            @RequestParam(required = false) String crs, @RequestParam(required = false) String layer,
            @RequestParam(defaultValue = "false") boolean repair, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(required = false) String encoding, @RequestParam(required = false) String fields,
            @RequestParam(defaultValue = "insert") String mode) {
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
            report = importParcels(file, zone, "parcels", crs, layer, repair, dryRun, encoding, fields, mode);
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

    /** What a file may be imported as (the target parameter); each names whether it goes into a zone. */
    private enum Target {
        PARCELS(true), ZONES(false), BLOCKS(true), BASEMAP(true);

        final boolean intoZone;

        Target(boolean intoZone) {
            this.intoZone = intoZone;
        }

        static Target of(String target) {
            for (Target t : values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(target)) {
                    return t;
                }
            }
            throw new BadRequestException("target 应是 parcels（宗地）、zones（开发区）、blocks（区块）或 basemap（底图），而不是 "
                    + Excerpt.of(target) + "。target must be parcels, zones, blocks or basemap, not " + Excerpt.of(target));
        }
    }

    private ImportReport importFile(MultipartFile file, String zone, String crs, String layer, boolean repair,
            boolean dryRun, Charset encoding, FieldNames fields, boolean update, String targetName) {
        // What the file is imported as; refused before anything is read.
        Target target = Target.of(targetName);
        if (target.intoZone && (zone == null || zone.isBlank())) {
            throw new BadRequestException("缺少参数 zone：导入 " + targetName + " 要指明开发区。zone is required: the code of the zone "
                    + "the " + targetName + " go into");
        }
        if (file.isEmpty()) {
            throw new BadRequestException("文件为空。file is empty");
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
            String name = file.getOriginalFilename();
            return switch (target) {
                case PARCELS -> imports.run(zone, name, features, fields, update, repair, dryRun);
                case ZONES -> boundaries.run(BoundaryImport.Kind.ZONES, null, name, features.features(), repair, dryRun);
                case BLOCKS -> boundaries.run(BoundaryImport.Kind.BLOCKS, zone, name, features.features(), repair, dryRun);
                case BASEMAP -> basemapImport.run(zone, name, features.features(), dryRun);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
