package com.landrenew.parcel;

import com.landrenew.security.Viewer;
import com.landrenew.web.GeoJson;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me/parcels}: an enterprise user's own parcels (我的宗地), current ones in every zone, with
 * their outlines, state, block and official area, for the map's list and highlight. Enterprise users only
 * (security/SecurityConfig); staff have no parcels of their own.
 */
@RestController
class OwnParcelsController {

    private static final String OWN_PARCELS = """
            select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                     'type', 'Feature', 'id', z.code || '/' || p.code,
                     'geometry', ST_AsGeoJSON(ST_Transform(p.geom, 4326), 7)::json,
                     'properties', json_build_object('zone', z.code, 'zoneName', z.name, 'code', p.code,
                         'state', p.state, 'stateName', s.name_zh, 'block', b.code, 'blockName', b.name,
                         'area', area_json(ST_Area(p.geom))))
                   order by z.code, p.code), '[]'))::text
            from parcel p
            join zone z on z.id = p.zone_id
            join life_cycle_state s on s.code = p.state
            left join block b on b.id = p.block_id
            where p.enterprise_id = :enterprise
            """;

    private final JdbcClient jdbc;

    OwnParcelsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/me/parcels")
    ResponseEntity<String> ownParcels() {
        return GeoJson.ok(jdbc.sql(OWN_PARCELS).param("enterprise", Viewer.current().enterpriseId())
                .query(String.class).single());
    }
}
