package com.landrenew.basemap;

import com.landrenew.web.JsonAnswer;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/zones/{zone}/basemap-labels}: where the map writes the basemap's names, as GeoJSON points in
 * longitude/latitude. The basemap's shapes come as vector tiles (layer/MapLayers.BASEMAP), which cannot say
 * where a name fits; this says it: a named line every {@value #LABEL_SPACING_M} m along each part (at least
 * once, on parts of {@value #MIN_LABELLED_M} m and more) with the line's direction there ({@code azimuth},
 * degrees clockwise from north), a named area at a point inside it, a named point where it is. Public.
 */
@RestController
class BasemapLabels {

    static final int LABEL_SPACING_M = 3000;
    static final int MIN_LABELLED_M = 400;

    private static final String LABELS = """
            with parts as (
              select f.kind, f.name, (ST_Dump(f.geom)).geom as part
              from basemap_feature f join zone z on z.id = f.zone_id
              where z.code = :zone and f.name is not null),
            labels as (
              select kind, name, ST_LineInterpolatePoint(part, s.at) as at,
                     round(degrees(ST_Azimuth(ST_LineInterpolatePoint(part, greatest(s.at - 0.01, 0)),
                                              ST_LineInterpolatePoint(part, least(s.at + 0.01, 1))))::numeric) as azimuth
              from parts
              cross join lateral (select (i - 0.5) / n as at
                                  from (select greatest(1, floor(ST_Length(part) / :spacing))::int as n) c,
                                       generate_series(1, c.n) i) s
              where GeometryType(part) = 'LINESTRING' and ST_Length(part) >= :minimum
              union all
              select kind, name, ST_PointOnSurface(part), null from parts where GeometryType(part) = 'POLYGON'
              union all
              select kind, name, part, null from parts where GeometryType(part) = 'POINT')
            select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                     'type', 'Feature', 'geometry', ST_AsGeoJSON(ST_Transform(at, 4326), 7)::json,
                     'properties', json_build_object('kind', kind, 'name', name, 'azimuth', azimuth))
                     order by kind, name, ST_X(at), ST_Y(at)), '[]'::json))::text
            from labels
            """;

    private final JdbcClient jdbc;

    BasemapLabels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/zones/{zone}/basemap-labels")
    ResponseEntity<String> labels(@PathVariable String zone) {
        return JsonAnswer.ok(jdbc.sql(LABELS).param("zone", zone).param("spacing", LABEL_SPACING_M)
                .param("minimum", MIN_LABELLED_M).query(String.class).single());
    }
}
