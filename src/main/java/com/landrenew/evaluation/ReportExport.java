package com.landrenew.evaluation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.landrenew.web.CsvCell;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.stereotype.Component;

/**
 * The yearly report as files auditors keep: a title row (what, zone, period, as of), the Chinese
 * header, the English header under it, then one row per figure; the same table in CSV and XLSX.
 */
@Component
class ReportExport {

    static final List<String> HEADER_ZH = List.of("项目", "类别或年度", "企业数", "宗地数", "面积（亩）",
            "亩均税收（万元/亩）", "亩均增加值（万元/亩）");
    static final List<String> HEADER_EN = List.of("item", "class_or_year", "enterprises", "parcels", "mu",
            "tax_wan_per_mu", "value_added_wan_per_mu");

    static String title(EvaluationReport r) {
        return "亩均效益评价年度报告 Per-mu evaluation yearly report：" + r.zoneName() + "（" + r.zone() + "），"
                + r.year() + " 年度 period " + r.from() + " 至 to " + r.to() + "，截至 as of " + r.asOf();
    }

    byte[] csv(EvaluationReport report) {
        StringBuilder out = new StringBuilder("\uFEFF"); // a BOM so that Excel reads the Chinese as UTF-8
        out.append(CsvCell.of(title(report))).append("\r\n");
        out.append(String.join(",", HEADER_ZH)).append("\r\n");
        out.append(String.join(",", HEADER_EN)).append("\r\n");
        for (List<Object> row : rows(report)) {
            out.append(String.join(",", row.stream().map(CsvCell::of).toList())).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] xlsx(EvaluationReport report) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("年度报告 Report");
            sheet.createRow(0).createCell(0).setCellValue(title(report));
            write(sheet.createRow(1), new ArrayList<>(HEADER_ZH));
            write(sheet.createRow(2), new ArrayList<>(HEADER_EN));
            List<List<Object>> rows = rows(report);
            for (int r = 0; r < rows.size(); r++) {
                write(sheet.createRow(r + 3), rows.get(r));
            }
            sheet.createFreezePane(0, 3);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report's figures, one row each: item, class or year, enterprises, parcels, mu, tax and value added per mu. */
    static List<List<Object>> rows(EvaluationReport r) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("参评企业 Enterprises evaluated", "", r.enterprisesEvaluated(), "", "", "", ""));
        rows.add(row("评级企业 Enterprises rated", "", r.enterprisesRated(), "", r.ratedLandMu(), "", ""));
        for (EvaluationReport.ClassRow c : r.classes()) {
            rows.add(row("分类 Class", c.evaluationClass(), c.enterprises(), "", c.landMu(), "", ""));
        }
        EvaluationReport.Work w = r.work();
        rows.add(land("认定低效用地 Low-efficiency land identified", "", w.lowEfficiencyIdentified()));
        rows.add(land("一企一策 Under a plan", w.plans(), w.underPlan()));
        rows.add(land("提升改造 Improved in place", "", w.improvedInPlace()));
        rows.add(land("腾退 Vacating begun", "", w.vacating()));
        rows.add(land("腾空盘活 Freed", w.enterprisesMovedOut(), w.freed()));
        for (EvaluationReport.YearRow y : r.years()) {
            rows.add(row("历年亩均 Per mu by year", y.year(), y.enterprises(), "", "", blank(y.taxWanPerMu()),
                    blank(y.valueAddedWanPerMu())));
        }
        return rows;
    }

    private static List<Object> land(String item, Object enterprises, EvaluationReport.Land land) {
        return row(item, "", enterprises, land.parcels(), land.mu(), "", "");
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    private static Object blank(Double v) {
        return v == null ? "" : v;
    }

    private static void write(Row row, List<Object> cells) {
        for (int c = 0; c < cells.size(); c++) {
            Object v = cells.get(c);
            if (v instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            } else {
                row.createCell(c).setCellValue(String.valueOf(v));
            }
        }
    }

}
