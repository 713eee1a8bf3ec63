package com.landrenew.evaluation;

import static com.landrenew.web.ReportTable.column;

import java.util.Arrays;
import java.util.List;

import com.landrenew.web.ReportTable;
import com.landrenew.web.ReportTable.Column;

/**
 * A zone-year's results as files (CSV and XLSX, web/ReportTable like every download): a title row (what, zone,
 * year, as of), the column names in Chinese then in English, and one row per enterprise the viewer may see
 * (the caller passes only those).
 */
final class EvaluationExport {

    static final List<Column> COLUMNS = List.of(column("统一社会信用代码", "credit_code"), column("企业名称", "name"),
            column("规模", "group"), column("用地面积（亩）", "land_mu"), column("申报用地（亩）", "declared_mu"),
            column("亩均税收（万元/亩）", "tax_wan_per_mu"), column("亩均增加值（万元/亩）", "value_added_wan_per_mu"),
            column("单位能耗增加值（万元/吨标煤）", "value_added_wan_per_tce"),
            column("单位排放增加值（万元/吨）", "value_added_wan_per_emission_t"),
            column("全员劳动生产率（万元/人）", "value_added_wan_per_employee"), column("研发经费占比（%）", "rd_share_pct"),
            column("亩均税收得分", "tax_score"), column("亩均增加值得分", "value_added_score"),
            column("单位能耗增加值得分", "energy_score"), column("单位排放增加值得分", "emission_score"),
            column("全员劳动生产率得分", "labour_score"), column("研发占比得分", "rd_score"), column("总分", "score"),
            column("类别", "class"), column("否决原因", "veto"), column("未参评原因", "not_rated"),
            column("组内排名", "rank"), column("组内企业数", "group_size"), column("上年类别", "class_last_year"));

    private EvaluationExport() {
    }

    /** The title row's text: what, zone, year, as of. */
    static String title(String zoneName, String zone, int year, String asOf) {
        return "亩均效益综合评价结果 Per-mu evaluation results · " + zoneName + " (" + zone + ") · " + year
                + " 年度 · 截至 as of " + asOf;
    }

    static byte[] csv(String title, List<EvaluationRow> rows) {
        return table(title, rows).csv();
    }

    static byte[] xlsx(String title, List<EvaluationRow> rows) {
        return table(title, rows).xlsx("评价结果 Results");
    }

    private static ReportTable table(String title, List<EvaluationRow> rows) {
        return new ReportTable(title, COLUMNS, rows.stream().map(EvaluationExport::cells).toList());
    }

    private static List<Object> cells(EvaluationRow r) {
        return Arrays.asList(r.creditCode(), r.name(), "above".equals(r.scaleGroup()) ? "规上" : "规下",
                r.landMu(), r.declaredMu(), r.taxWanPerMu(), r.valueAddedWanPerMu(), r.valueAddedWanPerTce(),
                r.valueAddedWanPerEmissionT(), r.valueAddedWanPerEmployee(), r.rdSharePct(), r.taxScore(),
                r.valueAddedScore(), r.energyScore(), r.emissionScore(), r.labourScore(), r.rdScore(), r.score(),
                r.grade(), r.veto(), r.notRated(), r.rank(), r.groupSize(), r.classLastYear());
    }
}
