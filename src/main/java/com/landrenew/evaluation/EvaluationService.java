package com.landrenew.evaluation;

import java.util.Map;

import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rates a zone's enterprises for a year under the zone's scheme for that year (亩均效益综合评价) and stores
 * the results in evaluation_result, replacing the zone-year's earlier ones. Set-based in PostGIS, in four
 * steps: each holder's land and figures, the groups' benchmarks, the scores, then class, veto and rank.
 * docs/evaluation.md gives the arithmetic.
 */
@Service
public class EvaluationService {

    /** The zone and its scheme for the year, locked so two runs of the same zone-year queue. */
    private static final String SCHEME = """
            select z.id as zone_id, s.id as scheme_id
            from zone z join evaluation_scheme s on s.zone_id = z.id and s.year = :year
            where z.code = :zone
            for update of s
            """;

    private static final String FORGET = """
            with gone as (delete from evaluation_result where zone_code = :zone and year = :year)
            delete from evaluation_benchmark where zone_code = :zone and year = :year
            """;

    /**
     * Step 1: one row per enterprise holding land in the zone (current parcels) with figures for the year:
     * its official area (planar, EPSG:4549, in mu to 2 decimals), group, and each indicator's value (null
     * when its denominator is missing or zero); too little land: not rated. 规上/规下 from the figures, or
     * by revenue (≥ 2000 万元 is 规上) when the file did not say.
     */
    private static final String HOLDERS = """
            insert into evaluation_result (zone_code, year, enterprise_id, scale_group, land_mu, declared_mu,
                   tax_wan_per_mu, value_added_wan_per_mu, value_added_wan_per_tce, value_added_wan_per_emission_t,
                   value_added_wan_per_employee, rd_share_pct, not_rated, rank_group, class_last_year)
            with land as (
                select p.enterprise_id, round(sum(ST_Area(p.geom))::numeric * 15 / 10000, 2) as mu
                from parcel p
                where p.zone_id = :zoneId and p.enterprise_id is not null
                group by p.enterprise_id
            )
            select :zone, :year, l.enterprise_id, g.scale_group, l.mu, f.land_mu,
                   round(f.tax_wan / l.mu, 4),
                   round(f.output_wan / l.mu, 4),
                   round(f.output_wan / nullif(f.energy_tce, 0), 4),
                   round(f.output_wan / nullif(f.emission_t, 0), 4),
                   round(f.output_wan / nullif(f.employees, 0), 4),
                   round(100 * f.rd_wan / nullif(f.revenue_wan, 0), 4),
                   case when l.mu < s.min_land_mu then format(
                        '用地 %s 亩，不足 %s 亩，不参评。Land of %s mu is below the minimum of %s mu: not rated.',
                        l.mu, s.min_land_mu, l.mu, s.min_land_mu) end,
                   case when s.groups_apart then g.scale_group else 'all' end,
                   (select last.class from evaluation_result last
                    where last.zone_code = :zone and last.year = :year - 1 and last.enterprise_id = l.enterprise_id)
            from land l
            join enterprise_evaluation f on f.enterprise_id = l.enterprise_id and f.year = :year
            join evaluation_scheme s on s.id = :schemeId
            cross join lateral (select coalesce(f.scale,
                    case when f.revenue_wan >= 2000 then 'above' else 'below' end) as scale_group) g
            where l.mu > 0
            """;

    /**
     * Step 2: each enabled indicator's benchmark per group: the scheme's set value, or the zone's average
     * for the year within the group, the sum of the numerators over the sum of the denominators of the
     * rated enterprises that have both (so a big firm weighs as much as its land).
     */
    private static final String BENCHMARKS = """
            insert into evaluation_benchmark (zone_code, year, rank_group, indicator, benchmark, average)
            with parts as (
                select r.rank_group, v.indicator, v.num, v.den
                from evaluation_result r
                join enterprise_evaluation f on f.enterprise_id = r.enterprise_id and f.year = r.year
                cross join lateral (values
                    ('tax_per_mu',               f.tax_wan,      r.land_mu),
                    ('value_added_per_mu',       f.output_wan,   r.land_mu),
                    ('value_added_per_energy',   f.output_wan,   f.energy_tce),
                    ('value_added_per_emission', f.output_wan,   f.emission_t),
                    ('labour_productivity',      f.output_wan,   f.employees::numeric),
                    ('rd_share',                 100 * f.rd_wan, f.revenue_wan)) v (indicator, num, den)
                where r.zone_code = :zone and r.year = :year and r.not_rated is null
                  and v.num is not null and v.den > 0
            ),
            averages as (
                select rank_group, indicator, sum(num) / sum(den) as value from parts group by rank_group, indicator
            ),
            groups as (
                select distinct rank_group from evaluation_result
                where zone_code = :zone and year = :year and not_rated is null
            )
            select :zone, :year, g.rank_group, i.indicator, round(coalesce(i.benchmark_value, a.value), 4),
                   i.benchmark_value is null
            from groups g
            join evaluation_scheme_indicator i on i.scheme_id = :schemeId and i.enabled
            left join averages a on a.rank_group = g.rank_group and a.indicator = i.indicator
            """;

