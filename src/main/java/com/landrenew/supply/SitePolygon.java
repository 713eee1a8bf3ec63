package com.landrenew.supply;

import com.landrenew.geo.GeometryInput;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.databind.JsonNode;

/** A site drawn on the map: a GeoJSON Polygon or MultiPolygon in WGS84, checked before PostGIS sees it. */
final class SitePolygon {

    static final String FIELD = "site.polygon";
    private static final int MAX_VERTICES = 2000;

    private SitePolygon() {
    }

    /** The polygon as WKT in longitude/latitude, or a 400 naming what is wrong with it. */
    static String wkt(JsonNode geoJson, GeometryInput geometries) {
        if (geoJson == null || !geoJson.isObject()) {
            throw new BadRequestException(FIELD + " 须为 GeoJSON 几何对象。" + FIELD + " must be a GeoJSON geometry object.");
        }
        String type = geoJson.path("type").asString("");
        if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
            throw new BadRequestException(FIELD + " 须为 GeoJSON Polygon 或 MultiPolygon，收到类型 '" + Excerpt.of(type) + "'。" + FIELD
                    + " must be a GeoJSON Polygon or MultiPolygon, got type '" + Excerpt.of(type) + "'.");
        }
        geometries.check(FIELD, geoJson);
        Geometry polygon;
        try {
            polygon = new GeoJsonReader().read(geoJson.toString());
        } catch (ParseException | RuntimeException e) {
            throw new BadRequestException(FIELD + " 不是可读的 GeoJSON。" + FIELD + " is not readable GeoJSON: " + e.getMessage());
        }
        if (!(polygon instanceof Polygon) && !(polygon instanceof MultiPolygon) || polygon.isEmpty()) {
            throw new BadRequestException(FIELD + " 须为非空的 Polygon 或 MultiPolygon。" + FIELD + " must be a non-empty Polygon or MultiPolygon.");
        }
        if (polygon.getNumPoints() > MAX_VERTICES) {
            throw new BadRequestException(FIELD + " 有 " + polygon.getNumPoints() + " 个顶点，上限 " + MAX_VERTICES + "。" + FIELD + " has "
                    + polygon.getNumPoints() + " vertices; at most " + MAX_VERTICES + " are accepted.");
        }
        for (Coordinate c : polygon.getCoordinates()) {
            if (!(c.x >= -180 && c.x <= 180 && c.y >= -90 && c.y <= 90)) {
                throw new BadRequestException(FIELD + " 须为 WGS84 经纬度（度），发现 " + c.x + ", " + c.y + "。" + FIELD
                        + " must be longitude/latitude in degrees (WGS84); found " + c.x + ", " + c.y + ".");
            }
        }
        TopologyValidationError error = new IsValidOp(polygon).getValidationError();
        if (error != null) {
            throw new BadRequestException(FIELD + " 不是有效的多边形（" + error.getCoordinate() + " 附近）。" + FIELD + " is not a valid polygon: "
                    + error.getMessage() + " near " + error.getCoordinate() + ".");
        }
        if (polygon.getArea() <= 0) {
            throw new BadRequestException(FIELD + " 没有围成面积。" + FIELD + " encloses no area.");
        }
        return new WKTWriter().write(polygon);
    }
}
