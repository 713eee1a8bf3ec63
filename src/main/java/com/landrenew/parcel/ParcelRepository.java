package com.landrenew.parcel;

import java.util.List;
import java.util.Optional;

import com.landrenew.geo.Bbox;
import com.landrenew.geo.ChinaTime;
import com.landrenew.geo.SurveyBox;
import com.landrenew.security.Viewer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Parcels as GeoJSON built by PostGIS; geometry goes out in WGS84, areas are measured in EPSG:4549.
 * One parcel (found by ParcelLookup) is answered as the current {@link Viewer} may see it.
 */
@Repository
class ParcelRepository {

    private static final String MATCHING = """
            from parcel p
            join zone z on z.id = p.zone_id
            left join block b on b.id = p.block_id
            cross join box
            where p.geom && box.g and ST_Intersects(p.geom, box.g)
              and (cast(:zone as text) is null or z.code = :zone)
            """;

    private static final String PARCELS_IN_BOX = SurveyBox.CTE + """
            , page as (
              select p.id, p.geom, p.code, p.state, p.land_use_code, z.code as zone, b.code as block,
                     is_idle(p.state, p.construction_due, cast(:today as date)) as idle
            """ + MATCHING + """
              order by p.id
              limit :limit offset :offset)
            select json_build_object('numberMatched', (select count(*)
            """ + MATCHING + """
                     ), 'type', 'FeatureCollection', 'numberReturned', count(*),
                     'features', coalesce(json_agg(json_build_object(
                        'type', 'Feature', 'id', page.zone || '/' || page.code,
                        'geometry', ST_AsGeoJSON(ST_Transform(page.geom, 4326), 7)::json,
                        'properties', json_build_object(
                           'zone', page.zone, 'code', page.code, 'block', page.block,
                           'landUse', page.land_use_code, 'state', page.state, 'idle', page.idle,
                           'areaMu', to_mu(ST_Area(page.geom))))
                     order by page.id), '[]'::json))::text
            from page
            """;

    private static final String PARCEL_AS_FEATURE = """
            select json_build_object(
                     'type', 'Feature', 'id', z.code || '/' || p.code,
                     'geometry', ST_AsGeoJSON(ST_Transform(p.geom, 4326), 7)::json,
                     'properties', json_build_object(
                        'code', p.code, 'version', p.version,
                        'zone', json_build_object('code', z.code, 'name', z.name),
                        'block', case when b.id is null then null
                                      else json_build_object('code', b.code, 'name', b.name) end,
                        'landUse', json_build_object('code', lu.code, 'name', lu.name_zh, 'nameEn', lu.name_en,
                           'legacyCodes', (select coalesce(json_agg(l.legacy_code order by l.legacy_code), '[]'::json)
                                           from land_use_legacy l where l.land_use_code = lu.code)),
                        'state', json_build_object('code', s.code, 'name', s.name_zh, 'nameEn', s.name_en,
                                                   'colour', s.colour),
                        'enterprise', case when e.id is null then null
                                           else json_build_object('name', e.name, 'creditCode', e.credit_code,
                                                                  'industry', e.industry) end,
                        -- 亩均效益: the holder's per-mu figures, for staff and the holder only (Viewer): its latest
                        -- result computed in this zone (evaluation_result), else its latest figures as sent.
                        'evaluation', case when {seesFigures} then coalesce(
                                         (select json_build_object('year', r.year, 'grade', r.class, 'computed', true,
                                                 'score', r.score, 'veto', r.veto, 'notRated', r.not_rated,
                                                 'landMu', r.land_mu, 'taxWanPerMu', round(r.tax_wan_per_mu, 2),
                                                 'outputWanPerMu', round(r.value_added_wan_per_mu, 2),
                                                 'energyTcePerWan', round(f.energy_tce / nullif(f.output_wan, 0), 3))
                                          from evaluation_result r
                                          join enterprise_evaluation f on f.enterprise_id = r.enterprise_id and f.year = r.year
                                          where r.zone_code = z.code and r.enterprise_id = p.enterprise_id
                                          order by r.year desc limit 1),
                                         (select json_build_object('year', ev.year, 'grade', ev.grade, 'computed', false,
                                                 'landMu', ev.land_mu, 'taxWanPerMu', ev.tax_wan_per_mu,
                                                 'outputWanPerMu', ev.output_wan_per_mu,
                                                 'energyTcePerWan', ev.energy_tce_per_wan)
                                          from enterprise_latest_evaluation ev where ev.enterprise_id = p.enterprise_id))
                                      end,
                        'leaseStart', p.lease_start, 'leaseEnd', p.lease_end,
                        'constructionDue', p.construction_due,
                        'idle', is_idle(p.state, p.construction_due, cast(:today as date)),
                        'farMin', p.far_min, 'farMax', p.far_max, 'heightLimitM', p.height_limit_m,
                        'area', area_json(ST_Area(p.geom)),
                        'buildings', (select json_build_object(
                                         'count', count(*),
                                         'footprintM2', round(coalesce(sum(ST_Area(bu.footprint)), 0)::numeric, 2),
                                         'floorAreaM2', round(coalesce(sum(ST_Area(bu.footprint) * bu.floors), 0)::numeric, 2),
                                         'maxHeightM', max(bu.height_m))
                                      from building bu where bu.parcel_id = p.id),
                        'centroid', ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(p.geom), 4326), 7)::json->'coordinates'
                     ))::text
            from parcel_all p
            join zone z on z.id = p.zone_id
            left join block b on b.id = p.block_id
            join land_use lu on lu.code = p.land_use_code
            join life_cycle_state s on s.code = p.state
            left join enterprise e on e.id = p.enterprise_id
            where p.id = :id
            """.replace("{seesFigures}", Viewer.SEES_FIGURES);

