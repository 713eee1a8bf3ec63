package com.landrenew.layer;

import java.util.Optional;

import com.landrenew.geo.Bbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where the map's layers lie: the zones' extent, since every layer's features lie in the zones. TileJSON
 * announces it as a layer's bounds and the OGC API as a collection's spatial extent.
 */
@Repository
public class MapExtent {

    private static final String ZONES_EXTENT = """
            select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            from (select ST_Transform(ST_SetSRID(ST_Extent(geom_3857)::geometry, 3857), 4326) as e from zone) x
            where e is not null
            """;

    private final JdbcClient jdbc;

    MapExtent(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The zones' extent in longitude/latitude (WGS84), or empty when there are none. */
    public Optional<Bbox> lonLat() {
        return jdbc.sql(ZONES_EXTENT)
                .query((rs, i) -> new Bbox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
                .optional();
    }
}
