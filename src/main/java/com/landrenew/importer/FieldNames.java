package com.landrenew.importer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.landrenew.web.BadRequestException;
import com.landrenew.web.Excerpt;

/**
 * Which property of a file is which parcel property. A property named as the import names it ({@code code},
 * {@code land_use}…) is itself; common cadastral field names are mapped without configuration (宗地代码/ZDDM →
 * code, 土地用途/TDYT → land_use, 权利人/QLR → holder, 宗地面积/ZDMJ → recorded_area); and a request may name
 * others with {@code fields=code:DKBH,land_use:DLBM}, which win over both.
 */
final class FieldNames {

    /** What {@code fields=} may map to. */
    static final Set<String> TARGETS = Set.of("code", "land_use", "holder", "recorded_area", "enterprise", "state", "block",
            "lease_start", "lease_end", "far_min", "far_max", "height_limit_m");

    /** Cadastral field names (GB/T 33183 and the usual Chinese headings), upper case. */
    private static final Map<String, String> CADASTRAL = Map.ofEntries(
            Map.entry("宗地代码", "code"), Map.entry("ZDDM", "code"),
            Map.entry("土地用途", "land_use"), Map.entry("TDYT", "land_use"),
            Map.entry("权利人", "holder"), Map.entry("QLR", "holder"),
            Map.entry("宗地面积", "recorded_area"), Map.entry("ZDMJ", "recorded_area"),
            // LandRenew's own names as a Shapefile cuts them to 10 characters (its exports round trip).
            Map.entry("LEASE_STAR", "lease_start"), Map.entry("HEIGHT_LIM", "height_limit_m"));

    private static final int MAX_PAIRS = 20;
    private static final int MAX_NAME = 64;

    /** Only the names the import uses itself and the cadastral ones. */
    static final FieldNames DEFAULT = new FieldNames(Map.of(), FeatureStream.PARCEL_PROPERTIES, true);

    private final Map<String, String> given;
    private final Set<String> own;
    private final boolean cadastral;

    private FieldNames(Map<String, String> given, Set<String> own, boolean cadastral) {
        this.given = given;
        this.own = own;
        this.cadastral = cadastral;
    }

    /** Exactly these properties, by their own names (a layer other than parcels: the basemap's kind and name). */
    static FieldNames only(Set<String> names) {
        return new FieldNames(Map.of(), names, false);
    }

    /** The mapping a request names ({@code target:source} pairs, comma separated); DEFAULT when absent. */
    static FieldNames parse(String fields) {
        if (fields == null || fields.isBlank()) {
            return DEFAULT;
        }
        String[] pairs = fields.split(",", -1);
        if (pairs.length > MAX_PAIRS) {
            throw bad("最多 " + MAX_PAIRS + " 项", "at most " + MAX_PAIRS + " pairs");
        }
        Map<String, String> given = new LinkedHashMap<>();
        Set<String> targets = new java.util.HashSet<>();
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            String target = colon < 0 ? "" : pair.substring(0, colon).strip();
            String source = colon < 0 ? "" : pair.substring(colon + 1).strip();
            if (!TARGETS.contains(target)) {
                throw bad("'" + Excerpt.of(pair) + "' 不是 目标:字段名，目标为 " + String.join("、", new java.util.TreeSet<>(TARGETS)),
                        "'" + Excerpt.of(pair) + "' is not target:field with target one of " + new java.util.TreeSet<>(TARGETS));
            }
            if (source.isEmpty() || source.length() > MAX_NAME || source.chars().anyMatch(Character::isISOControl)) {
                throw bad("字段名 '" + Excerpt.of(source) + "' 应有 1 到 " + MAX_NAME + " 个字符，不含控制字符",
                        "field name '" + Excerpt.of(source) + "' must have 1 to " + MAX_NAME + " characters, no control characters");
            }
            if (!targets.add(target) || given.containsKey(key(source))) {
                throw bad(target + " 或 " + Excerpt.of(source) + " 出现了两次", target + " or " + Excerpt.of(source) + " is named twice");
            }
            given.put(key(source), target);
        }
        return new FieldNames(given, FeatureStream.PARCEL_PROPERTIES, true);
    }

    /**
     * Renames a feature's properties: the request's mapping first, then the import's own names, then the
     * cadastral ones; a property already set by a stronger rule is not overwritten.
     */
    Map<String, Object> rename(Map<String, Object> properties) {
        Map<String, Object> out = new HashMap<>();
        Map<String, Integer> strength = new HashMap<>();
        properties.forEach((name, value) -> {
            String key = key(name);
            String target;
            int rank;
            if (given.containsKey(key)) {
                target = given.get(key);
                rank = 3;
            } else if (given.containsValue(name)) {
                // The request gave this target another field: the file's own one gives way.
                return;
            } else if (own.contains(name)) {
                target = name;
                rank = 2;
            } else if (cadastral && CADASTRAL.containsKey(key)) {
                target = CADASTRAL.get(key);
                rank = 1;
            } else {
                return;
            }
            if (strength.getOrDefault(target, 0) < rank) {
                out.put(target, value);
                strength.put(target, rank);
            }
        });
        return out;
    }

    /** Whether a property of this name is read at all (the others are checked, then dropped). */
    boolean wanted(String name) {
        String key = key(name);
        return given.containsKey(key) || own.contains(name) || cadastral && CADASTRAL.containsKey(key);
    }

    private static String key(String name) {
        return name.strip().toUpperCase(Locale.ROOT);
    }

    private static BadRequestException bad(String zh, String en) {
        return new BadRequestException("参数 fields 有误：" + zh + "。fields is wrong: " + en);
    }
}
