package com.landrenew.search;

import com.landrenew.security.Viewer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The search box's answers, in SQL: parcels by any tail of their code (the map labels them "GB00011"),
 * enterprises by name or credit code (staff: all; an enterprise user: its own; visitors: none), blocks by
 * name or code, and named things of the basemap (places, exits, roads, rivers). Parcels only as the viewer
 * may see them (Viewer.SEES_PARCEL). Exact matches first, then parcels, blocks, enterprises and places; at
 * most {@value #MAX_ANSWERS}. Each answer carries where to fly: its extent in longitude/latitude.
 */
@Repository
class SearchRepository {

    static final int MAX_ANSWERS = 10;

    private static final String SEARCH = """
            with q as (select upper(cast(:q as text)) as q),
            parcels as (
              select 'parcel' as kind, 1 as kind_order, case when upper(p.code) = q.q then 0 else 1 end as rank,
                     p.code as label, b.name as detail, z.code as zone, p.code as code, p.geom as geom
              from parcel p
              join zone z on z.id = p.zone_id
              left join block b on b.id = p.block_id
              cross join q
              where right(upper(p.code), length(q.q)) = q.q
                and (cast(:zone as text) is null or z.code = :zone)
                and %1$s
              order by rank, z.code, p.code
              limit %2$d),
            blocks as (
              select 'block', 2, case when upper(b.name) = q.q or upper(b.code) = q.q then 0 else 2 end,
                     b.name, z.name, z.code, b.code, b.boundary
              from block b
              join zone z on z.id = b.zone_id
              cross join q
              where (strpos(upper(b.name), q.q) > 0 or upper(b.code) = q.q)
                and (cast(:zone as text) is null or z.code = :zone)
              limit %2$d),
            enterprises as (
              select 'enterprise', 3, case when upper(e.name) = q.q or e.credit_code = q.q then 0 else 3 end,
                     e.name, e.credit_code, min(z.code), e.credit_code, ST_Collect(p.geom)
              from enterprise e
              join parcel p on p.enterprise_id = e.id
              join zone z on z.id = p.zone_id
              cross join q
              where (:viewerIsStaff or e.id = :viewerEnterprise)
                and (strpos(upper(e.name), q.q) > 0 or strpos(e.credit_code, q.q) = 1)
                and (cast(:zone as text) is null or z.code = :zone)
              group by e.id, e.name, e.credit_code, q.q
              order by 3, e.name
              limit %2$d),
            places as (
              select 'place', 4, case when upper(f.name) = q.q then 0 else 4 end,
                     f.name, k.name, z.code, null::text, ST_Collect(f.geom)
              from basemap_feature f
              join basemap_kind k on k.code = f.kind
              join zone z on z.id = f.zone_id
              cross join q
              where strpos(upper(f.name), q.q) > 0
                and (cast(:zone as text) is null or z.code = :zone)
              group by z.code, k.name, f.kind, f.name, q.q
              limit %2$d),
            answers as (
              select * from (select * from parcels union all select * from blocks
                             union all select * from enterprises union all select * from places) a
              order by rank, kind_order, label
              limit %2$d)
            select coalesce(json_agg(json_build_object(
                     'kind', kind, 'label', label, 'detail', detail, 'zone', zone, 'code', code,
                     'bbox', json_build_array(round(ST_XMin(box)::numeric, 6), round(ST_YMin(box)::numeric, 6),
                                              round(ST_XMax(box)::numeric, 6), round(ST_YMax(box)::numeric, 6)))
                     order by rank, kind_order, label), '[]')::text
            from (select *, ST_Transform(ST_Envelope(geom), 4326) as box from answers) a
            """.formatted(Viewer.SEES_PARCEL, MAX_ANSWERS);

    private final JdbcClient jdbc;

    SearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The answers to {@code q} (trimmed, not blank) as a JSON array, for {@code viewer}; {@code zone} null for all zones. */
    String search(String q, String zone, Viewer viewer) {
        return viewer.bind(jdbc.sql(SEARCH)).param("q", q).param("zone", zone).query(String.class).single();
    }
}
