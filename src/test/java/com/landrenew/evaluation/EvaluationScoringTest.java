package com.landrenew.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scores computed by hand for six enterprises in a zone of their own, under a scheme of three indicators:
 * 亩均税收 (weight 50, the group's average, cap 1.5 × weight), 单位能耗增加值 (30, a set benchmark of 2
 * 万元/tce, cap 1.5) and 全员劳动生产率 (20, average, cap 2); 规上 and 规下 apart; 3 mu minimum; classes by
 * score (A ≥ 110, B ≥ 80, C ≥ 50); vetoes: incident → D, 亩均税收 under 2.5 → D, high-tech → A.
 * Land is whole rectangles: 100 m × 100 m = 10,000 m² = 15 mu.
 */
@LandRenewTest
class EvaluationScoringTest {

    static final String ZONE = "eval-score";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final int YEAR = 2031;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EvaluationService evaluations;

    static int e1, e2, e3, e4, e5, e6, e7;

    @BeforeEach
    void setUp() {
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (EvaluationScoringTest.class) {
            if (fixtures.zoneExists(ZONE)) {
                return;
            }
            fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
            e1 = fixtures.enterprise("评价一号");
            e2 = fixtures.enterprise("评价二号");
            e3 = fixtures.enterprise("评价三号");
            e4 = fixtures.enterprise("评价四号");
            e5 = fixtures.enterprise("评价五号");
            e6 = fixtures.enterprise("评价六号");
            e7 = fixtures.enterprise("评价七号");
            // E1 holds two parcels of 15 mu: 30 mu.
            fixtures.parcel(ZONE, null, "S-1a", X0 + 100, Y0 + 100, X0 + 200, Y0 + 200, "100102", e1);
            fixtures.parcel(ZONE, null, "S-1b", X0 + 300, Y0 + 100, X0 + 400, Y0 + 200, "100102", e1);
            fixtures.parcel(ZONE, null, "S-2", X0 + 500, Y0 + 100, X0 + 600, Y0 + 200, "100102", e2);
            fixtures.parcel(ZONE, null, "S-3", X0 + 700, Y0 + 100, X0 + 800, Y0 + 200, "100102", e3);
            // E4: 10 m × 100 m = 1,000 m² = 1.5 mu, under the minimum.
            fixtures.parcel(ZONE, null, "S-4", X0 + 100, Y0 + 300, X0 + 110, Y0 + 400, "100102", e4);
            fixtures.parcel(ZONE, null, "S-5", X0 + 300, Y0 + 300, X0 + 400, Y0 + 400, "100102", e5);
            // E6: 100 m × 200 m = 30 mu.
            fixtures.parcel(ZONE, null, "S-6", X0 + 500, Y0 + 300, X0 + 600, Y0 + 500, "100102", e6);
            // E7 holds land but sent no figures: not in the results.
            fixtures.parcel(ZONE, null, "S-7", X0 + 700, Y0 + 300, X0 + 800, Y0 + 400, "100102", e7);

            figures(e1, "32", "600", "3000", "1000", 100, "above", false, false);
            figures(e2, null, "150", "600", "600", 60, "above", false, true);
            figures(e3, null, "30", "300", "50", 35, "above", false, false);
            figures(e4, null, "100", "900", "100", 10, "above", false, false);
            figures(e5, null, "45", "150", "100", 15, "below", false, false);
            figures(e6, null, "45", "300", "100", 30, "below", true, false);

            int scheme = jdbc.sql("""
                    insert into evaluation_scheme (zone_id, year, groups_apart, min_land_mu, class_by,
                           a_min_score, b_min_score, c_min_score, veto_incident, veto_tax_floor, veto_high_tech)
                    select id, :year, true, 3, 'score', 110, 80, 50, true, 2.5, true from zone where code = :zone
                    returning id""").param("year", YEAR).param("zone", ZONE).query(Integer.class).single();
            jdbc.sql("""
                    insert into evaluation_scheme_indicator (scheme_id, indicator, enabled, weight, benchmark_value,
                           floor_factor, cap_factor)
                    select :scheme, code, code in ('tax_per_mu', 'value_added_per_energy', 'labour_productivity'),
                           case code when 'tax_per_mu' then 50 when 'value_added_per_energy' then 30
                                     when 'labour_productivity' then 20 else 0 end,
                           case code when 'value_added_per_energy' then 2 end,
                           0, case code when 'labour_productivity' then 2 else 1.5 end
                    from evaluation_indicator""").param("scheme", scheme).update();
        }
    }

