package com.landrenew.zone;

import java.util.Map;

import com.landrenew.geo.EpsgCodes;
import com.landrenew.geo.GeometryInput;
import com.landrenew.geo.SurveyBox;
import com.landrenew.web.BadRequestException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * A zone's or block's boundary as sent to the API: a GeoJSON Polygon or MultiPolygon in CRS84, or in the
 * CRS named by {@code crs} (an EPSG code), taken to the survey CRS EPSG:4549 as a MultiPolygon (hex EWKB,
 * so nothing is lost between statements). Its shape is checked first (GeometryInput: rings, finite numbers,
 * the vertex limit), then that it lands where the survey CRS holds: coordinates in the wrong CRS would
 * otherwise put a zone thousands of kilometres away.
 */
@Component
class BoundaryInput {

    private static final String READ = """
            select problem, case when problem is null then ST_AsHexEWKB(ST_Multi(ST_Force2D(ST_Transform(g, 4549)))) end as survey
            from (select g,
                         case when g is null then '不能作为 GeoJSON 几何读取。cannot be read as a GeoJSON geometry'
                              when GeometryType(g) not in ('POLYGON', 'MULTIPOLYGON')
                                   then '应是 GeoJSON Polygon 或 MultiPolygon，而不是 ' || lower(GeometryType(g))
                                        || '。must be a GeoJSON Polygon or MultiPolygon, not ' || lower(GeometryType(g))
                              when ST_IsEmpty(g) then '是空的。is empty'
                              when ST_XMin(w) < :minLon or ST_XMax(w) > :maxLon or ST_YMin(w) < :minLat or ST_YMax(w) > :maxLat
                                   then '不在测量坐标系适用的范围内（坐标应是经纬度 CRS84，或用 crs 指明坐标系），范围为 '
                                        || box || '。lies outside the area the survey CRS holds: coordinates must be '
                                        || 'longitude/latitude (CRS84) or in the CRS named by crs; got a box of ' || box
                         end as problem
                  from (select try_geometry(:json, cast(:srid as int)) as g) x
                  cross join lateral (select case when g is null or ST_IsEmpty(g) then null
                                                  when cast(:srid as int) = 4326 then g else ST_Transform(g, 4326) end as w) y
                  cross join lateral (select ST_XMin(g) || ', ' || ST_YMin(g) || ', ' || ST_XMax(g) || ', ' || ST_YMax(g) as box) b) z
            """;

    private final JdbcClient jdbc;
    private final GeometryInput geometries;
    private final EpsgCodes epsgCodes;

    BoundaryInput(JdbcClient jdbc, GeometryInput geometries, EpsgCodes epsgCodes) {
        this.jdbc = jdbc;
        this.geometries = geometries;
        this.epsgCodes = epsgCodes;
    }

    /** The boundary in EPSG:4549 (hex EWKB); 400 naming what is wrong when it cannot be. */
    String read(JsonNode geometry, JsonNode crs) {
        if (geometry == null || geometry.isNull() || !geometry.isObject()) {
            throw new BadRequestException("缺少 geometry：应是 GeoJSON Polygon 或 MultiPolygon（经纬度 CRS84）。"
                    + "geometry is required: a GeoJSON Polygon or MultiPolygon in longitude/latitude (CRS84).");
        }
        if (crs != null && !crs.isNull() && !crs.isString()) {
            throw new BadRequestException("crs 应是 EPSG 代码字符串，如 \"EPSG:4549\"。crs must be an EPSG code as a string, "
                    + "e.g. \"EPSG:4549\".");
        }
        Integer srid = crs == null || crs.isNull() ? null : epsgCodes.parse("crs", crs.asString());
        geometries.check("geometry", geometry);
        Map<String, Object> row = jdbc.sql(READ).param("json", geometry.toString()).param("srid", srid == null ? 4326 : srid)
                .param("minLon", SurveyBox.SOUND_AREA.minLon()).param("maxLon", SurveyBox.SOUND_AREA.maxLon())
                .param("minLat", SurveyBox.SOUND_AREA.minLat()).param("maxLat", SurveyBox.SOUND_AREA.maxLat())
                .query().singleRow();
        if (row.get("problem") != null) {
            String[] zhEn = ((String) row.get("problem")).split("。", 2);
            throw new BadRequestException("geometry " + zhEn[0] + "。geometry " + zhEn[1]);
        }
        return (String) row.get("survey");
    }
}
