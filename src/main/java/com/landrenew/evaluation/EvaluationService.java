package com.landrenew.evaluation;

import java.util.List;
import java.util.Map;

import com.landrenew.web.ConflictException;
import com.landrenew.web.Excerpt;
import com.landrenew.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rates a zone's enterprises for a year under the zone's scheme for that year (亩均效益综合评价) and stores
 * the results in evaluation_result, replacing the zone-year's earlier ones; or every zone with a scheme
 * for the year at once (a provincial run). Set-based in PostGIS: one statement reads each holder's land
 * (holder_land) with the figures, computes benchmarks, scores, class, veto and rank, and writes results
 * and benchmarks (EVALUATE). docs/evaluation.md gives the arithmetic.
 */
@Service
public class EvaluationService {

    /** The zone and its scheme for the year, locked so two runs of the same zone-year queue. */
    private static final String SCHEME = """
            select z.id as zone_id, z.code as zone_code, s.id as scheme_id
            from zone z join evaluation_scheme s on s.zone_id = z.id and s.year = :year
            where z.code = :zone
            for update of s
            """;

    /** Every zone with a scheme for the year, locked in the order of their codes (as SCHEME locks one of them). */
    private static final String SCHEMES_OF_YEAR = """
            select z.id as zone_id, z.code as zone_code, s.id as scheme_id
            from zone z join evaluation_scheme s on s.zone_id = z.id and s.year = :year
            order by z.code
            for update of s
            """;

    private static final String FORGET = """
            with gone as (delete from evaluation_result where zone_code in (:zones) and year = :year)
            delete from evaluation_benchmark where zone_code in (:zones) and year = :year
            """;

