package com.landrenew.scene;

import java.util.Optional;

import com.landrenew.geo.Bbox;
import com.landrenew.geo.SurveyBox;
import com.landrenew.security.Viewer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Building footprints with their heights, for the map's 2.5D layer. The parcel a building stands on and
 * its state go only to viewers who may see that parcel (a visitor: available land), as in the 3D scene.
 */
@Repository
class BuildingRepository {

    private static final String BUILDINGS_IN_BOX = SurveyBox.CTE + """
            , found as (
              select bu.id, bu.footprint, bu.floors, bu.height_m, z.code as zone,
                     case when %1$s then p.code end as parcel, case when %1$s then p.state end as state
              from building bu
              join parcel p on p.id = bu.parcel_id
              join zone z on z.id = p.zone_id
              cross join box
              where bu.footprint && box.g and ST_Intersects(bu.footprint, box.g)
              order by bu.id
              limit :limit + 1)
            select json_build_object('type', 'FeatureCollection',
                     'numberReturned', least(count(*), :limit),
                     'truncated', count(*) > :limit,
                     'features', coalesce(json_agg(json_build_object(
                        'type', 'Feature', 'id', f.id,
                        'geometry', ST_AsGeoJSON(ST_Transform(f.footprint, 4326), 7)::json,
                        'properties', json_build_object('zone', f.zone, 'parcel', f.parcel, 'state', f.state,
                                                        'floors', f.floors, 'heightM', f.height_m))
                     order by f.id) filter (where f.rn <= :limit), '[]'::json))::text
            from (select found.*, row_number() over (order by found.id) as rn from found) f
            """.formatted(Viewer.SEES_PARCEL);

    private final JdbcClient jdbc;

    BuildingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String buildingsInBox(Bbox requested, int limit, Viewer viewer) {
        Optional<Bbox> clipped = requested.intersection(SurveyBox.SOUND_AREA);
        if (clipped.isEmpty()) {
            return "{\"type\":\"FeatureCollection\",\"numberReturned\":0,\"truncated\":false,\"features\":[]}";
        }
        return SurveyBox.bind(viewer.bind(jdbc.sql(BUILDINGS_IN_BOX)), clipped.get()).param("limit", limit)
                .query(String.class).single();
    }
}