    /**
     * Steps 3 and 4: each enabled indicator scored against its group's benchmark
     * (indicator_score: weight × value / benchmark between floor and cap), the total, rank in
     * the group, then the class: a veto first (incident → D, 亩均税收 under the floor → D, listed high-tech
     * → A), else by score thresholds or by shares of the group's ranks (top A, bottom D, next to the top B).
     */
    private static final String SCORES = """
            with indicator_values as materialized (
                select r.enterprise_id, r.rank_group, r.tax_wan_per_mu, f.major_incident, f.high_tech, v.indicator, v.value
                from evaluation_result r
                join enterprise_evaluation f on f.enterprise_id = r.enterprise_id and f.year = r.year
                cross join lateral (values
                    ('tax_per_mu',               r.tax_wan_per_mu),
                    ('value_added_per_mu',       r.value_added_wan_per_mu),
                    ('value_added_per_energy',   r.value_added_wan_per_tce),
                    ('value_added_per_emission', r.value_added_wan_per_emission_t),
                    ('labour_productivity',      r.value_added_wan_per_employee),
                    ('rd_share',                 r.rd_share_pct)) v (indicator, value)
                where r.zone_code = :zone and r.year = :year and r.not_rated is null
            ),
            scores as materialized (
                select iv.*, indicator_score(iv.value, b.benchmark, i.weight, i.floor_factor, i.cap_factor) as score
                from indicator_values iv
                join evaluation_scheme_indicator i on i.scheme_id = :schemeId and i.enabled and i.indicator = iv.indicator
                join evaluation_benchmark b on b.zone_code = :zone and b.year = :year
                     and b.rank_group = iv.rank_group and b.indicator = iv.indicator
            ),
            totals as materialized (
                select enterprise_id, rank_group, tax_wan_per_mu, major_incident, high_tech, sum(score) as score,
                       max(score) filter (where indicator = 'tax_per_mu')               as tax_score,
                       max(score) filter (where indicator = 'value_added_per_mu')       as value_added_score,
                       max(score) filter (where indicator = 'value_added_per_energy')   as energy_score,
                       max(score) filter (where indicator = 'value_added_per_emission') as emission_score,
                       max(score) filter (where indicator = 'labour_productivity')      as labour_score,
                       max(score) filter (where indicator = 'rd_share')                 as rd_score
                from scores group by enterprise_id, rank_group, tax_wan_per_mu, major_incident, high_tech
            ),
            ranked as materialized (
                select t.*, rank() over (partition by t.rank_group order by t.score desc) as rank,
                       count(*) over (partition by t.rank_group) as n,
                       case when s.veto_incident and t.major_incident then 'D'
                            when t.tax_wan_per_mu < s.veto_tax_floor then 'D'
                            when s.veto_high_tech and t.high_tech then 'A' end as veto_class,
                       case when s.veto_incident and t.major_incident
                                 then '发生重大安全或环境事故，评为 D 类。A major safety or environmental incident: class D.'
                            when t.tax_wan_per_mu < s.veto_tax_floor
                                 then format('亩均税收 %s 万元/亩，低于 %s 万元/亩，评为 D 类。Tax per mu of %s 万元 is below the floor of %s: class D.',
                                             round(t.tax_wan_per_mu, 2), s.veto_tax_floor, round(t.tax_wan_per_mu, 2), s.veto_tax_floor)
                            when s.veto_high_tech and t.high_tech
                                 then '上市高新技术企业，评为 A 类。A listed high-tech firm: class A.' end as veto
                from totals t
                join evaluation_scheme s on s.id = :schemeId
            )
            update evaluation_result r
            set tax_score = k.tax_score, value_added_score = k.value_added_score, energy_score = k.energy_score,
                emission_score = k.emission_score, labour_score = k.labour_score, rd_score = k.rd_score,
                score = k.score, rank = k.rank, group_size = k.n, veto = k.veto,
                class = coalesce(k.veto_class, case
                    when s.class_by = 'score' then case when k.score >= s.a_min_score then 'A'
                                                        when k.score >= s.b_min_score then 'B'
                                                        when k.score >= s.c_min_score then 'C'
                                                        else 'D' end
                    when k.rank <= round(k.n * s.a_share_pct / 100) then 'A'
                    when k.rank > k.n - round(k.n * s.d_share_pct / 100) then 'D'
                    when k.rank <= round(k.n * (s.a_share_pct + s.b_share_pct) / 100) then 'B'
                    else 'C' end)
            from ranked k, evaluation_scheme s
            where s.id = :schemeId and r.zone_code = :zone and r.year = :year and r.enterprise_id = k.enterprise_id
            """;

