package com.landrenew.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A table people download (CSV or a workbook sheet) the way they read it: a title row saying what, which
 * zone, which period and as of when; the column names in Chinese, then in English on a second header row;
 * then the rows, dates as ISO 8601 (yyyy-mm-dd) text. The one way the server writes such files.
 */
public record ReportTable(String title, List<Column> columns, List<List<Object>> rows) {

    /** A column's name in Chinese and in English. */
    public record Column(String zh, String en) {
    }

    /** The header rows and rows before the data: the title, the Chinese and the English names. */
    public static final int HEADER_ROWS = 3;

    public static Column column(String zh, String en) {
        return new Column(zh, en);
    }

    /** CSV (RFC 4180, CRLF) with a byte-order mark, so that Excel reads the Chinese as UTF-8. */
    public byte[] csv() {
        StringBuilder out = new StringBuilder(csvHeader());
        rows.forEach(row -> line(out, row));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The byte-order mark, the title and the two header rows, for rows written elsewhere (by the database). */
    public String csvHeader() {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, List.of(title));
        line(out, columns.stream().map(c -> (Object) c.zh()).toList());
        line(out, columns.stream().map(c -> (Object) c.en()).toList());
        return out.toString();
    }

    /** A workbook (XLSX) of this table alone, on a sheet named {@code sheetName}. */
    public byte[] xlsx(String sheetName) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            addTo(book, sheetName);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table as a sheet of {@code book}: title in bold across the columns, headers frozen, numbers as numbers. */
    public Sheet addTo(Workbook book, String sheetName) {
        Sheet sheet = book.createSheet(sheetName);
        Font bold = book.createFont();
        bold.setBold(true);
        var boldStyle = book.createCellStyle();
        boldStyle.setFont(bold);
        Row titleRow = sheet.createRow(0);
        titleRow.createCell(0).setCellValue(title);
        titleRow.getCell(0).setCellStyle(boldStyle);
        if (columns.size() > 1) {
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns.size() - 1));
        }
        Row zh = sheet.createRow(1);
        Row en = sheet.createRow(2);
        for (int c = 0; c < columns.size(); c++) {
            zh.createCell(c).setCellValue(columns.get(c).zh());
            zh.getCell(c).setCellStyle(boldStyle);
            en.createCell(c).setCellValue(columns.get(c).en());
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r + HEADER_ROWS);
            List<Object> cells = rows.get(r);
            for (int c = 0; c < cells.size(); c++) {
                Object v = cells.get(c);
                if (v instanceof Number n) {
                    row.createCell(c).setCellValue(n.doubleValue());
                } else {
                    row.createCell(c).setCellValue(v == null ? "" : String.valueOf(v));
                }
            }
        }
        sheet.createFreezePane(0, HEADER_ROWS);
        return sheet;
    }

    private static void line(StringBuilder out, List<Object> cells) {
        List<String> quoted = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            quoted.add(CsvCell.of(cell));
        }
        out.append(String.join(",", quoted)).append("\r\n");
    }
}
