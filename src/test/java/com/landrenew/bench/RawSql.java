package com.landrenew.bench;

/**
 * The raw-SQL side of the map cases: what the server answers, written out by hand in PostGIS. Each
 * statement takes its input from a bench table row named by one parameter ({@code :tile_n},
 * {@code :box_n}, {@code :parcel_n}): pgbench substitutes its variable of that name, and the bench's
 * own check binds it as a named parameter, so the statement checked is the statement timed. "Today"
 * is the day in China, as the server's.
 */
final class RawSql {

    static final String TILE_VARIABLE = "tile_n";
    static final String BOX_VARIABLE = "box_n";
    static final String PARCEL_VARIABLE = "parcel_n";

    /** The tile with its 64-unit buffer (of 4096) and half a 256-px pixel as simplification tolerance. */
    private static final String TILE = """
            with tile as (
              select ST_TileEnvelope(zoom, x, y) as box, ST_TileEnvelope(zoom, x, y, margin => 64.0 / 4096) as near,
                     2 * 20037508.342789244 / 512 / power(2, zoom) as tolerance
              from bench_tile where zoom = %d and n = :tile_n)""";

    /** The parcels layer from zoom 13 on: every parcel meeting the tile, in id order. */
    private static final String PARCEL_TILE = TILE + """
            ,
            features as (
              select p.id, ST_AsMVTGeom(ST_Simplify(p.geom_3857, tile.tolerance, true), tile.box, 4096, 64, true) as geom,
                     z.code as zone, p.code, b.code as block, p.state, p.land_use_code as land_use,
                     coalesce(is_idle(p.state, p.construction_due, (now() at time zone 'Asia/Shanghai')::date), false) as idle,
                     to_mu(ST_Area(p.geom))::float8 as area_mu,
                     p.height_limit_m::float8 as height_limit_m
              from parcel p join zone z on z.id = p.zone_id left join block b on b.id = p.block_id, tile
              where p.geom_3857 && tile.near)
            select ST_AsMVT(features, 'parcels', 4096, 'geom', 'id' order by id) from features where geom is not null
            """;

    /**
     * The parcels layer at zoom 12: one feature per block meeting the tile, without id, in the state
     * covering most of its parcels' area (ties: the first state code), with that state's share of the
     * area, its parcels and their area in mu, all from parcel_stats; parcels outside blocks grouped by zone and a
     * grid of 8 x 8 cells a tile, each group the box of its parcels with the same attributes.
     */
    private static final String OVERVIEW_TILE = TILE + """
            ,
            blocks as (
              select b.id, z.code as zone, b.code, b.geom_3857
              from block b join zone z on z.id = b.zone_id, tile
              where b.geom_3857 && tile.near),
            totals as (
              select st.block_id, sum(st.parcels)::int as parcels, sum(st.area_m2) as area_m2, max(st.area_m2) as top_m2
              from parcel_stats st join blocks on blocks.id = st.block_id
              where st.parcels > 0
              group by st.block_id),
            dominant as (
              select distinct on (st.block_id) st.block_id, st.state
              from parcel_stats st join blocks on blocks.id = st.block_id
              where st.parcels > 0
              order by st.block_id, st.area_m2 desc, st.state),
            outside as (
              select z.code as zone, p.state, ST_Area(p.geom) as m2, p.geom_3857,
                     floor((ST_XMin(p.geom_3857) + 20037508.342789244) / (2 * 20037508.342789244 / power(2, %1$d) / 8)) as cx,
                     floor((ST_YMin(p.geom_3857) + 20037508.342789244) / (2 * 20037508.342789244 / power(2, %1$d) / 8)) as cy
              from parcel p join zone z on z.id = p.zone_id, tile
              where p.geom_3857 && tile.near and p.block_id is null),
            cells as (
              select zone, cx, cy, count(*)::int as parcels, sum(m2) as m2, ST_SetSRID(ST_Extent(geom_3857)::geometry, 3857) as box
              from outside group by zone, cx, cy),
            cell_dominant as (
              select distinct on (zone, cx, cy) zone, cx, cy, state, m2
              from (select zone, cx, cy, state, sum(m2) as m2 from outside group by zone, cx, cy, state) s
              order by zone, cx, cy, m2 desc, state),
            features as (
              select null::bigint as id, ST_AsMVTGeom(ST_Simplify(b.geom_3857, tile.tolerance, true), tile.box, 4096, 64, true) as geom,
                     b.zone, null::text as code, b.code as block, d.state,
                     round((t.top_m2 / nullif(t.area_m2, 0))::numeric, 3)::float8 as share, t.parcels,
                     to_mu(t.area_m2)::float8 as area_mu
              from blocks b join totals t on t.block_id = b.id join dominant d on d.block_id = b.id, tile
              union all
              select null::bigint, ST_AsMVTGeom(c.box, tile.box, 4096, 64, true), c.zone, null, null, d.state,
                     round((d.m2 / nullif(c.m2, 0))::numeric, 3)::float8, c.parcels, to_mu(c.m2)::float8
              from cells c join cell_dominant d using (zone, cx, cy), tile)
            select ST_AsMVT(features, 'parcels', 4096, 'geom', 'id' order by zone, block, id, geom) from features where geom is not null
            """;

