package com.landrenew.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.landrenew.gdal.WorkDirectory;
import com.landrenew.geo.EpsgCodes;
import com.landrenew.web.BadRequestException;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /api/imports}: parcels from GeoJSON, GeoPackage or zipped Shapefile into a zone. */
@RestController
class ImportController {

    private final OgrReader reader;
    private final ParcelImport imports;
    private final EpsgCodes epsgCodes;

    ImportController(OgrReader reader, ParcelImport imports, EpsgCodes epsgCodes) {
        this.reader = reader;
        this.imports = imports;
        this.epsgCodes = epsgCodes;
    }

    @PostMapping("/api/imports")
    ImportReport importParcels(@RequestParam("file") MultipartFile file, @RequestParam String zone,
            @RequestParam(required = false) String crs, @RequestParam(required = false) String layer,
            @RequestParam(defaultValue = "false") boolean repair, @RequestParam(defaultValue = "false") boolean dryRun) {
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
            return imports.run(zone, file.getOriginalFilename(), features, repair, dryRun);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
