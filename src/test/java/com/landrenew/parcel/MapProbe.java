package com.landrenew.parcel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

import com.landrenew.support.Api;
import com.landrenew.support.SurveyShapes;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the map and a GIS client see of hand-made land: GeoJSON in CRS84 made by PostGIS from EPSG:4549
 * geometry, the parcel codes in a vector tile, the codes the bbox API answers for a parcel's box.
 */
final class MapProbe {

    private final Api api;
    private final JdbcClient jdbc;

    MapProbe(Api api, JdbcClient jdbc) {
        this.api = api;
        this.jdbc = jdbc;
    }

    /** A geometry written in EPSG:4549 WKT (see {@link SurveyShapes}), as GeoJSON in CRS84. */
    String lonLat(String surveyWkt) {
        return SurveyShapes.lonLat(jdbc, surveyWkt);
    }

    /** The XYZ tile of zoom z holding a survey point. */
    int[] tileOf(double x, double y, int z) {
        double[] lonLat = SurveyShapes.lonLat(jdbc, x, y);
        double n = Math.pow(2, z);
        double lat = Math.toRadians(lonLat[1]);
        return new int[] {(int) Math.floor((lonLat[0] + 180) / 360 * n),
                (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n)};
    }

    /** The parcel codes a parcel tile draws (empty for a tile without parcels). */
    Set<String> tileCodes(int z, int[] xy) {
        Api.Binary tile = api.getBinary("/tiles/parcels/" + z + "/" + xy[0] + "/" + xy[1] + ".mvt");
        Set<String> codes = new TreeSet<>();
        if (tile.status() == 204) {
            return codes;
        }
        if (tile.status() != 200) {
            throw new AssertionError("tile " + z + "/" + xy[0] + "/" + xy[1] + " answered " + tile.status());
        }
        try {
            JtsLayer layer = MvtReader.loadMvt(new ByteArrayInputStream(tile.body()), new GeometryFactory(),
                    new TagKeyValueMapConverter(false, "id")).getLayer("parcels");
            for (Geometry g : layer.getGeometries()) {
                codes.add(String.valueOf(((java.util.Map<?, ?>) g.getUserData()).get("code")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }

    /** The codes the bbox API answers for the survey box (with the zone given). */
    Set<String> codesInBox(String zone, double x0, double y0, double x1, double y1) {
        String bbox = jdbc.sql("""
                select ST_XMin(e) || ',' || ST_YMin(e) || ',' || ST_XMax(e) || ',' || ST_YMax(e)
                from (select ST_Transform(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), 4326) as e) q""")
                .param("x0", x0).param("y0", y0).param("x1", x1).param("y1", y1).query(String.class).single();
        Set<String> codes = new TreeSet<>();
        api.json("/api/parcels?zone=" + zone + "&bbox=" + bbox).path("features")
                .forEach(f -> codes.add(f.path("properties").path("code").asString()));
        return codes;
    }
}