    /** A parcel as the OGC API's GeoJSON feature (p, z, b, e: parcel, zone, block, enterprise). */
    private static final String FEATURE = """
            json_build_object('type', 'Feature', 'id', p.id,
                     'geometry', ST_AsGeoJSON(ST_Transform(p.geom, 4326), 7)::json,
                     'properties', json_build_object('zone', z.code, 'code', p.code, 'block', b.code, 'state', p.state,
                        'land_use', p.land_use_code,
                        'idle', coalesce(is_idle(p.state, p.construction_due, (now() at time zone 'Asia/Shanghai')::date), false),
                        'area_m2', round(ST_Area(p.geom)::numeric, 2), 'area_mu', to_mu(ST_Area(p.geom)),
                        'area_ha', to_ha(ST_Area(p.geom)), 'enterprise', e.name, 'credit_code', e.credit_code,
                        'lease_start', p.lease_start, 'lease_end', p.lease_end, 'construction_due', p.construction_due,
                        'far_min', p.far_min, 'far_max', p.far_max, 'height_limit_m', p.height_limit_m))""";

    /**
     * OGC items in a box: the first 100 parcels meeting it (by id) as GeoJSON features, and how many meet
     * it. The box is taken into EPSG:4549 with its edges densified, as the server does.
     */
    static final String ITEMS = """
            with input as (select w, s, e as east, nn from bench_box where n = :box_n),
            box as (
              select ST_Transform(ST_Segmentize(ST_MakeEnvelope(w, s, east, nn, 4326), (east - w) / 32), 4549) as g
              from input),
            page as (
              select p.id, %s as feature
              from parcel p join zone z on z.id = p.zone_id left join block b on b.id = p.block_id
              left join enterprise e on e.id = p.enterprise_id, box
              where p.geom && box.g and ST_Intersects(p.geom, box.g)
              order by p.id limit 100)
            select coalesce(json_agg(feature order by id), '[]'::json)::text as features,
                   (select count(*) from parcel p, box where p.geom && box.g and ST_Intersects(p.geom, box.g)) as matched
            from page
            """.formatted(FEATURE);

    /** One parcel as the OGC API's feature, and its area in m² (the check's figure). */
    static final String LOOKUP = """
            select %s::text as feature, round(ST_Area(p.geom)::numeric, 2) as area_m2
            from parcel p join zone z on z.id = p.zone_id left join block b on b.id = p.block_id
            left join enterprise e on e.id = p.enterprise_id
            where p.id = (select id from bench_parcel where n = :parcel_n)
            """.formatted(FEATURE);

    private RawSql() {
    }

    /** The parcels layer's tile at {@code zoom}: the per-block overview at zoom 12, parcels deeper. */
    static String tile(int zoom) {
        return (zoom <= 12 ? OVERVIEW_TILE : PARCEL_TILE).formatted(zoom);
    }
}