    /**
     * The evaluation of the zones under the schemes :schemeIds in one statement, each holder passing once
     * through one pipeline:
     * <ul>
     * <li>holders: one row per enterprise holding land in a zone with figures for the year: its land (the
     *   official area of its current parcels in mu to 2 decimals, kept by the parcel triggers in holder_land,
     *   V27, V29), group, each indicator's value (to 4 decimals; null when its denominator is missing or zero);
     *   too little land: not rated. 规上/规下 from the figures, or by revenue (≥ 2000 万元 is 规上) when the file
     *   did not say;
     * <li>averages and benchmarks: each enabled indicator's set value, or the zone's average for the year
     *   within the group: the sum of the numerators over the sum of the denominators of the rated holders
     *   that have both (so a big firm weighs as much as its land); written to evaluation_benchmark;
     * <li>rules: one row per zone and group with what scoring and classing need: each indicator's benchmark,
     *   weight and score bounds (a disabled indicator: null weight, no score), the veto settings, the score
     *   thresholds, and the last rank of A, B and C when classes go by shares of the n rated;
     * <li>scores (indicator_score: weight × value / benchmark between the bounds), the total, the rank in the
     *   group (not rated: no scores, no rank), then the class: a veto first (incident → D, 亩均税收 under the
     *   floor → D, listed high-tech → A), else by score thresholds or by rank (top A, bottom D, next to the
     *   top B);
     * <li>saved: the results, with last year's class; the answer counts them per zone.
     * </ul>
     */
    private static final String EVALUATE = """
            with scheme as (
                select s.*, z.code as zone_code
                from evaluation_scheme s join zone z on z.id = s.zone_id
                where s.id in (:schemeIds)
            ),
            holders as materialized (
                select s.id as scheme_id, s.zone_code, h.enterprise_id, g.scale_group, h.mu, f.land_mu as declared_mu,
                       f.tax_wan, f.output_wan, f.energy_tce, f.emission_t, f.employees, f.rd_wan, f.revenue_wan,
                       f.major_incident, f.high_tech,
                       round(f.tax_wan / h.mu, 4)                          as tax_per_mu,
                       round(f.output_wan / h.mu, 4)                       as value_added_per_mu,
                       round(f.output_wan / nullif(f.energy_tce, 0), 4)    as value_added_per_energy,
                       round(f.output_wan / nullif(f.emission_t, 0), 4)    as value_added_per_emission,
                       round(f.output_wan / nullif(f.employees, 0), 4)     as labour_productivity,
                       round(100 * f.rd_wan / nullif(f.revenue_wan, 0), 4) as rd_share,
                       h.mu >= s.min_land_mu as rated,
                       case when h.mu < s.min_land_mu then format(
                            '用地 %s 亩，不足 %s 亩，不参评。Land of %s mu is below the minimum of %s mu: not rated.',
                            h.mu, s.min_land_mu, h.mu, s.min_land_mu) end as not_rated,
                       case when s.groups_apart then g.scale_group else 'all' end as rank_group
                from holder_land h
                join scheme s on s.zone_id = h.zone_id
                join enterprise_evaluation f on f.enterprise_id = h.enterprise_id and f.year = :year
                cross join lateral (select coalesce(f.scale,
                        case when f.revenue_wan >= 2000 then 'above' else 'below' end) as scale_group) g
                where h.zone_id in (:zoneIds) and h.parcels > 0 and h.mu > 0
            ),
            averages as (
                select scheme_id, zone_code, rank_group, count(*) as n,
                       sum(tax_wan) / sum(mu)                                               as tax_per_mu,
                       sum(output_wan) / sum(mu)                                            as value_added_per_mu,
                       sum(output_wan) filter (where energy_tce > 0)
                           / sum(energy_tce) filter (where energy_tce > 0)                  as value_added_per_energy,
                       sum(output_wan) filter (where emission_t > 0)
                           / sum(emission_t) filter (where emission_t > 0)                  as value_added_per_emission,
                       sum(output_wan) filter (where employees > 0)
                           / sum(employees::numeric) filter (where employees > 0)           as labour_productivity,
                       sum(100 * rd_wan) filter (where rd_wan is not null and revenue_wan > 0)
                           / sum(revenue_wan) filter (where rd_wan is not null and revenue_wan > 0) as rd_share
                from holders
                where rated
                group by scheme_id, zone_code, rank_group
            ),
            benchmarks as materialized (
                select a.scheme_id, a.zone_code, a.rank_group, a.n, i.indicator, i.weight,
                       i.weight * i.floor_factor as lowest, i.weight * i.cap_factor as highest,
                       round(coalesce(i.benchmark_value, case i.indicator
                           when 'tax_per_mu'               then a.tax_per_mu
                           when 'value_added_per_mu'       then a.value_added_per_mu
                           when 'value_added_per_energy'   then a.value_added_per_energy
                           when 'value_added_per_emission' then a.value_added_per_emission
                           when 'labour_productivity'      then a.labour_productivity
                           when 'rd_share'                 then a.rd_share end), 4) as benchmark,
                       i.benchmark_value is null as average
                from averages a
                join evaluation_scheme_indicator i on i.scheme_id = a.scheme_id and i.enabled
            ),
            saved_benchmarks as (
                insert into evaluation_benchmark (zone_code, year, rank_group, indicator, benchmark, average)
                select zone_code, :year, rank_group, indicator, benchmark, average from benchmarks
            ),
            rules as (
                select k.*, s.veto_incident, s.veto_tax_floor, s.veto_high_tech, s.class_by,
                       s.a_min_score, s.b_min_score, s.c_min_score,
                       round(k.n * s.a_share_pct / 100)::int                       as a_last_rank,
                       round(k.n * (s.a_share_pct + s.b_share_pct) / 100)::int     as b_last_rank,
                       (k.n - round(k.n * s.d_share_pct / 100))::int               as c_last_rank
                from (select scheme_id, rank_group, max(n) as n,
                             max(benchmark) filter (where indicator = 'tax_per_mu')               as tax_benchmark,
                             max(weight)    filter (where indicator = 'tax_per_mu')               as tax_weight,
                             max(lowest)    filter (where indicator = 'tax_per_mu')               as tax_lowest,
                             max(highest)   filter (where indicator = 'tax_per_mu')               as tax_highest,
                             max(benchmark) filter (where indicator = 'value_added_per_mu')       as value_added_benchmark,
                             max(weight)    filter (where indicator = 'value_added_per_mu')       as value_added_weight,
                             max(lowest)    filter (where indicator = 'value_added_per_mu')       as value_added_lowest,
                             max(highest)   filter (where indicator = 'value_added_per_mu')       as value_added_highest,
                             max(benchmark) filter (where indicator = 'value_added_per_energy')   as energy_benchmark,
                             max(weight)    filter (where indicator = 'value_added_per_energy')   as energy_weight,
                             max(lowest)    filter (where indicator = 'value_added_per_energy')   as energy_lowest,
                             max(highest)   filter (where indicator = 'value_added_per_energy')   as energy_highest,
                             max(benchmark) filter (where indicator = 'value_added_per_emission') as emission_benchmark,
                             max(weight)    filter (where indicator = 'value_added_per_emission') as emission_weight,
                             max(lowest)    filter (where indicator = 'value_added_per_emission') as emission_lowest,
                             max(highest)   filter (where indicator = 'value_added_per_emission') as emission_highest,
                             max(benchmark) filter (where indicator = 'labour_productivity')      as labour_benchmark,
                             max(weight)    filter (where indicator = 'labour_productivity')      as labour_weight,
                             max(lowest)    filter (where indicator = 'labour_productivity')      as labour_lowest,
                             max(highest)   filter (where indicator = 'labour_productivity')      as labour_highest,
                             max(benchmark) filter (where indicator = 'rd_share')                 as rd_benchmark,
                             max(weight)    filter (where indicator = 'rd_share')                 as rd_weight,
                             max(lowest)    filter (where indicator = 'rd_share')                 as rd_lowest,
                             max(highest)   filter (where indicator = 'rd_share')                 as rd_highest
                      from benchmarks
                      group by scheme_id, rank_group) k
                join scheme s on s.id = k.scheme_id
            ),
            scores as (
                select h.scheme_id, h.zone_code, h.enterprise_id, h.scale_group, h.mu, h.declared_mu, h.major_incident, h.high_tech,
                       h.tax_per_mu, h.value_added_per_mu, h.value_added_per_energy, h.value_added_per_emission,
                       h.labour_productivity, h.rd_share, h.not_rated, h.rank_group, k.n, k.veto_incident, k.veto_tax_floor,
                       k.veto_high_tech, k.class_by, k.a_min_score, k.b_min_score, k.c_min_score,
                       k.a_last_rank, k.b_last_rank, k.c_last_rank,
                       case when k.tax_weight is not null then indicator_score(h.tax_per_mu,
                            k.tax_benchmark, k.tax_weight, k.tax_lowest, k.tax_highest) end                      as tax_score,
                       case when k.value_added_weight is not null then indicator_score(h.value_added_per_mu,
                            k.value_added_benchmark, k.value_added_weight, k.value_added_lowest,
                            k.value_added_highest) end                                                          as value_added_score,
                       case when k.energy_weight is not null then indicator_score(h.value_added_per_energy,
                            k.energy_benchmark, k.energy_weight, k.energy_lowest, k.energy_highest) end         as energy_score,
                       case when k.emission_weight is not null then indicator_score(h.value_added_per_emission,
                            k.emission_benchmark, k.emission_weight, k.emission_lowest, k.emission_highest) end as emission_score,
                       case when k.labour_weight is not null then indicator_score(h.labour_productivity,
                            k.labour_benchmark, k.labour_weight, k.labour_lowest, k.labour_highest) end         as labour_score,
                       case when k.rd_weight is not null then indicator_score(h.rd_share,
                            k.rd_benchmark, k.rd_weight, k.rd_lowest, k.rd_highest) end                         as rd_score
                from holders h
                left join rules k on k.scheme_id = h.scheme_id and k.rank_group = h.rank_group and h.rated
                offset 0   -- a fence: without it the planner folds the total into the same expressions, scoring twice
            ),
            ranked as (
                select t.*, case when t.score is not null
                                 then rank() over (partition by t.scheme_id, t.rank_group order by t.score desc nulls last) end as rank
                from (select s.*, case when s.n is not null then coalesce(tax_score, 0) + coalesce(value_added_score, 0)
                                      + coalesce(energy_score, 0) + coalesce(emission_score, 0) + coalesce(labour_score, 0)
                                      + coalesce(rd_score, 0) end as score
                      from scores s) t
            ),
            classed as (
                select k.*,
                       case when k.score is null then null
                            when k.veto_incident and k.major_incident
                                 then '发生重大安全或环境事故，评为 D 类。A major safety or environmental incident: class D.'
                            when k.tax_per_mu < k.veto_tax_floor
                                 then format('亩均税收 %s 万元/亩，低于 %s 万元/亩，评为 D 类。Tax per mu of %s 万元 is below the floor of %s: class D.',
                                             round(k.tax_per_mu, 2), k.veto_tax_floor, round(k.tax_per_mu, 2), k.veto_tax_floor)
                            when k.veto_high_tech and k.high_tech
                                 then '上市高新技术企业，评为 A 类。A listed high-tech firm: class A.' end as veto,
                       case when k.score is null then null
                            when k.veto_incident and k.major_incident then 'D'
                            when k.tax_per_mu < k.veto_tax_floor then 'D'
                            when k.veto_high_tech and k.high_tech then 'A'
                            when k.class_by = 'score' then case when k.score >= k.a_min_score then 'A'
                                                                when k.score >= k.b_min_score then 'B'
                                                                when k.score >= k.c_min_score then 'C'
                                                                else 'D' end
                            when k.rank <= k.a_last_rank then 'A'
                            when k.rank > k.c_last_rank then 'D'
                            when k.rank <= k.b_last_rank then 'B'
                            else 'C' end as class
                from ranked k
            ),
            saved as (
                insert into evaluation_result (zone_code, year, enterprise_id, scale_group, land_mu, declared_mu,
                       tax_wan_per_mu, value_added_wan_per_mu, value_added_wan_per_tce, value_added_wan_per_emission_t,
                       value_added_wan_per_employee, rd_share_pct, tax_score, value_added_score, energy_score, emission_score,
                       labour_score, rd_score, score, class, veto, not_rated, rank, rank_group, group_size, class_last_year)
                select c.zone_code, :year, c.enterprise_id, c.scale_group, c.mu, c.declared_mu,
                       c.tax_per_mu, c.value_added_per_mu, c.value_added_per_energy, c.value_added_per_emission,
                       c.labour_productivity, c.rd_share, c.tax_score, c.value_added_score, c.energy_score, c.emission_score,
                       c.labour_score, c.rd_score, c.score, c.class, c.veto, c.not_rated, c.rank, c.rank_group, c.n, last.class
                from classed c
                left join evaluation_result last
                       on last.zone_code = c.zone_code and last.year = :year - 1 and last.enterprise_id = c.enterprise_id
                returning zone_code, score, class
            )
            select s.zone_code as zone, coalesce(r.holders, 0) as holders, coalesce(r.rated, 0) as rated,
                   coalesce(r.a, 0) as a, coalesce(r.b, 0) as b, coalesce(r.c, 0) as c, coalesce(r.d, 0) as d
            from scheme s
            left join (select zone_code, count(*) as holders, count(score) as rated,
                              count(*) filter (where class = 'A') as a, count(*) filter (where class = 'B') as b,
                              count(*) filter (where class = 'C') as c, count(*) filter (where class = 'D') as d
                       from saved group by zone_code) r on r.zone_code = s.zone_code
            order by s.zone_code
            """;

