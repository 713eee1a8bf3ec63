package com.landrenew.tiles;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.landrenew.database.ReadReplica;
import com.landrenew.layer.MapLayer;
import com.landrenew.security.Viewer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Cuts vector tiles in PostGIS: rows are picked by the stored Web Mercator copy of their geometry
 * (GiST-indexed), simplified to half a pixel at the tile's zoom, clipped and quantised by
 * ST_AsMVTGeom and encoded by ST_AsMVT. Areas are still measured on the survey geometry (EPSG:4549).
 * Features go in in id order, so a tile made again of the same data has the same bytes and ETag
 * (a parallel aggregate would interleave them differently each time).
 */
@Repository
class TileRepository {

    /** Tile coordinates per side (the MVT default) and the buffer around the tile, in those units. */
    static final int EXTENT = 4096;
    static final int BUFFER = 64;
    /** The buffer as a fraction of the tile: features this close to a tile are drawn in it. */
    static final double MARGIN = (double) BUFFER / EXTENT;

    /** The tile, the tile with its buffer (to pick rows), and the simplification tolerance (half a 256-px pixel). */
    private static final String TILE = """
            with tile as (select ST_TileEnvelope(:z, :x, :y) as box,
                                 ST_TileEnvelope(:z, :x, :y, margin => :margin) as near,
                                 2 * 20037508.342789244 / 256 / 2 / power(2, :z) as tolerance)
            """;

    /**
     * The parcels layer at zone scale (zoom {@value #OVERVIEW_MAX_ZOOM} and out): a tile there would hold
     * thousands of parcels a few pixels wide, too slow to cut and too small to click. Instead one feature
     * per block (no feature id), coloured by the state that covers most of its parcels' area, with its
     * parcel count and area from parcel_stats (V11); and the parcels outside any block (an imported county may
     * have thousands) grouped by zone and by a grid of {@value #OVERVIEW_CELLS} x {@value #OVERVIEW_CELLS} cells a
     * tile, each group one feature: the box of its parcels, coloured likewise, with their count and area.
     */
    private static final String PARCELS_OVERVIEW = TILE + """
            , blocks as (
              select null::bigint as id, ST_AsMVTGeom(ST_Simplify(t.geom_3857, tile.tolerance, true), tile.box, :extent, :buffer, true) as geom,
                     z.code as zone, null::text as code, t.code as block, s.state, s.share, s.parcels, s.area_mu
              from block t
              join zone z on z.id = t.zone_id
              cross join tile
              join lateral (
                select (array_agg(st.state order by st.area_m2 desc, st.state))[1] as state,
                       round((max(st.area_m2) / nullif(sum(st.area_m2), 0))::numeric, 3)::float8 as share,
                       sum(st.parcels)::int as parcels, to_mu(sum(st.area_m2))::float8 as area_mu
                from parcel_stats st where st.block_id = t.id and st.parcels > 0) s on s.parcels > 0
              where t.geom_3857 && tile.near),
            outside_cells as (
              select z.code as zone, t.state,
                     floor((ST_XMin(t.geom_3857) + 20037508.342789244) / :cell) as cx,
                     floor((ST_YMin(t.geom_3857) + 20037508.342789244) / :cell) as cy,
                     count(*) as parcels, sum(ST_Area(t.geom)) as m2, ST_SetSRID(ST_Extent(t.geom_3857)::geometry, 3857) as box
              from parcel t
              join zone z on z.id = t.zone_id
              cross join tile
              where t.geom_3857 && tile.near and t.block_id is null
              group by z.code, t.state, cx, cy),
            outside_blocks as (
              select null::bigint as id,
                     ST_AsMVTGeom(ST_SetSRID(ST_Extent(c.box)::geometry, 3857), tile.box, :extent, :buffer, true) as geom,
                     c.zone, null::text as code, null::text as block,
                     (array_agg(c.state order by c.m2 desc, c.state))[1] as state,
                     round((max(c.m2) / nullif(sum(c.m2), 0))::numeric, 3)::float8 as share,
                     sum(c.parcels)::int as parcels, to_mu(sum(c.m2))::float8 as area_mu
              from outside_cells c
              cross join tile
              group by c.zone, c.cx, c.cy, tile.box),
            features as (select * from blocks union all select * from outside_blocks)
            select ST_AsMVT(features, 'parcels', :extent, 'geom', 'id' order by zone, block, id, geom) from features where geom is not null
            """;