    /**
     * Twenty enterprises of 6 mu (40 m × 100 m) paying 1 to 20 万元 per mu in 2035, scored on 亩均税收 alone
     * (weight 100, cap 10 × so nothing is capped), classed by share: top 15% A (round(20 × 0.15) = 3),
     * bottom 5% D (1), next 50% B (ranks 4 to 13), the rest C; then by score thresholds.
     */
    private List<Integer> twentyByShare() {
        synchronized (EvaluationScoringTest.class) {
            if (twenty.isEmpty()) {
                Fixtures fixtures = new Fixtures(jdbc);
                for (int i = 1; i <= 20; i++) {
                    int e = fixtures.enterprise("份额" + i);
                    double x = X0 + 20 + (i - 1) * 48;
                    fixtures.parcel(ZONE, null, "T-" + i, x, Y0 + 700, x + 40, Y0 + 800, "100102", e);
                    jdbc.sql("""
                            insert into enterprise_evaluation (enterprise_id, year, tax_wan, output_wan, energy_tce, scale)
                            values (:e, 2035, :tax, 100, 10, 'below')""").param("e", e).param("tax", 6 * i).update();
                    twenty.add(e);
                }
                int scheme = jdbc.sql("""
                        insert into evaluation_scheme (zone_id, year, groups_apart, min_land_mu, class_by, a_share_pct,
                               b_share_pct, d_share_pct, veto_incident, veto_tax_floor, veto_high_tech)
                        select id, 2035, false, 3, 'share', 15, 50, 5, true, null, true from zone where code = :zone
                        returning id""").param("zone", ZONE).query(Integer.class).single();
                jdbc.sql("""
                        insert into evaluation_scheme_indicator (scheme_id, indicator, enabled, weight, floor_factor, cap_factor)
                        select :scheme, code, code = 'tax_per_mu', case code when 'tax_per_mu' then 100 else 0 end, 0, 10
                        from evaluation_indicator""").param("scheme", scheme).update();
            }
        }
        return twenty;
    }

    static final List<Integer> twenty = new java.util.ArrayList<>();

    private String classOf(int enterprise, int year) {
        return jdbc.sql("select class from evaluation_result where zone_code = :zone and year = :year and enterprise_id = :e")
                .param("zone", ZONE).param("year", year).param("e", enterprise).query(String.class).single();
    }

    @Test
    void classesByShareThenByScoreThresholds() {
        List<Integer> firms = twentyByShare();
        evaluations.evaluate(ZONE, 2035);
        // Benchmark: (6 + 12 + ... + 120) / 120 mu = 1260 / 120 = 10.5 万元/亩; firm i scores 100 × i / 10.5.
        assertThat(jdbc.sql("select score from evaluation_result where zone_code = :zone and year = 2035 and enterprise_id = :e")
                .param("zone", ZONE).param("e", firms.get(9)).query(BigDecimal.class).single()).isEqualTo(d("95.24"));
        StringBuilder classes = new StringBuilder();
        for (int i = 19; i >= 0; i--) {
            classes.append(classOf(firms.get(i), 2035));
        }
        assertThat(classes.toString()).isEqualTo("AAA" + "BBBBBBBBBB" + "CCCCCC" + "D");

        // Thresholds instead: A ≥ 150 (i ≥ 15.75: 16-20), B ≥ 100 (i ≥ 10.5: 11-15), C ≥ 50 (i ≥ 5.25: 6-10), D below.
        jdbc.sql("""
                update evaluation_scheme set class_by = 'score', a_min_score = 150, b_min_score = 100, c_min_score = 50
                where year = 2035 and zone_id = (select id from zone where code = :zone)""").param("zone", ZONE).update();
        evaluations.evaluate(ZONE, 2035);
        classes.setLength(0);
        for (int i = 19; i >= 0; i--) {
            classes.append(classOf(firms.get(i), 2035));
        }
        assertThat(classes.toString()).isEqualTo("AAAAA" + "BBBBB" + "CCCCC" + "DDDDD");
    }

    private void figures(int enterprise, String declaredMu, String tax, String valueAdded, String energy, int employees,
            String scale, boolean incident, boolean highTech) {
        jdbc.sql("""
                insert into enterprise_evaluation (enterprise_id, year, land_mu, tax_wan, output_wan, energy_tce,
                       employees, scale, major_incident, high_tech)
                values (:e, :year, cast(:declared as numeric), cast(:tax as numeric), cast(:va as numeric),
                        cast(:energy as numeric), :employees, :scale, :incident, :highTech)""")
                .param("e", enterprise).param("year", YEAR).param("declared", declaredMu).param("tax", tax)
                .param("va", valueAdded).param("energy", energy).param("employees", employees).param("scale", scale)
                .param("incident", incident).param("highTech", highTech).update();
    }

