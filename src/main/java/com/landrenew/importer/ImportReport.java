package com.landrenew.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import found, feature by feature; nothing is written unless every feature is fine. It starts with a
 * summary (how many features have each kind of problem or warning); {@code notes} say what the reader decided
 * for the whole file (the EPSG code a coordinate file resolved to, the encoding of its attributes).
 */
record ImportReport(String file, String zone, int features, int imported, boolean dryRun, List<KindCount> summary,
        List<String> notes, List<FeatureReport> report) {

    /**
     * One feature: its position in the file (from 1), its code, what is wrong or was repaired, what is worth
     * a look but does not stop the import (warnings), and where it lies (x,y of its centre in EPSG:4549).
     */
    record FeatureReport(int index, String code, String status, List<String> problems, List<String> warnings, String where) {
    }

    /** How many features have a kind of finding. */
    record KindCount(String kind, String label, long features) {
    }

    /**
     * The kinds of findings, told by how the checks (ParcelImport, FeatureStream, V23 outline_problems) start
     * their messages (Chinese first; the English starts are those of messages still English only); the first that matches counts.
     */
    enum Kind {
        REPAIRED("已修复的几何 geometry repaired", "已修复", "repaired:"),
        GEOMETRY("几何无法使用 geometry unusable", "geometry", "invalid geometry", "几何"),
        OUTSIDE_ZONE("超出开发区 outside the zone", "超出开发区", "lies "),
        OVERLAPS_PARCEL("与现有地块重叠 overlaps a stored parcel", "与宗地", "overlaps parcel"),
        OVERLAPS_FEATURE("与文件中其他要素重叠 overlaps another feature of the file", "与文件中", "overlaps feature"),
        CODE("代码缺失或重复 code missing or not unique", "代码", "缺少代码", "code "),
        LAND_USE("用地类型未知 land use unknown", "用地类型", "缺少用地类型", "land_use"),
        AREA_DIFFERS("记载面积与计算面积不符（提醒）recorded area differs (warning)", "记载面积"),
        HOLDER_UNMATCHED("权利人未匹配（提醒）holder not matched (warning)", "权利人"),
        OTHER("其他属性问题 other attribute problems", "");

        final String label;
        private final List<String> starts;

        Kind(String label, String... starts) {
            this.label = label;
            this.starts = List.of(starts);
        }

        static Kind of(String finding) {
            for (Kind kind : values()) {
                if (kind.starts.stream().anyMatch(finding::startsWith)) {
                    return kind;
                }
            }
            return OTHER;
        }
    }

    static ImportReport of(String file, String zone, int imported, boolean dryRun, List<String> notes, List<FeatureReport> report) {
        Map<Kind, Long> counts = new LinkedHashMap<>();
        for (FeatureReport feature : report) {
            List<String> findings = new ArrayList<>(feature.problems());
            findings.addAll(feature.warnings());
            findings.stream().map(Kind::of).distinct().forEach(kind -> counts.merge(kind, 1L, Long::sum));
        }
        List<KindCount> summary = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (counts.containsKey(kind)) {
                summary.add(new KindCount(kind.name().toLowerCase(java.util.Locale.ROOT), kind.label, counts.get(kind)));
            }
        }
        return new ImportReport(file, zone, report.size(), imported, dryRun, summary, notes, report);
    }

    long rejected() {
        return report.stream().filter(f -> "rejected".equals(f.status())).count();
    }
}