    /** Next year's results, if already computed, show this year's class as last year's. */
    private static final String NEXT_YEAR_LOOKS_BACK = """
            update evaluation_result n set class_last_year = r.class
            from evaluation_result r
            where n.zone_code in (:zones) and n.year = :year + 1
              and r.zone_code = n.zone_code and r.year = :year and r.enterprise_id = n.enterprise_id
            """;

    /** What a run rated in a zone: holders with figures, how many of them were rated, and the count of each class. */
    public record Summary(String zone, int year, int holders, int rated, int a, int b, int c, int d) {
    }

    /** What a run over every zone with a scheme for the year rated: the sums, then each zone's summary. */
    public record YearSummary(int year, int holders, int rated, int a, int b, int c, int d, List<Summary> zones) {

        static YearSummary of(int year, List<Summary> zones) {
            return new YearSummary(year, zones.stream().mapToInt(Summary::holders).sum(),
                    zones.stream().mapToInt(Summary::rated).sum(), zones.stream().mapToInt(Summary::a).sum(),
                    zones.stream().mapToInt(Summary::b).sum(), zones.stream().mapToInt(Summary::c).sum(),
                    zones.stream().mapToInt(Summary::d).sum(), zones);
        }
    }

    private record ZoneScheme(int zoneId, String zoneCode, int schemeId) {
    }

