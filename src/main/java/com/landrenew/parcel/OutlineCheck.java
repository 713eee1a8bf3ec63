package com.landrenew.parcel;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.landrenew.geo.Bbox;
import com.landrenew.geo.GeometryInput;
import com.landrenew.geo.SurveyBox;
import com.landrenew.web.BadRequestException;
import com.landrenew.web.RejectedException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * A parcel outline checked in PostGIS before it is stored: read from GeoJSON in CRS84 (lon/lat, as the map
 * draws), taken to the survey CRS EPSG:4549, and then held to what the import holds a feature to (valid
 * rings, inside the zone, no overlap above the tolerance with current parcels: the SQL function
 * outline_problems, V15). Outlines travel between
 * statements as hex EWKB, so nothing is lost on the way.
 */
@Component
class OutlineCheck {

    /** Vertices this close (m) to a neighbour's, the zone's or the old outline's are put on them. */
    static final double SNAP_M = 0.05;

    /** What is wrong with a GeoJSON outline: {Chinese, English}, each to follow the field's name; null if nothing. */
    private static final String READ = """
            select problem[1] as problem_zh, problem[2] as problem_en,
                   case when problem is null
                        then ST_AsHexEWKB(case when cast(:multi as boolean) then ST_Multi(ST_Force2D(ST_Transform(g, 4549)))
                                               else ST_Force2D(ST_Transform(g, 4549)) end) end as survey
            from (select g,
                         case when g is null then array['无法按 GeoJSON 读取', 'cannot be read as GeoJSON']
                              when GeometryType(g) <> all(cast(:types as text[]))
                                   then array['须为' || :typeNamesZh || '，而不是 ' || lower(GeometryType(g)),
                                              'must be a ' || :typeNames || ', not ' || lower(GeometryType(g))]
                              when ST_IsEmpty(g) then array['为空', 'is empty']
                              when ST_XMin(g) < :minLon or ST_XMax(g) > :maxLon or ST_YMin(g) < :minLat or ST_YMax(g) > :maxLat
                                   then array['须为测量坐标系适用范围内的经纬度（CRS84），收到的范围是 ' || box,
                                              'must be longitude/latitude (CRS84) where the survey CRS holds, got a box of ' || box]
                         end as problem
                  from (select g, ST_XMin(g) || ', ' || ST_YMin(g) || ', ' || ST_XMax(g) || ', ' || ST_YMax(g) as box
                        from (select try_geometry(:json, 4326) as g) x) b) y
            """;

    /**
     * The outline with its vertices put on those of the parcel it replaces, its neighbours and the zone's
     * boundary where they are within {@link #SNAP_M}: coordinates that went out as rounded lon/lat come back
     * on the very vertices they left, so no sliver of overlap or gap is made. Unsnapped if snapping would
     * make it invalid.
     */
    private static final String SNAPPED = """
            with o as (select cast(:outline as geometry) as g),
            ref as (
              select ST_Collect(x.g) as g from (
                select p.geom as g from parcel p, o where p.geom && ST_Expand(o.g, 1)
                union all select z.boundary from zone z where z.id = :zone
                union all select p.geom from parcel_all p where p.id = :own) x)
            select ST_AsHexEWKB(case when s.g is not null and ST_IsValid(s.g) then s.g else o.g end)
            from o cross join ref cross join lateral (select ST_Multi(ST_Snap(o.g, ref.g, :snap)) as g) s
            """;

    /** The rules an outline is held to, one SQL function for edits and imports alike (V15). */
    private static final String PROBLEMS = """
            select outline_problems(cast(:outline as geometry), :zone, cast(:ignoring as bigint[]), cast(:tolerance as float8))
            """;

    private final JdbcClient jdbc;
    private final GeometryInput geometries;
    private final double toleranceM2;

    OutlineCheck(JdbcClient jdbc, GeometryInput geometries,
            @Value("${landrenew.import.overlap-tolerance-m2:1.0}") double toleranceM2) {
        this.jdbc = jdbc;
        this.geometries = geometries;
        this.toleranceM2 = toleranceM2;
    }

