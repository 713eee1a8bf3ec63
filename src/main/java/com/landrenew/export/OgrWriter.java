package com.landrenew.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import com.landrenew.gdal.Gdal;
import com.landrenew.gdal.WorkDirectory;

import org.springframework.stereotype.Component;

/**
 * Writes GeoJSON in the survey CRS as a file of another format and CRS with Debian's GDAL (ogr2ogr), run
 * the way imports run it ({@link Gdal}): only the GeoJSON reader and the one writer registered.
 */
@Component
class OgrWriter {

    private final Gdal gdal;

    OgrWriter(Gdal gdal) {
        this.gdal = gdal;
    }

    /**
     * Converts GeoJSON in EPSG:4549 (a crs member says so) to a file of {@code driver} in EPSG:{@code targetCrs}
     * whose layer (a Shapefile's file names) is {@code layerName}; {@code openOptions} say how to read the GeoJSON.
     */
    byte[] fromSurveyGeoJson(String geoJson, String layerName, String driver, String extension, int targetCrs,
            List<String> openOptions, List<String> creationOptions) {
        try (WorkDirectory dir = WorkDirectory.create("export")) {
            Path in = dir.resolve("survey.geojson");
            Path out = dir.resolve("export." + extension);
            Files.writeString(in, geoJson, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", driver, "-s_srs", "EPSG:4549",
                    "-t_srs", "EPSG:" + targetCrs, "-nln", layerName));
            for (String option : openOptions) {
                command.addAll(List.of("-oo", option));
            }
            for (String option : creationOptions) {
                command.addAll(List.of("-lco", option));
            }
            command.addAll(List.of(out.toString(), in.toString()));
            // a set: the writer may be the GeoJSON driver itself
            Gdal.Result result = gdal.run(command, new HashSet<>(List.of("GeoJSON", driver)), dir, out);
            if (result.exitCode() != 0 || !Files.exists(out)) {
                throw new IllegalStateException("ogr2ogr wrote no " + driver + " file: " + result.messages());
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