    private final JdbcClient jdbc;

    EvaluationService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** (Re)computes the results of a zone-year under its scheme; 404 without the zone, 409 without a scheme. */
    @Transactional
    public Summary evaluate(String zoneCode, int year) {
        List<ZoneScheme> schemes = jdbc.sql(SCHEME).param("zone", zoneCode).param("year", year)
                .query(ZoneScheme.class).list();
        if (schemes.isEmpty()) {
            throw noScheme(zoneCode, year);
        }
        return evaluate(schemes, year).get(0);
    }

    /** (Re)computes the results of every zone with a scheme for the year (none: an empty summary). */
    @Transactional
    public YearSummary evaluateYear(int year) {
        List<ZoneScheme> schemes = jdbc.sql(SCHEMES_OF_YEAR).param("year", year).query(ZoneScheme.class).list();
        return YearSummary.of(year, schemes.isEmpty() ? List.of() : evaluate(schemes, year));
    }

    private List<Summary> evaluate(List<ZoneScheme> schemes, int year) {
        Map<String, Object> params = Map.of("year", year,
                "zones", schemes.stream().map(ZoneScheme::zoneCode).toList(),
                "zoneIds", schemes.stream().map(ZoneScheme::zoneId).toList(),
                "schemeIds", schemes.stream().map(ZoneScheme::schemeId).toList());
        // The results table is filled anew by each run, so its statistics lag behind it: left to them, the
        // planner loops over whole zones row by row (seconds for a thousand firms). Whole-zone hash joins it
        // is, with the memory to hash a province's holders at once (else they are sorted on disk).
        jdbc.sql("set local enable_nestloop = off").update();
        jdbc.sql("set local work_mem = '64MB'").update();
        jdbc.sql(FORGET).params(params).update();
        List<Summary> summaries = jdbc.sql(EVALUATE).params(params).query((rs, n) -> new Summary(rs.getString("zone"),
                year, rs.getInt("holders"), rs.getInt("rated"), rs.getInt("a"), rs.getInt("b"), rs.getInt("c"),
                rs.getInt("d"))).list();
        jdbc.sql(NEXT_YEAR_LOOKS_BACK).params(params).update();
        return summaries;
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
