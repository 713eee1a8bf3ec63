package com.landrenew.parcel;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.GeoJson;

import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

/** A parcel's version as an HTTP entity tag: the detail answers it, an edit may send it back in If-Match. */
public final class ParcelVersions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ParcelVersions() {
    }

    /** The parcel feature with its version as a strong ETag ("3"). */
    static ResponseEntity<String> withETag(String feature) {
        int version = JSON.readTree(feature).path("properties").path("version").asInt();
        return ResponseEntity.ok().contentType(GeoJson.MEDIA_TYPE).eTag("\"" + version + "\"").body(feature);
    }

    /** The version an If-Match header names ("3", W/"3" or 3), or null without the header. */
    public static Integer fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        if (!tag.matches("\\d{1,9}")) {
            throw new BadRequestException("If-Match 须指明一个宗地版本，如 \"3\"，收到 " + Excerpt.of(ifMatch)
                    + "。If-Match must name one parcel version, such as \"3\"; got " + Excerpt.of(ifMatch));
        }
        return Integer.valueOf(tag);
    }
}
