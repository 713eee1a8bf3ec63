package com.landrenew.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

import com.landrenew.gdal.WorkDirectory;
import com.landrenew.geo.EpsgCodes;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports}: parcels from GeoJSON, GeoPackage or zipped Shapefile into a zone ({@code target=parcels},
 * the default), or zones ({@code target=zones}) or a zone's blocks ({@code target=blocks}, BoundaryImport). Each import's
 * duration is timed ({@code landrenew_import_seconds}, by dry run and outcome; docs/operations.md).
 */
@RestController
class ImportController {

    private final OgrReader reader;
    private final ParcelImport imports;
    private final BoundaryImport boundaries;
    private final EpsgCodes epsgCodes;
    private final MeterRegistry meters;

    ImportController(OgrReader reader, ParcelImport imports, BoundaryImport boundaries, EpsgCodes epsgCodes,
            MeterRegistry meters) {
        this.reader = reader;
        this.imports = imports;
        this.boundaries = boundaries;
        this.epsgCodes = epsgCodes;
        this.meters = meters;
    }

    @PostMapping("/api/imports")
    ImportReport importParcels(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String zone,
            @RequestParam(defaultValue = "parcels") String target,
            @RequestParam(required = false) String crs, @RequestParam(required = false) String layer,
            @RequestParam(defaultValue = "false") boolean repair, @RequestParam(defaultValue = "false") boolean dryRun) {
        Timer.Sample started = Timer.start(meters);
        String outcome = "failed";
        try {
            ImportReport report = importFile(file, target, zone, crs, layer, repair, dryRun);
            outcome = "done";
            return report;
        } finally {
            started.stop(Timer.builder("landrenew.import").description("Imports (POST /api/imports), from upload to report")
                    .tag("dry_run", Boolean.toString(dryRun)).tag("outcome", outcome).register(meters));
        }
    }

    /** What a file may be imported as (the target parameter); each names whether it goes into a zone. */
    private enum Target {
        PARCELS(true), ZONES(false), BLOCKS(true);

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
            throw new BadRequestException("target 应是 parcels、zones 或 blocks，而不是 " + Excerpt.of(target)
                    + "。target must be parcels, zones or blocks, not " + Excerpt.of(target));
        }
    }

    private ImportReport importFile(MultipartFile file, String targetName, String zone, String crs, String layer,
            boolean repair, boolean dryRun) {
        Target target = Target.of(targetName);
        if (target.intoZone && (zone == null || zone.isBlank())) {
            throw new BadRequestException("缺少参数 zone：导入 " + targetName + " 要指明开发区。zone is required: the code of the zone "
                    + "the " + targetName + " go into");
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
            Path features = reader.toSurveyGeoJson(upload, file.getOriginalFilename(), sourceCrs, layer, dir);
            return switch (target) {
                case PARCELS -> imports.run(zone, file.getOriginalFilename(), features, repair, dryRun);
                case ZONES -> boundaries.run(BoundaryImport.Kind.ZONES, null, file.getOriginalFilename(), features, repair, dryRun);
                case BLOCKS -> boundaries.run(BoundaryImport.Kind.BLOCKS, zone, file.getOriginalFilename(), features, repair, dryRun);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
