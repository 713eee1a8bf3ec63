package com.landrenew.ogc;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.landrenew.parcel.ParcelWrites;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

/**
 * The ETag of one feature. A parcel's is its version (as /api/parcels answers it), so that a Part 4
 * change can send it back in If-Match; a zone's or block's (also writable) is a digest of what a planner
 * can change in its row, the same whatever CRS or form it is read in; a feature of a read-only collection
 * gets a digest of its JSON.
 */
@Component
class FeatureTags {

    static final String PARCELS = "parcels";
    static final String ZONES = "zones";
    static final String BLOCKS = "blocks";

    /** A digest of each writable zone or block row: its names and its boundary. */
    private static final Map<String, String> ROW_DIGESTS = Map.of(
            ZONES, """
                    select md5(concat_ws('|', t.code, t.name, coalesce(t.admin_code, '-'), ST_AsHexEWKB(t.boundary)))
                    from zone t where t.id = :id""",
            BLOCKS, """
                    select md5(concat_ws('|', z.code, t.code, t.name, ST_AsHexEWKB(t.boundary)))
                    from block t join zone z on z.id = t.zone_id where t.id = :id""");

    private final ParcelWrites parcels;
    private final JdbcClient jdbc;

    FeatureTags(ParcelWrites parcels, JdbcClient jdbc) {
        this.parcels = parcels;
        this.jdbc = jdbc;
    }

    String of(OgcCollection collection, long id, String feature) {
        if (collection.id().equals(PARCELS)) {
            return version(parcels.named(id).version());
        }
        return row(collection.id(), id).orElseGet(() ->
                "\"" + DigestUtils.md5DigestAsHex(feature.getBytes(StandardCharsets.UTF_8)) + "\"");
    }

    /** The tag of the zone or block {@code id} ({@code collection} zones or blocks); empty when there is none. */
    Optional<String> row(String collection, long id) {
        String sql = ROW_DIGESTS.get(collection);
        if (sql == null) {
            return Optional.empty();
        }
        return jdbc.sql(sql).param("id", id).query(String.class).optional().map(digest -> "\"" + digest + "\"");
    }

    static String version(int version) {
        return "\"" + version + "\"";
    }
}
