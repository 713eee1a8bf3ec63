package com.landrenew.export;

import com.landrenew.geo.Bbox;
import com.landrenew.geo.EpsgCodes;
import com.landrenew.web.BadRequestException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/exports/{layer}}: parcels, blocks, zones or buildings as GeoJSON, GeoPackage or CSV. */
@RestController
class ExportController {

    private final LayerExport exports;
    private final EpsgCodes epsgCodes;

    ExportController(LayerExport exports, EpsgCodes epsgCodes) {
        this.exports = exports;
        this.epsgCodes = epsgCodes;
    }

    @GetMapping("/api/exports/{layer}")
    ResponseEntity<byte[]> export(@PathVariable String layer, @RequestParam(defaultValue = "geojson") String format,
            @RequestParam(required = false) String crs, @RequestParam(required = false) String zone,
            @RequestParam(required = false) String bbox, @RequestParam(required = false) String state) {
        LayerExport.Format chosen;
        try {
            chosen = LayerExport.Format.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("参数 format 应为 geojson、gpkg、shp 或 csv。format must be geojson, gpkg, shp or csv, got '"
                    + com.landrenew.web.Excerpt.of(format) + "'");
        }
        Integer epsg = epsgCodes.parse("crs", crs);
        int target = epsg != null ? epsg : chosen == LayerExport.Format.geojson ? 4326 : 4549;
        byte[] file = exports.export(layer, chosen, target, blank(zone), bbox == null ? null : Bbox.parse("bbox", bbox),
                blank(state));
        String name = "landrenew-" + layer + (zone == null ? "" : "-" + zone) + "-epsg" + target + "." + chosen.extension;
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(chosen.mediaType))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(file);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
