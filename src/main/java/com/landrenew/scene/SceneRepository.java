package com.landrenew.scene;

import java.util.List;

import com.landrenew.security.Viewer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A parcel's 3D scene, built in one statement by PostGIS: everything within {@code radius} metres of
 * the parcel (or of all the parcels of its combined site, "site"), clipped there, in local metres
 * (EPSG:4549 minus the centroid of the parcel or site; x east, y north,
 * heights up). Polygons go out as arrays of rings of [x, y] to the centimetre. Neighbours the viewer
 * may not see (a visitor: anything but available land) keep their shape, not their code, state or use.
 */
@Repository
class SceneRepository {

    /** Neighbours a visitor may not see (not available land) are drawn in this grey, without code, state or use. */
    static final String OTHER_LAND_COLOUR = "#b8b8b8";

    private static final String SCENE = """
            with subject as (
              -- the parcel, and the other parcels of its combined site: one subject, drawn and framed together
              select p.id, p.geom, p.code, p.state, p.land_use_code, p.far_min, p.far_max, p.height_limit_m,
                     exists (select 1 from available_land a where a.parcel_id = p.id) as available
              from parcel_all p
              where p.id = any(cast(:ids as bigint[]))),
            whole as (select ST_Union(geom) as g, sum(ST_Area(geom)) as m2 from subject),
            focus as (
              select p.id, p.geom, z.code as zone, p.code, p.state, p.land_use_code, p.far_min, p.far_max,
                     p.height_limit_m, ST_X(c.g) as cx, ST_Y(c.g) as cy, c.g as centroid,
                     ST_Buffer(w.g, :radius) as area, ST_Buffer(w.g, :radius * 1.6) as ground_area, w.m2,
                     exists (select 1 from available_land a where a.parcel_id = p.id) as available
              from parcel_all p
              join zone z on z.id = p.zone_id
              cross join whole w
              cross join lateral (select ST_Centroid(w.g) as g) c
              where p.id = :id),
            near_parcels as (
              select p.id, p.geom, z.code as zone, p.code, p.state, p.land_use_code,
                     ST_CoveredBy(p.geom, f.area) as inside, %1$s as visible
              from focus f
              join parcel p on p.geom && f.area and ST_Intersects(p.geom, f.area)
              join zone z on z.id = p.zone_id),
            near_buildings as (
              select bu.id, bu.parcel_id, bu.floors, bu.height_m, case when np.visible then np.code end as parcel,
                     np.id = any(cast(:ids as bigint[])) as on_subject,
                     case when ST_CoveredBy(bu.footprint, f.area) then bu.footprint
                          else ST_CollectionExtract(ST_Intersection(bu.footprint, f.area), 3) end as g
              from focus f
              join building bu on bu.footprint && f.area and ST_Intersects(bu.footprint, f.area)
              join near_parcels np on np.id = bu.parcel_id),
            -- roads: what of the blocks' land no parcel covers (streets and lanes between the parcels)
            roads as (
              select ST_Difference(ST_Intersection(blocks.g, f.area), coalesce(parcels.g, 'POLYGON EMPTY'::geometry)) as g
              from focus f
              cross join lateral (select ST_Union(b.boundary) as g from block b
                                  where b.boundary && f.area and ST_Intersects(b.boundary, f.area)) blocks
              cross join lateral (select ST_Union(np.geom) as g from near_parcels np) parcels),
            -- the ground around: the basemap's roads, railways and rivers as strips of their width, and water
            ground as (
              select bf.kind, ST_CollectionExtract(ST_Intersection(case when GeometryType(bf.geom) like '%%POLYGON'
                       then bf.geom else ST_Buffer(bf.geom, case bf.kind when 'motorway' then 14 when 'arterial' then 14
                       when 'river' then 18 when 'railway' then 4 else 7 end, 'endcap=flat join=round') end, f.ground_area), 3) as g
              from focus f
              join basemap_feature bf on bf.geom && f.ground_area and ST_Intersects(bf.geom, f.ground_area)
              where GeometryType(bf.geom) not like '%%POINT')
            select json_build_object(
                     'zone', f.zone, 'code', f.code, 'radiusM', cast(:radius as float8),
                     'origin', json_build_object('crs', 'EPSG:4549', 'x', f.cx, 'y', f.cy,
                        'lonLat', ST_AsGeoJSON(ST_Transform(f.centroid, 4326), 7)::json->'coordinates'),
                     'extent', json_build_array(round(cast(ST_XMin(f.area) - f.cx as numeric), 2),
                        round(cast(ST_YMin(f.area) - f.cy as numeric), 2), round(cast(ST_XMax(f.area) - f.cx as numeric), 2),
                        round(cast(ST_YMax(f.area) - f.cy as numeric), 2)),
                     'parcel', json_build_object(
                        'code', f.code, 'state', f.state, 'stateName', s.name_zh, 'stateNameEn', s.name_en,
                        'colour', s.colour, 'landUse', f.land_use_code, 'landUseName', lu.name_zh,
                        'area', area_json(ST_Area(f.geom)), 'farMin', f.far_min, 'farMax', f.far_max,
                        'heightLimitM', f.height_limit_m, 'available', f.available,
                        'polygons', local_polygons(f.geom, f.cx, f.cy)),
                     -- what the planning conditions allow on available land: the footprint up to the height
                     -- limit, and the floor area FAR × area
                     'envelope', case when f.available then json_build_object(
                        'heightM', f.height_limit_m, 'footprintM2', round(cast(ST_Area(f.geom) as numeric), 2),
                        'floorAreaMinM2', round(cast(f.far_min * ST_Area(f.geom) as numeric), 2),
                        'floorAreaMaxM2', round(cast(f.far_max * ST_Area(f.geom) as numeric), 2),
                        'farMin', f.far_min, 'farMax', f.far_max) end,
                     'parcels', (select coalesce(json_agg(json_build_object(
                                    'zone', np.zone, 'code', case when np.visible then np.code end,
                                    'state', case when np.visible then np.state end,
                                    'colour', case when np.visible then ns.colour else '%2$s' end,
                                    'landUse', case when np.visible then np.land_use_code end, 'clipped', not np.inside,
                                    'polygons', local_polygons(case when np.inside then np.geom
                                                           else ST_CollectionExtract(ST_Intersection(np.geom, f.area), 3) end,
                                                      f.cx, f.cy)) order by np.code), '[]'::json)
                                 from near_parcels np join life_cycle_state ns on ns.code = np.state
                                 where np.id <> all(cast(:ids as bigint[]))),
                     -- the subject as a whole: its total area, and each of its parcels with its envelope
                     'site', json_build_object('codes', (select json_agg(sp.code order by sp.code) from subject sp),
                        'area', area_json(f.m2),
                        'parcels', (select json_agg(json_build_object(
                                      'code', sp.code, 'state', sp.state, 'colour', ss.colour,
                                      'area', area_json(ST_Area(sp.geom)), 'available', sp.available,
                                      'polygons', local_polygons(sp.geom, f.cx, f.cy),
                                      'envelope', case when sp.available then json_build_object(
                                         'heightM', sp.height_limit_m, 'footprintM2', round(cast(ST_Area(sp.geom) as numeric), 2),
                                         'floorAreaMinM2', round(cast(sp.far_min * ST_Area(sp.geom) as numeric), 2),
                                         'floorAreaMaxM2', round(cast(sp.far_max * ST_Area(sp.geom) as numeric), 2)) end)
                                    order by sp.code)
                                    from subject sp join life_cycle_state ss on ss.code = sp.state)),
                     'buildings', (select coalesce(json_agg(json_build_object(
                                    'id', nb.id, 'parcel', nb.parcel, 'onParcel', nb.on_subject,
                                    'floors', nb.floors, 'heightM', nb.height_m, 'polygons', local_polygons(nb.g, f.cx, f.cy))
                                    order by nb.id), '[]'::json)
                                   from near_buildings nb where not ST_IsEmpty(nb.g)),
                     'roads', (select local_polygons(r.g, f.cx, f.cy) from roads r),
                     'ground', (select coalesce(json_agg(json_build_object('kind', g.kind,
                                    'polygons', local_polygons(g.g, f.cx, f.cy)) order by g.kind), '[]'::json)
                                from ground g where not ST_IsEmpty(g.g)),
                     'states', (select json_agg(json_build_object('code', code, 'nameZh', name_zh, 'nameEn', name_en,
                                                                  'colour', colour) order by ordinal)
                                from life_cycle_state))::text
            from focus f
            join life_cycle_state s on s.code = f.state
            join land_use lu on lu.code = f.land_use_code
            """.formatted(Viewer.SEES_PARCEL, OTHER_LAND_COLOUR);

    private final JdbcClient jdbc;

    SceneRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The scene around a subject: the parcel ParcelLookup found first, with the other parcels of its
     * combined site after it; centred on and reaching {@code radius} beyond them all.
     */
    String scene(List<Long> subject, double radius, Viewer viewer) {
        return viewer.bind(jdbc.sql(SCENE)).param("id", subject.get(0)).param("ids", subject.toArray(Long[]::new))
                .param("radius", radius).query(String.class).single();
    }
}