    /** Cells per side of a tile in which the overview groups parcels outside blocks (about 1.2 km at zoom 12). */
    static final int OVERVIEW_CELLS = 8;

    /** Deepest zoom at which the parcels layer is the per-block overview. */
    static final int OVERVIEW_MAX_ZOOM = 12;

    /**
     * One layer's tile: the rows of the layer's {@code from} (alias t) whose Web Mercator geometry meets the
     * tile with its buffer, with the attributes the layer list gives its tiles, in id order.
     */
    private static String layer(TileLayer layer) {
        MapLayer entry = layer.layer();
        String attributes = entry.fields(MapLayer.Use.TILES).stream()
                .map(f -> (f.type().tileCast() == null ? f.sql() : "cast(" + f.sql() + " as " + f.type().tileCast() + ")")
                        + " as " + f.name())
                .collect(Collectors.joining(",\n       "));
        return TILE + """
                , features as (
                  select t.id, ST_AsMVTGeom(ST_Simplify(%1$s, tile.tolerance, true), tile.box, :extent, :buffer, true) as geom,
                         %2$s
                  %3$s
                  cross join tile
                  where %1$s && tile.near)
                select ST_AsMVT(features, '%4$s', :extent, 'geom', 'id' order by id) from features where geom is not null
                """.formatted(entry.mercator(), attributes, entry.from().strip(), layer.id());
    }

    private static final Map<TileLayer, String> SQL = TileLayer.ALL.stream()
            .collect(Collectors.toMap(layer -> layer, TileRepository::layer));

    private final JdbcClient jdbc;
    /** Tiles are cut from the replica when there is one; the extents of changed parcels are read from the primary. */
    private final JdbcClient tileReads;

    TileRepository(JdbcClient jdbc, ReadReplica replica) {
        this.jdbc = jdbc;
        this.tileReads = replica.reads();
    }

    /** The tile's MVT bytes; empty when no feature of the layer meets it. */
    byte[] tile(TileKey key, LocalDate today) {
        String sql = key.layer() == TileLayer.PARCELS && key.z() <= OVERVIEW_MAX_ZOOM ? PARCELS_OVERVIEW : SQL.get(key.layer());
        // Tiles are one for every reader (cached): cut as a visitor sees the layer.
        byte[] bytes = Viewer.ANONYMOUS.bind(tileReads.sql(sql)).param("z", key.z()).param("x", key.x()).param("y", key.y())
                .param("margin", MARGIN).param("extent", EXTENT).param("buffer", BUFFER).param("today", today)
                .param("cell", 2 * 20037508.342789244 / (1L << key.z()) / OVERVIEW_CELLS)
                .query(byte[].class).optional().orElse(null);
        return bytes == null ? new byte[0] : bytes;
    }

    /** The parcel's bounding box in EPSG:3857, if it exists (retired parcels too: their tiles go as they retire). */
    Optional<MercatorBox> parcelBounds(long parcelId) {
        return boxOf("p.geom_3857", "parcel_all p", parcelId);
    }

    /**
     * The bounding box in EPSG:3857 of the block the parcel lies in, or of its zone when it lies in none: a
     * change of any of its parcels changes that block's (or the zone's outside-blocks) feature in the overview tiles.
     */
    Optional<MercatorBox> blockBounds(long parcelId) {
        return boxOf("coalesce(b.geom_3857, z.geom_3857)",
                "parcel_all p join zone z on z.id = p.zone_id left join block b on b.id = p.block_id", parcelId);
    }

    /** The extent of {@code geometry} in the row of {@code from} (parcel_all aliased p) with the parcel's id. */
    private Optional<MercatorBox> boxOf(String geometry, String from, long parcelId) {
        return jdbc.sql("select ST_XMin(%1$s), ST_YMin(%1$s), ST_XMax(%1$s), ST_YMax(%1$s) from %2$s where p.id = :id"
                .formatted(geometry, from)).param("id", parcelId)
                .query((rs, i) -> new MercatorBox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
                .optional();
    }
}
