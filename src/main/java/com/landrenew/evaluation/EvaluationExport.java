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

/**
 * A zone-year's results as files: CSV (UTF-8 with a BOM, for Excel) and XLSX, each a title row (what,
 * zone, year, as of) then Chinese-first headers and one row per enterprise the viewer may see.
 */
final class EvaluationExport {

    static final List<String> HEADER = List.of("统一社会信用代码 Credit code", "企业名称 Name", "规模 Group",
            "用地面积（亩）Land (mu)", "申报用地（亩）Declared land (mu)", "亩均税收（万元/亩）Tax per mu",
            "亩均增加值（万元/亩）Value added per mu", "单位能耗增加值（万元/吨标煤）Value added per tce",
            "单位排放增加值（万元/吨）Value added per t of emissions", "全员劳动生产率（万元/人）Value added per employee",
            "研发经费占比（%）R&D share of revenue", "亩均税收得分 Tax score", "亩均增加值得分 Value added score",
            "单位能耗增加值得分 Energy score", "单位排放增加值得分 Emission score", "全员劳动生产率得分 Labour score",
            "研发占比得分 R&D score", "总分 Score", "类别 Class", "否决原因 Veto", "未参评原因 Not rated",
            "组内排名 Rank", "组内企业数 Group size", "上年类别 Class last year");

    private EvaluationExport() {
    }

    /** The title row's text: what, zone, year, as of. */
    static String title(String zoneName, String zone, int year, String asOf) {
        return "亩均效益综合评价结果 Per-mu evaluation results · " + zoneName + " (" + zone + ") · " + year
                + " 年度 · 截至 as of " + asOf;
    }

    static byte[] csv(String title, List<EvaluationRow> rows) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(CsvCell.of(title)).append("\r\n");
        out.append(String.join(",", HEADER.stream().map(CsvCell::of).toList())).append("\r\n");
        for (EvaluationRow r : rows) {
            out.append(String.join(",", cells(r).stream().map(CsvCell::of).toList()))
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xlsx(String title, List<EvaluationRow> rows) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("评价结果 Results");
            sheet.createRow(0).createCell(0).setCellValue(title);
            Row head = sheet.createRow(1);
            for (int c = 0; c < HEADER.size(); c++) {
                head.createCell(c).setCellValue(HEADER.get(c));
            }
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.createRow(i + 2);
                List<Object> cells = cells(rows.get(i));
                for (int c = 0; c < cells.size(); c++) {
                    Object v = cells.get(c);
                    if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (v != null) {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            sheet.createFreezePane(0, 2);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> cells(EvaluationRow r) {
        return new ArrayList<>(Arrays.asList(r.creditCode(), r.name(), "above".equals(r.scaleGroup()) ? "规上" : "规下",
                r.landMu(), r.declaredMu(), r.taxWanPerMu(), r.valueAddedWanPerMu(), r.valueAddedWanPerTce(),
                r.valueAddedWanPerEmissionT(), r.valueAddedWanPerEmployee(), r.rdSharePct(), r.taxScore(),
                r.valueAddedScore(), r.energyScore(), r.emissionScore(), r.labourScore(), r.rdScore(), r.score(),
                r.grade(), r.veto(), r.notRated(), r.rank(), r.groupSize(), r.classLastYear()));
    }
}