    private Map<String, Object> result(int enterprise) {
        return jdbc.sql("select * from evaluation_result where zone_code = :zone and year = :year and enterprise_id = :e")
                .param("zone", ZONE).param("year", YEAR).param("e", enterprise).query().singleRow();
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void scoresWeightsBenchmarksCapsVetoesGroupsAndMinimumAreaAsComputedByHand() {
        EvaluationService.Summary summary = evaluations.evaluate(ZONE, YEAR);
        // Seven holders, six with figures, five rated (E4 under 3 mu).
        assertThat(summary.holders()).isEqualTo(6);
        assertThat(summary.rated()).isEqualTo(5);

        // 规上 benchmarks over E1-E3 (E4 is not rated, so not in them): 亩均税收 (600+150+30)/(30+15+15) = 13;
        // labour (3000+600+300)/(100+60+35) = 20 万元 per employee; energy: the set 2.
        assertThat(jdbc.sql("""
                select indicator, benchmark from evaluation_benchmark
                where zone_code = :zone and year = :year and rank_group = 'above'""")
                .param("zone", ZONE).param("year", YEAR).query().listOfRows())
                .extracting(r -> r.get("indicator") + "=" + ((BigDecimal) r.get("benchmark")).stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder("tax_per_mu=13", "value_added_per_energy=2", "labour_productivity=20");

        // E1: tax 20/mu → 50 × 20/13 = 76.92, capped at 75; energy 3 → 30 × 3/2 = 45 (the cap); labour 30 →
        // 20 × 30/20 = 30 (cap 40). Total 150: A. Land from the map (30), the declared 32 beside it.
        Map<String, Object> r1 = result(e1);
        assertThat(r1.get("land_mu")).isEqualTo(d("30.00"));
        assertThat(r1.get("declared_mu")).isEqualTo(d("32.00"));
        assertThat(r1.get("tax_wan_per_mu")).isEqualTo(d("20.0000"));
        assertThat(r1.get("tax_score")).isEqualTo(d("75.00"));
        assertThat(r1.get("energy_score")).isEqualTo(d("45.00"));
        assertThat(r1.get("labour_score")).isEqualTo(d("30.00"));
        assertThat(r1.get("value_added_score")).isNull();
        assertThat(r1.get("score")).isEqualTo(d("150.00"));
        assertThat(r1.get("class")).isEqualTo("A");
        assertThat(r1.get("veto")).isNull();
        assertThat(r1.get("rank")).isEqualTo(1);
        assertThat(r1.get("scale_group")).isEqualTo("above");

        // E2: tax 10 → 38.46; energy 1 → 15; labour 10 → 10. 63.46 would be C, but high-tech: A.
        Map<String, Object> r2 = result(e2);
        assertThat(r2.get("tax_score")).isEqualTo(d("38.46"));
        assertThat(r2.get("energy_score")).isEqualTo(d("15.00"));
        assertThat(r2.get("labour_score")).isEqualTo(d("10.00"));
        assertThat(r2.get("score")).isEqualTo(d("63.46"));
        assertThat(r2.get("class")).isEqualTo("A");
        assertThat((String) r2.get("veto")).startsWith("上市高新技术企业");
        assertThat(r2.get("rank")).isEqualTo(2);

        // E3: tax 2 → 7.69; energy 6 → 90 capped at 45; labour 300/35 = 8.5714 → 8.57. 61.26, C by score,
        // but 亩均税收 2 is under the floor of 2.5: D.
        Map<String, Object> r3 = result(e3);
        assertThat(r3.get("tax_score")).isEqualTo(d("7.69"));
        assertThat(r3.get("energy_score")).isEqualTo(d("45.00"));
        assertThat(r3.get("labour_score")).isEqualTo(d("8.57"));
        assertThat(r3.get("score")).isEqualTo(d("61.26"));
        assertThat(r3.get("class")).isEqualTo("D");
        assertThat((String) r3.get("veto")).startsWith("亩均税收 2.00 万元/亩，低于 2.50");
        assertThat(r3.get("rank")).isEqualTo(3);
        assertThat(r3.get("group_size")).isEqualTo(3);

        // E4: 1.5 mu, not rated: no score, class or rank, but its values are there.
        Map<String, Object> r4 = result(e4);
        assertThat(r4.get("land_mu")).isEqualTo(d("1.50"));
        assertThat(r4.get("score")).isNull();
        assertThat(r4.get("class")).isNull();
        assertThat(r4.get("rank")).isNull();
        assertThat((String) r4.get("not_rated")).startsWith("用地 1.50 亩，不足 3.00 亩");

        // 规下 apart: tax (45+45)/(15+30) = 2; labour (150+300)/(15+30) = 10.
        // E5: tax 3 → 50 × 3/2 = 75 (the cap); energy 1.5 → 22.5; labour 10 → 20. 117.5: A.
        Map<String, Object> r5 = result(e5);
        assertThat(r5.get("score")).isEqualTo(d("117.50"));
        assertThat(r5.get("class")).isEqualTo("A");
        assertThat(r5.get("rank")).isEqualTo(1);
        assertThat(r5.get("scale_group")).isEqualTo("below");
        // E6: tax 1.5 → 37.5; energy 3 → 45; labour 10 → 20. 102.5 (B by score), but an incident: D (the
        // incident is named, not the tax floor it is also under).
        Map<String, Object> r6 = result(e6);
        assertThat(r6.get("score")).isEqualTo(d("102.50"));
        assertThat(r6.get("class")).isEqualTo("D");
        assertThat((String) r6.get("veto")).startsWith("发生重大安全或环境事故");
        assertThat(r6.get("rank")).isEqualTo(2);

        assertThat(jdbc.sql("select count(*) from evaluation_result where enterprise_id = :e").param("e", e7)
                .query(Integer.class).single()).isZero();
    }
}
