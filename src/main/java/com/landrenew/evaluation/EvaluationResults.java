package com.landrenew.evaluation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import com.landrenew.security.Viewer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads stored results. Every query binds the {@link Viewer} and keeps only the rows it may see: staff
 * all, an enterprise user its own (the rule of Viewer.SEES_FIGURES), visitors none.
 */
@Repository
class EvaluationResults {

    private static final String COLUMNS = """
            select r.zone_code, r.year, e.credit_code, e.name, r.scale_group, r.land_mu, r.declared_mu,
                   round(r.tax_wan_per_mu, 2) as tax_wan_per_mu, round(r.value_added_wan_per_mu, 2) as value_added_wan_per_mu,
                   round(r.value_added_wan_per_tce, 2) as value_added_wan_per_tce,
                   round(r.value_added_wan_per_emission_t, 2) as value_added_wan_per_emission_t,
                   round(r.value_added_wan_per_employee, 2) as value_added_wan_per_employee,
                   round(r.rd_share_pct, 2) as rd_share_pct,
                   r.tax_score, r.value_added_score, r.energy_score, r.emission_score, r.labour_score, r.rd_score,
                   r.score, r.class, r.veto, r.not_rated, r.rank, r.group_size, r.class_last_year
            from evaluation_result r
            join enterprise e on e.id = r.enterprise_id
            """;

    private static final String SEES_ROW = "(:viewerIsStaff or r.enterprise_id = :viewerEnterprise)";

    private static final String OF_ZONE_YEAR = COLUMNS + """
            where r.zone_code = :zone and r.year = :year and {seesRow}
            order by r.rank_group, r.rank nulls last, e.credit_code
            """.replace("{seesRow}", SEES_ROW);

    private static final String OF_ENTERPRISE = COLUMNS + """
            where e.credit_code = :code and (cast(:zone as text) is null or r.zone_code = :zone) and {seesRow}
            order by r.zone_code, r.year desc
            """.replace("{seesRow}", SEES_ROW);

    private static final String BENCHMARKS = """
            select b.rank_group, b.indicator, i.name_zh, i.unit, b.benchmark, b.average
            from evaluation_benchmark b join evaluation_indicator i on i.code = b.indicator
            where b.zone_code = :zone and b.year = :year
            order by b.rank_group, i.ordinal
            """;

    /** The benchmark an indicator was scored against in a group. */
    record Benchmark(String group, String indicator, String name, String unit, BigDecimal value, boolean average) {
    }

    private final JdbcClient jdbc;

    EvaluationResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<EvaluationRow> ofZoneYear(String zone, int year) {
        return Viewer.current().bind(jdbc.sql(OF_ZONE_YEAR)).param("zone", zone).param("year", year)
                .query(EvaluationResults::row).list();
    }

    List<EvaluationRow> ofEnterprise(String creditCode, String zone) {
        return Viewer.current().bind(jdbc.sql(OF_ENTERPRISE)).param("code", creditCode).param("zone", zone)
                .query(EvaluationResults::row).list();
    }

    List<Benchmark> benchmarks(String zone, int year) {
        return jdbc.sql(BENCHMARKS).param("zone", zone).param("year", year)
                .query((rs, n) -> new Benchmark(rs.getString("rank_group"), rs.getString("indicator"),
                        rs.getString("name_zh"), rs.getString("unit"), rs.getBigDecimal("benchmark"),
                        rs.getBoolean("average")))
                .list();
    }

    Optional<String> zoneName(String zone) {
        return jdbc.sql("select name from zone where code = :zone").param("zone", zone).query(String.class).optional();
    }

    Optional<Integer> enterpriseId(String creditCode) {
        return jdbc.sql("select id from enterprise where credit_code = :code").param("code", creditCode)
                .query(Integer.class).optional();
    }

    private static EvaluationRow row(ResultSet rs, int n) throws SQLException {
        return new EvaluationRow(rs.getString("zone_code"), rs.getInt("year"), rs.getString("credit_code"),
                rs.getString("name"), rs.getString("scale_group"), rs.getBigDecimal("land_mu"),
                rs.getBigDecimal("declared_mu"), rs.getBigDecimal("tax_wan_per_mu"),
                rs.getBigDecimal("value_added_wan_per_mu"), rs.getBigDecimal("value_added_wan_per_tce"),
                rs.getBigDecimal("value_added_wan_per_emission_t"), rs.getBigDecimal("value_added_wan_per_employee"),
                rs.getBigDecimal("rd_share_pct"), rs.getBigDecimal("tax_score"), rs.getBigDecimal("value_added_score"),
                rs.getBigDecimal("energy_score"), rs.getBigDecimal("emission_score"), rs.getBigDecimal("labour_score"),
                rs.getBigDecimal("rd_score"), rs.getBigDecimal("score"), rs.getString("class"), rs.getString("veto"),
                rs.getString("not_rated"), (Integer) rs.getObject("rank"), (Integer) rs.getObject("group_size"),
                rs.getString("class_last_year"));
    }
}
