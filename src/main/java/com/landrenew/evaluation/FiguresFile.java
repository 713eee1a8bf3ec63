package com.landrenew.evaluation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.landrenew.web.BadRequestException;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The rows of a figures file as text cells, header first: CSV (UTF-8, or GB18030 as Excel in China saves
 * it) or the first sheet of an XLSX workbook. The reader is chosen by the file name's extension the
 * client sent, never by the content. At most {@link #MAX_ROWS} rows and {@link #MAX_COLUMNS} columns.
 */
final class FiguresFile {

    static final int MAX_ROWS = 200_000;
    static final int MAX_COLUMNS = 60;
    static final int MAX_CELL_CHARS = 200;

    private FiguresFile() {
    }

    static List<List<String>> read(String fileName, byte[] bytes) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return csv(text(bytes));
        }
        if (name.endsWith(".xlsx")) {
            return xlsx(bytes);
        }
        throw new BadRequestException("文件须为 .csv 或 .xlsx。The file must be .csv or .xlsx.");
    }

    private static String text(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("GB18030"));
        }
    }

    /** RFC 4180: commas, double quotes around cells that hold commas, quotes or line breaks. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                addCell(row, cell);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                addCell(row, cell);
                addRow(rows, row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            addCell(row, cell);
            addRow(rows, row);
        }
        return rows;
    }

    private static void addCell(List<String> row, StringBuilder cell) {
        if (row.size() >= MAX_COLUMNS) {
            throw new BadRequestException("列数过多（最多 " + MAX_COLUMNS + " 列）。Too many columns (at most " + MAX_COLUMNS + ").");
        }
        row.add(bounded(cell.toString()));
        cell.setLength(0);
    }

    private static void addRow(List<List<String>> rows, List<String> row) {
        if (row.stream().allMatch(String::isBlank)) {
            return;
        }
        if (rows.size() >= MAX_ROWS + 5) {
            throw new BadRequestException("行数过多（最多 " + MAX_ROWS + " 行）。Too many rows (at most " + MAX_ROWS + ").");
        }
        rows.add(row);
    }

    private static String bounded(String cell) {
        String s = cell.strip();
        if (s.indexOf('\0') >= 0) {
            throw new BadRequestException("文件含 NUL 字符。The file holds a NUL character.");
        }
        return s.length() > MAX_CELL_CHARS ? s.substring(0, MAX_CELL_CHARS) : s;
    }

    private static List<List<String>> xlsx(byte[] bytes) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (book.getNumberOfSheets() == 0) {
                return List.of();
            }
            Sheet sheet = book.getSheetAt(0);
            if (sheet.getLastRowNum() > MAX_ROWS + 5) {
                throw new BadRequestException("行数过多（最多 " + MAX_ROWS + " 行）。Too many rows (at most " + MAX_ROWS + ").");
            }
            List<List<String>> rows = new ArrayList<>();
            for (Row r : sheet) {
                if (r.getLastCellNum() > MAX_COLUMNS) {
                    throw new BadRequestException("列数过多（最多 " + MAX_COLUMNS + " 列）。Too many columns (at most " + MAX_COLUMNS + ").");
                }
                List<String> row = new ArrayList<>();
                for (int c = 0; c < Math.max(r.getLastCellNum(), 0); c++) {
                    row.add(bounded(cellText(r.getCell(c), formatter)));
                }
                addRow(rows, row);
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadRequestException bad) {
                throw bad;
            }
            throw new BadRequestException("无法读取 XLSX 文件。The XLSX file cannot be read.");
        }
    }

    /** Numbers as plain decimals (not as the cell's display format), formulas by their cached result. */
    private static String cellText(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue() ? "是" : "否";
            default -> cell.getCellType() == CellType.FORMULA ? "" : formatter.formatCellValue(cell);
        };
    }
}
