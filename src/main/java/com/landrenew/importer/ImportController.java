package com.landrenew.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        Path upload = null;
        try {
            // GDAL picks its driver partly by the extension (a GeoPackage is not opened as ".tmp").
            upload = Files.createTempFile("landrenew-import-", extension(file.getOriginalFilename()));
            file.transferTo(upload);
            String geoJson = reader.toSurveyGeoJson(upload, file.getOriginalFilename(), sourceCrs, layer);
            return imports.run(zone, file.getOriginalFilename(), geoJson, repair, dryRun);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (upload != null) {
                upload.toFile().delete();
            }
        }
    }

    private static String extension(String name) {
        String lower = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot);
        return ext.matches("\\.[a-z0-9]{1,8}") ? ext : ".upload";
    }
}
