package com.landrenew.importer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.landrenew.web.CsvCell;

/**
 * An import's report as CSV, one row per finding (problems, then warnings), for people to work through in
 * a spreadsheet: UTF-8 with a byte-order mark (Excel), Chinese headers first.
 */
final class ImportReportCsv {

    private static final List<String> HEADER = List.of("要素 feature", "代码 code", "结果 status", "类别 kind", "问题 problem",
            "位置 where (EPSG:4549)");

    private ImportReportCsv() {
    }

    static byte[] of(ImportReport report) {
        StringBuilder out = new StringBuilder("\uFEFF");
        row(out, HEADER);
        for (ImportReport.FeatureReport f : report.report()) {
            for (String problem : f.problems()) {
                row(out, List.of(f.index(), text(f.code()), f.status(), ImportReport.Kind.of(problem).label, problem, text(f.where())));
            }
            for (String warning : f.warnings()) {
                row(out, List.of(f.index(), text(f.code()), f.status(), ImportReport.Kind.of(warning).label, warning, text(f.where())));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, List<?> cells) {
        out.append(String.join(",", cells.stream().map(CsvCell::of).toList())).append("\r\n");
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
