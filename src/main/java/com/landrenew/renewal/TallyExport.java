package com.landrenew.renewal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.stereotype.Component;

/** The tally as files auditors keep: CSV (one table) and an Excel workbook (figures, periods, idle land, events). */
@Component
class TallyExport {

    private static final List<String> ROW_HEADER = List.of("zone", "project", "from", "to", "as_of", "level", "code",
            "name", "parcels_freed", "enterprises_moved", "households_relocated", "freed_m2", "freed_mu", "freed_ha",
            "target_enterprises", "target_households", "target_mu", "pct_enterprises", "pct_households", "pct_mu");

    byte[] csv(Tally tally) {
        StringBuilder out = new StringBuilder("\uFEFF"); // a BOM so that Excel reads the Chinese names as UTF-8
        out.append(String.join(",", ROW_HEADER)).append("\r\n");
        for (List<Object> row : rows(tally)) {
            List<String> cells = new ArrayList<>();
            for (Object cell : row) {
                cells.add(csvCell(cell));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] xlsx(Tally tally, List<FreeingEvent> events) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            table(book.createSheet("Tally 汇总"), ROW_HEADER, rows(tally));

            List<List<Object>> periods = new ArrayList<>();
            for (Tally.PeriodRow p : tally.series()) {
                periods.add(List.of(p.period(), p.freed().mu(), p.cumulative().mu(), p.cumulative().m2(),
                        p.cumulativeEnterprises(), p.cumulativeHouseholds()));
            }
            table(book.createSheet("By period 分期"), List.of("period", "freed_mu", "cumulative_mu", "cumulative_m2",
                    "cumulative_enterprises", "cumulative_households"), periods);

            List<List<Object>> idle = new ArrayList<>();
            for (Tally.IdleParcel p : tally.idle().parcels()) {
                idle.add(List.of(p.code(), text(p.block()), p.constructionDue().toString(), p.area().m2(), p.area().mu()));
            }
            table(book.createSheet("Idle land 闲置土地"), List.of("parcel", "block", "construction_due", "m2", "mu"), idle);

            List<List<Object>> ledger = new ArrayList<>();
            for (FreeingEvent e : events) {
                ledger.add(List.of(e.id(), e.parcel(), text(e.block()), e.fromState(), e.toState(),
                        e.effectiveDate().toString(), e.recordedAt().toString(), e.actor(), e.reason(),
                        text(e.documentNo()), text(e.enterprise()), text(e.enterpriseCreditCode()), e.households(),
                        e.parcelMu()));
            }
            table(book.createSheet("Events 台账"), List.of("event", "parcel", "block", "from", "to", "effective_date",
                    "recorded_at", "actor", "reason", "document_no", "enterprise", "credit_code", "households",
                    "parcel_mu"), ledger);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<Object>> rows(Tally tally) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row(tally, "total", tally.total()));
        for (Tally.Row block : tally.blocks()) {
            rows.add(row(tally, "block", block));
        }
        return rows;
    }

    private static List<Object> row(Tally tally, String level, Tally.Row r) {
        Tally.Targets targets = "total".equals(level) && tally.project() != null ? tally.project().targets() : null;
        Tally.Percent pct = r.percentOfTarget();
        List<Object> row = new ArrayList<>(List.of(tally.zone().code(),
                tally.project() == null ? "" : tally.project().code(), tally.from().toString(), tally.to().toString(),
                tally.asOf().toString(), level, r.code(), r.name(), r.freed().parcels(), r.freed().enterprises(),
                r.freed().households(), r.freed().area().m2(), r.freed().area().mu(), r.freed().area().ha()));
        row.add(targets == null ? "" : targets.enterprises());
        row.add(targets == null ? "" : targets.households());
        row.add(targets == null ? "" : targets.mu());
        row.add(pct == null || pct.enterprises() == null ? "" : pct.enterprises());
        row.add(pct == null || pct.households() == null ? "" : pct.households());
        row.add(pct == null || pct.mu() == null ? "" : pct.mu());
        return row;
    }

    private static void table(Sheet sheet, List<String> header, List<List<Object>> rows) {
        Row head = sheet.createRow(0);
        for (int c = 0; c < header.size(); c++) {
            head.createCell(c).setCellValue(header.get(c));
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r + 1);
            List<Object> cells = rows.get(r);
            for (int c = 0; c < cells.size(); c++) {
                Object v = cells.get(c);
                if (v instanceof Number n) {
                    row.createCell(c).setCellValue(n.doubleValue());
                } else {
                    row.createCell(c).setCellValue(String.valueOf(v));
                }
            }
        }
        sheet.createFreezePane(0, 1);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String csvCell(Object value) {
        String s = String.valueOf(value);
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
