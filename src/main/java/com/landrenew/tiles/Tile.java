package com.landrenew.tiles;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A produced tile: its Mapbox Vector Tile bytes (none for an empty tile) and an entity tag naming its content. */
record Tile(byte[] bytes, String etag) {

    static Tile of(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Tile(new byte[0], null);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Tile(bytes, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isEmpty() {
        return bytes.length == 0;
    }

    /** What the tile costs the cache: its bytes and the key and entry around them. */
    int weight() {
        return bytes.length + 128;
    }
}