    /** The overlap (and outside-the-zone) area an outline may have, m²: the import's tolerance. */
    double toleranceM2() {
        return toleranceM2;
    }

    /** A GeoJSON Polygon or MultiPolygon in CRS84 as a MultiPolygon in EPSG:4549 (hex EWKB); 400 if unreadable. */
    String readPolygon(String field, JsonNode geometry) {
        return read(field, geometry, List.of("POLYGON", "MULTIPOLYGON"), "GeoJSON Polygon or MultiPolygon",
                " GeoJSON 面（Polygon 或 MultiPolygon）");
    }

    /** A GeoJSON LineString in CRS84 in EPSG:4549 (hex EWKB); 400 if unreadable. */
    String readLine(String field, JsonNode geometry) {
        return read(field, geometry, List.of("LINESTRING"), "GeoJSON LineString", " GeoJSON 线（LineString）");
    }

    private String read(String field, JsonNode geometry, List<String> types, String typeNames, String typeNamesZh) {
        if (geometry == null || geometry.isNull() || !geometry.isObject()) {
            throw new BadRequestException("缺少 " + field + "：须为经纬度（CRS84）的" + typeNamesZh + "。"
                    + field + " is required: a " + typeNames + " in longitude/latitude (CRS84)");
        }
        geometries.check(field, geometry);
        Map<String, Object> row = jdbc.sql(READ).param("json", geometry.toString())
                .param("types", types.toArray(String[]::new)).param("typeNames", typeNames).param("typeNamesZh", typeNamesZh)
                .param("multi", types.contains("MULTIPOLYGON"))
                .param("minLon", SurveyBox.SOUND_AREA.minLon()).param("maxLon", SurveyBox.SOUND_AREA.maxLon())
                .param("minLat", SurveyBox.SOUND_AREA.minLat()).param("maxLat", SurveyBox.SOUND_AREA.maxLat())
                .query().singleRow();
        if (row.get("problem_en") != null) {
            throw new BadRequestException(field + " " + row.get("problem_zh") + "。" + field + " " + row.get("problem_en"));
        }
        return (String) row.get("survey");
    }

    /** 422 when an outline made here (a merge's union) has more vertices than a parcel may have. */
    void requireVertexLimit(String field, String outline) {
        geometries.requireAtMost(field, jdbc.sql("select ST_NPoints(cast(:g as geometry))").param("g", outline)
                .query(Integer.class).single());
    }

    /** The outline snapped to its surroundings (see {@link #SNAPPED}); {@code own} is the parcel it replaces. */
    String snapped(String outline, int zoneId, long own) {
        return jdbc.sql(SNAPPED).param("outline", outline).param("zone", zoneId).param("own", own).param("snap", SNAP_M)
                .query(String.class).single();
    }

    /** What keeps the outline from being stored in the zone, beside the parcels it replaces; empty if nothing. */
    List<String> problems(String outline, int zoneId, Collection<Long> replacing) {
        return jdbc.sql(PROBLEMS).param("outline", outline).param("zone", zoneId)
                .param("ignoring", replacing.toArray(Long[]::new)).param("tolerance", toleranceM2)
                .query(String.class).list();
    }

    /** 422 naming every problem, when there is one; {@code subjectZh}/{@code subjectEn} name the outline. */
    void require(String subjectZh, String subjectEn, String outline, int zoneId, Collection<Long> replacing) {
        List<String> problems = problems(outline, zoneId, replacing);
        if (!problems.isEmpty()) {
            throw RejectedException.problems(subjectZh, subjectEn, problems);
        }
    }

    /** Where the parcel lies now, in longitude/latitude. */
    Bbox extent(long parcelId) {
        return jdbc.sql("""
                select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
                from (select ST_Transform(geom, 4326) as e from parcel_all where id = :id) x""")
                .param("id", parcelId)
                .query((rs, i) -> new Bbox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
                .single();
    }
}
