package com.landrenew.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * The 亩均效益评价 schemes of the sample zones for the years of {@link EnterpriseEvaluations}, written to
 * {@code evaluation-schemes.json} (V17's evaluation_scheme and its indicators). Anji classes by share (top
 * 10% A, next 40% B, bottom 10% D: its 规下 group is two-fifths low-efficiency firms) with a 亩均税收 floor of 3 万元/亩; Xiaoshan by score (A ≥ 110, B ≥ 80,
 * C ≥ 50) with a floor of 2. Both: the usual six indicators and weights, the zone's averages as
 * benchmarks, 0 to 1.5 × the weight, 规上 and 规下 apart, 3 mu minimum, incident → D, high-tech → A.
 */
final class EvaluationSchemes {

    /** 亩均税收 under these (万元/亩) puts a firm in D whatever its score. */
    static final int ANJI_TAX_FLOOR = 3;
    static final int XIAOSHAN_TAX_FLOOR = 2;

    private EvaluationSchemes() {
    }

    static int taxFloor(String zone) {
        return zone.equals("anji") ? ANJI_TAX_FLOOR : XIAOSHAN_TAX_FLOOR;
    }

    static String json() {
        List<String> lines = new ArrayList<>();
        for (int year : EnterpriseEvaluations.YEARS) {
            lines.add(scheme("anji", year, "share", "10", "40", "10", String.valueOf(ANJI_TAX_FLOOR)));
            lines.add(scheme("xiaoshan", year, "score", "15", "50", "5", String.valueOf(XIAOSHAN_TAX_FLOOR)));
        }
        return GeoJsonText.array(lines);
    }

    private static String scheme(String zone, int year, String classBy, String aShare, String bShare, String dShare,
            String taxFloor) {
        return "{\"zone\":\"" + zone + "\",\"year\":" + year + ",\"groups_apart\":true,\"min_land_mu\":3"
                + ",\"class_by\":\"" + classBy + "\",\"a_min_score\":110,\"b_min_score\":80,\"c_min_score\":50"
                + ",\"a_share_pct\":" + aShare + ",\"b_share_pct\":" + bShare + ",\"d_share_pct\":" + dShare
                + ",\"veto_incident\":true,\"veto_tax_floor\":" + taxFloor + ",\"veto_high_tech\":true"
                + ",\"indicators\":[" + indicator("tax_per_mu", 30) + "," + indicator("value_added_per_mu", 20) + ","
                + indicator("value_added_per_energy", 20) + "," + indicator("value_added_per_emission", 10) + ","
                + indicator("labour_productivity", 10) + "," + indicator("rd_share", 10) + "]}";
    }

    private static String indicator(String code, int weight) {
        return "{\"indicator\":\"" + code + "\",\"weight\":" + weight + "}";
    }
}
