package com.landrenew.ogc;

import java.nio.charset.StandardCharsets;

import com.landrenew.parcel.ParcelWrites;

import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

/**
 * The ETag of one feature. A parcel's is its version (as /api/parcels answers it), so that a Part 4
 * change can send it back in If-Match; a feature of a read-only collection gets a digest of its JSON.
 */
@Component
class FeatureTags {

    static final String PARCELS = "parcels";

    private final ParcelWrites parcels;

    FeatureTags(ParcelWrites parcels) {
        this.parcels = parcels;
    }

    String of(OgcCollection collection, long id, String feature) {
        if (collection.id().equals(PARCELS)) {
            return version(parcels.named(id).version());
        }
        return "\"" + DigestUtils.md5DigestAsHex(feature.getBytes(StandardCharsets.UTF_8)) + "\"";
    }

    static String version(int version) {
        return "\"" + version + "\"";
    }
}
