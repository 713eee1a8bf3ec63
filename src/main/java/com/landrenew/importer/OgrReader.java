package com.landrenew.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.landrenew.web.BadRequestException;

import org.springframework.stereotype.Component;

/**
 * Reads GeoJSON, GeoPackage and zipped Shapefile with Debian's GDAL (ogr2ogr) and hands back GeoJSON
 * in the survey CRS, EPSG:4549. GDAL is the reader planners' own tools use, and it knows every CRS
 * by its EPSG code. A file GDAL cannot read, or one without a CRS when none is given, is a 400.
 */
@Component
class OgrReader {

    private static final Pattern LAYER_LINE = Pattern.compile("^\\d+: (.+?)(?: \\(.*\\))?$");
    private static final long TIMEOUT_SECONDS = 120;

    /** GeoJSON in EPSG:4549 of one layer of {@code file}; {@code sourceCrs} (an EPSG code) overrides the file's. */
    String toSurveyGeoJson(Path file, String originalName, Integer sourceCrs, String layer) {
        String source = sourceFor(file, originalName);
        List<String> layers = layers(source);
        if (layers.isEmpty()) {
            throw new BadRequestException("the file holds no layer of features");
        }
        String chosen = layer;
        if (chosen == null || chosen.isBlank()) {
            if (layers.size() > 1) {
                throw new BadRequestException("the file holds " + layers.size() + " layers; name one with layer= ("
                        + String.join(", ", layers) + ")");
            }
            chosen = layers.get(0);
        } else if (!layers.contains(chosen)) {
            throw new BadRequestException("layer '" + chosen + "' is not in the file; its layers: " + String.join(", ", layers));
        }
        try {
            Path out = Files.createTempFile("landrenew-import-", ".geojson");
            try {
                List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSON", "-overwrite",
                        "-lco", "RFC7946=NO", "-lco", "WRITE_BBOX=NO", "-dim", "XY", "-t_srs", "EPSG:4549"));
                if (sourceCrs != null) {
                    command.addAll(List.of("-s_srs", "EPSG:" + sourceCrs));
                }
                command.addAll(List.of(out.toString(), source, chosen));
                Files.delete(out);
                // GDAL wraps its messages over lines; one line each makes them searchable.
                String messages = run(command).replaceAll("\\s*\n\\s*(?![A-Z]+ \\d+:)", " ");
                if (!Files.exists(out)) {
                    throw new BadRequestException(explain(messages));
                }
                if (messages.contains("no coordinate system") || messages.contains("Terminating translation")) {
                    throw new BadRequestException(explain(messages));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Converts GeoJSON in EPSG:4549 (a crs member says so) to a file of {@code driver} in EPSG:{@code targetCrs}. */
    byte[] fromSurveyGeoJson(String geoJson, String driver, String extension, int targetCrs, List<String> creationOptions) {
        try {
            Path in = Files.createTempFile("landrenew-export-", ".geojson");
            Path out = Files.createTempFile("landrenew-export-", "." + extension);
            try {
                Files.writeString(in, geoJson, StandardCharsets.UTF_8);
                Files.delete(out);
                List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", driver, "-s_srs", "EPSG:4549",
                        "-t_srs", "EPSG:" + targetCrs, "-nln", "parcels"));
                for (String option : creationOptions) {
                    command.addAll(List.of("-lco", option));
                }
                command.addAll(List.of(out.toString(), in.toString()));
                String messages = run(command);
                if (!Files.exists(out)) {
                    throw new IllegalStateException("ogr2ogr wrote no " + driver + " file: " + messages);
                }
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> layers(String source) {
        String listing = run(List.of("ogrinfo", "-ro", "-q", source));
        List<String> layers = new ArrayList<>();
        for (String line : listing.split("\n")) {
            Matcher m = LAYER_LINE.matcher(line.strip());
            if (m.matches()) {
                layers.add(m.group(1));
            }
        }
        if (layers.isEmpty() && (listing.contains("ERROR") || listing.contains("FAILURE"))) {
            throw new BadRequestException(explain(listing));
        }
        return layers;
    }

    /** How GDAL should open the upload: zips through /vsizip/, the rest by their content. */
    private static String sourceFor(Path file, String originalName) {
        String name = originalName == null ? "" : originalName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".zip")) {
            return "/vsizip/" + file;
        }
        if (name.endsWith(".geojson") || name.endsWith(".json") || name.endsWith(".gpkg")) {
            return file.toString();
        }
        throw new BadRequestException("file must be .geojson/.json, .gpkg or a .zip holding a Shapefile, got '"
                + originalName + "'");
    }

    private static String explain(String gdalMessages) {
        if (gdalMessages.contains("no coordinate system")) {
            return "the file has no coordinate reference system (a Shapefile without .prj?); give crs=EPSG:xxxx";
        }
        String first = gdalMessages.lines().filter(l -> l.startsWith("ERROR") || l.startsWith("FAILURE"))
                .findFirst().orElse(gdalMessages.strip());
        // GDAL names our temporary paths; the user knows the file by its own name.
        first = first.replaceAll("/\\S*landrenew-import-\\S*", "the upload").replaceAll("/vsizip/\\S*", "the zip");
        return "the file could not be read as GeoJSON, GeoPackage or zipped Shapefile: "
                + (first.length() > 300 ? first.substring(0, 300) + "…" : first);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new BadRequestException("reading the file took longer than " + TIMEOUT_SECONDS + " s");
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("GDAL's " + command.get(0) + " could not be run; install Debian's gdal-bin "
                    + "(the README's commands do): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
