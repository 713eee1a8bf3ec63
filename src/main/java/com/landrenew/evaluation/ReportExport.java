package com.landrenew.evaluation;

import static com.landrenew.web.ReportTable.column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.landrenew.web.ReportTable;
import com.landrenew.web.ReportTable.Column;

import org.springframework.stereotype.Component;

/**
 * The yearly report as files auditors keep (web/ReportTable like every download): a title row (what, zone,
 * period, as of), the Chinese header, the English header under it, then one row per figure.
 */
@Component
class ReportExport {

    static final List<Column> COLUMNS = List.of(column("项目", "item"), column("类别或年度", "class_or_year"),
            column("企业数", "enterprises"), column("宗地数", "parcels"), column("面积（亩）", "mu"),
            column("亩均税收（万元/亩）", "tax_wan_per_mu"), column("亩均增加值（万元/亩）", "value_added_wan_per_mu"));

    static String title(EvaluationReport r) {
        return "亩均效益评价年度报告 Per-mu evaluation yearly report：" + r.zoneName() + "（" + r.zone() + "），"
                + r.year() + " 年度 period " + r.from() + " 至 to " + r.to() + "，截至 as of " + r.asOf();
    }

    byte[] csv(EvaluationReport report) {
        return table(report).csv();
    }

    byte[] xlsx(EvaluationReport report) {
        return table(report).xlsx("年度报告 Report");
    }

    private static ReportTable table(EvaluationReport report) {
        return new ReportTable(title(report), COLUMNS, rows(report));
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
}