    /** Next year's results, if already computed, show this year's class as last year's. */
    private static final String NEXT_YEAR_LOOKS_BACK = """
            update evaluation_result n set class_last_year = r.class
            from evaluation_result r
            where n.zone_code = :zone and n.year = :year + 1
              and r.zone_code = :zone and r.year = :year and r.enterprise_id = n.enterprise_id
            """;

    private static final String SUMMARY = """
            select count(*) as holders, count(score) as rated,
                   count(*) filter (where class = 'A') as a, count(*) filter (where class = 'B') as b,
                   count(*) filter (where class = 'C') as c, count(*) filter (where class = 'D') as d
            from evaluation_result where zone_code = :zone and year = :year
            """;

    /** What a run rated: holders with figures, how many of them were rated, and the count of each class. */
    public record Summary(String zone, int year, int holders, int rated, int a, int b, int c, int d) {
    }

    private final JdbcClient jdbc;

    EvaluationService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** (Re)computes the results of a zone-year under its scheme; 404 without the zone, 409 without a scheme. */
    @Transactional
    public Summary evaluate(String zoneCode, int year) {
        Map<String, Object> ids = jdbc.sql(SCHEME).param("zone", zoneCode).param("year", year)
                .query().listOfRows().stream().findFirst()
                .orElseThrow(() -> noScheme(zoneCode, year));
        Map<String, Object> params = Map.of("zone", zoneCode, "year", year,
                "zoneId", ids.get("zone_id"), "schemeId", ids.get("scheme_id"));
        // The results table is filled anew by each run, so its statistics lag behind it: left to them, the
        // planner loops over whole zones row by row (seconds for a thousand firms). Whole-zone hash joins it is.
        jdbc.sql("set local enable_nestloop = off").update();
        jdbc.sql(FORGET).params(params).update();
        jdbc.sql(HOLDERS).params(params).update();
        jdbc.sql(BENCHMARKS).params(params).update();
        jdbc.sql(SCORES).params(params).update();
        jdbc.sql(NEXT_YEAR_LOOKS_BACK).params(params).update();
        return jdbc.sql(SUMMARY).params(params).query((rs, n) -> new Summary(zoneCode, year,
                rs.getInt("holders"), rs.getInt("rated"), rs.getInt("a"), rs.getInt("b"), rs.getInt("c"),
                rs.getInt("d"))).single();
    }

    private RuntimeException noScheme(String zoneCode, int year) {
        Integer zones = jdbc.sql("select count(*) from zone where code = :zone").param("zone", zoneCode)
                .query(Integer.class).single();
        if (zones == 0) {
            return new NotFoundException("没有园区 " + Excerpt.of(zoneCode) + "。No zone '" + Excerpt.of(zoneCode) + "'.");
        }
        return new ConflictException("园区 " + zoneCode + " 没有 " + year + " 年的评价方案，请先保存方案。Zone "
                + zoneCode + " has no evaluation scheme for " + year + ": save one first.",
                Map.of("zone", zoneCode, "year", year));
    }
}