    private final JdbcClient jdbc;

    ParcelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of the parcels meeting the box (and zone, when given), with the total that match. */
    String parcelsInBox(Bbox requested, String zone, int limit, int offset) {
        Optional<Bbox> clipped = requested.intersection(SurveyBox.SOUND_AREA);
        if (clipped.isEmpty()) {
            return "{\"numberMatched\":0,\"type\":\"FeatureCollection\",\"numberReturned\":0,\"features\":[]}";
        }
        Bbox box = clipped.get();
        // numberMatched sits beside numberReturned, as in OGC API - Features.
        return boxQuery(PARCELS_IN_BOX, box, zone).param("limit", limit).param("offset", offset)
                .param("today", ChinaTime.today())
                .query(String.class).single();
    }

    /** The parcel ParcelLookup found, with what the current viewer may see of it. */
    String parcelAsFeature(long id) {
        return Viewer.current().bind(jdbc.sql(PARCEL_AS_FEATURE)).param("id", id).param("today", ChinaTime.today())
                .query(String.class).single();
    }

    List<LifeCycleState> states() {
        return jdbc.sql("select code, ordinal, name_zh, name_en, colour from life_cycle_state order by ordinal")
                .query(LifeCycleState.class).list();
    }

    List<LandUse> landUses() {
        return jdbc.sql("""
                select lu.code, lu.parent_code, lu.name_zh, lu.name_en,
                       coalesce(array_agg(l.legacy_code order by l.legacy_code) filter (where l.legacy_code is not null),
                                '{}') as legacy_codes
                from land_use lu left join land_use_legacy l on l.land_use_code = lu.code
                group by lu.code order by lu.code
                """).query((rs, i) -> new LandUse(rs.getString("code"), rs.getString("parent_code"),
                        rs.getString("name_zh"), rs.getString("name_en"),
                        List.of((String[]) rs.getArray("legacy_codes").getArray()))).list();
    }

    private JdbcClient.StatementSpec boxQuery(String sql, Bbox box, String zone) {
        return SurveyBox.bind(jdbc.sql(sql), box).param("zone", zone);
    }
}
