package com.landrenew.renewal;

import static com.landrenew.web.ReportTable.column;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.landrenew.parcel.LifeCycleNames;
import com.landrenew.web.ReportTable;
import com.landrenew.web.ReportTable.Column;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The tally as files auditors keep: CSV (one table) and an Excel workbook (figures, periods, idle land, events),
 * each with a title row (what, zone, project, period, as of) and Chinese then English column names (web/ReportTable).
 */
@Component
class TallyExport {

    private final LifeCycleNames stateNames;

    TallyExport(LifeCycleNames stateNames) {
        this.stateNames = stateNames;
    }

    private static final List<Column> ROW_HEADER = List.of(column("开发区", "zone"), column("更新项目", "project"),
            column("起始日期", "from"), column("截止日期", "to"), column("截至", "as_of"), column("层级", "level"),
            column("代码", "code"), column("名称", "name"), column("腾出宗地数", "parcels_freed"),
            column("搬迁企业数", "enterprises_moved"), column("安置户数", "households_relocated"),
            column("腾出面积（平方米）", "freed_m2"), column("腾出面积（亩）", "freed_mu"), column("腾出面积（公顷）", "freed_ha"),
            column("目标企业数", "target_enterprises"), column("目标户数", "target_households"), column("目标面积（亩）", "target_mu"),
            column("企业完成率（%）", "pct_enterprises"), column("户数完成率（%）", "pct_households"),
            column("面积完成率（%）", "pct_mu"));

    byte[] csv(Tally tally) {
        return new ReportTable(title(tally, "腾退进度汇总 Renewal tally"), ROW_HEADER, rows(tally)).csv();
    }

    byte[] xlsx(Tally tally, List<FreeingEvent> events) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new ReportTable(title(tally, "腾退进度汇总 Renewal tally"), ROW_HEADER, rows(tally)).addTo(book, "汇总 Tally");

            List<List<Object>> periods = new ArrayList<>();
            for (Tally.PeriodRow p : tally.series()) {
                periods.add(List.of(p.period(), p.freed().mu(), p.cumulative().mu(), p.cumulative().m2(),
                        p.cumulativeEnterprises(), p.cumulativeHouseholds()));
            }
            new ReportTable(title(tally, "分期腾退 Freed by period"), List.of(column("期间", "period"),
                    column("本期腾出（亩）", "freed_mu"), column("累计腾出（亩）", "cumulative_mu"),
                    column("累计腾出（平方米）", "cumulative_m2"), column("累计搬迁企业", "cumulative_enterprises"),
                    column("累计安置户数", "cumulative_households")), periods).addTo(book, "分期 By period");

            List<List<Object>> idle = new ArrayList<>();
            for (Tally.IdleParcel p : tally.idle().parcels()) {
                idle.add(List.of(p.code(), text(p.block()), p.constructionDue().toString(), p.area().m2(), p.area().mu()));
            }
            new ReportTable(title(tally, "闲置土地 Idle land"), List.of(column("宗地代码", "parcel"), column("区块", "block"),
                    column("约定开工日期", "construction_due"), column("面积（平方米）", "m2"), column("面积（亩）", "mu")), idle)
                    .addTo(book, "闲置土地 Idle land");

            List<List<Object>> ledger = new ArrayList<>();
            for (FreeingEvent e : events) {
                ledger.add(List.of(e.id(), e.parcel(), text(e.blockName() != null ? e.blockName() : e.block()),
                        stateNames.zh(e.fromState()), stateNames.zh(e.toState()), e.effectiveDate().toString(),
                        e.recordedAt().toString(), e.actor(), e.reason(), text(e.documentNo()), text(e.enterprise()),
                        text(e.enterpriseCreditCode()), e.households(), e.parcelMu()));
            }
            new ReportTable(title(tally, "腾退台账 Ledger events"), List.of(column("事件编号", "event"),
                    column("宗地代码", "parcel"), column("区块", "block"), column("原状态", "from"), column("新状态", "to"),
                    column("生效日期", "effective_date"), column("记录时间", "recorded_at"), column("操作人", "actor"),
                    column("原因", "reason"), column("文号", "document_no"), column("企业", "enterprise"),
                    column("统一社会信用代码", "credit_code"), column("户数", "households"), column("宗地面积（亩）", "parcel_mu")),
                    ledger).addTo(book, "台账 Events");
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "安吉经济开发区 · 腾退进度汇总 Renewal tally · 2024-01-01 至 to 2024-12-31 · 截至 as of 2025-06-30". */
    private static String title(Tally tally, String what) {
        return tally.zone().name() + (tally.project() == null ? "" : " · " + tally.project().name()) + " · " + what
                + " · " + tally.from() + " 至 to " + tally.to() + " · 截至 as of " + tally.asOf();
    }

    private static List<List<Object>> rows(Tally tally) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row(tally, "合计 total", tally.total()));
        for (Tally.Row block : tally.blocks()) {
            rows.add(row(tally, "区块 block", block));
        }
        return rows;
    }

    private static List<Object> row(Tally tally, String level, Tally.Row r) {
        Tally.Targets targets = level.endsWith("total") && tally.project() != null ? tally.project().targets() : null;
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

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
