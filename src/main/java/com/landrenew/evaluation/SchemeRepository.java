package com.landrenew.evaluation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Schemes in and out of evaluation_scheme and evaluation_scheme_indicator. */
@Repository
class SchemeRepository {

    private static final String SCHEME = """
            select s.id, s.groups_apart, s.min_land_mu, s.class_by, s.a_min_score, s.b_min_score, s.c_min_score,
                   s.a_share_pct, s.b_share_pct, s.d_share_pct, s.veto_incident, s.veto_tax_floor, s.veto_high_tech,
                   s.updated_at, s.updated_by
            from evaluation_scheme s join zone z on z.id = s.zone_id
            where z.code = :zone and s.year = :year
            """;

    /** Every indicator, with the scheme's settings or (no scheme) the usual ones: default weights, averages, 0 to 1.5. */
    private static final String INDICATORS = """
            select i.code, i.name_zh, i.name_en, i.unit, coalesce(si.enabled, true) as enabled,
                   coalesce(si.weight, i.default_weight) as weight, si.benchmark_value,
                   coalesce(si.floor_factor, 0) as floor_factor, coalesce(si.cap_factor, 1.5) as cap_factor
            from evaluation_indicator i
            left join evaluation_scheme_indicator si on si.indicator = i.code and si.scheme_id = :scheme
            order by i.ordinal
            """;

    private static final String UPSERT = """
            insert into evaluation_scheme (zone_id, year, groups_apart, min_land_mu, class_by, a_min_score, b_min_score,
                   c_min_score, a_share_pct, b_share_pct, d_share_pct, veto_incident, veto_tax_floor, veto_high_tech,
                   updated_at, updated_by)
            select z.id, :year, :groupsApart, :minLandMu, :classBy, :a, :b, :c, :aShare, :bShare, :dShare,
                   :incident, :taxFloor, :highTech, now(), :by
            from zone z where z.code = :zone
            on conflict (zone_id, year) do update set
                groups_apart = excluded.groups_apart, min_land_mu = excluded.min_land_mu, class_by = excluded.class_by,
                a_min_score = excluded.a_min_score, b_min_score = excluded.b_min_score, c_min_score = excluded.c_min_score,
                a_share_pct = excluded.a_share_pct, b_share_pct = excluded.b_share_pct, d_share_pct = excluded.d_share_pct,
                veto_incident = excluded.veto_incident, veto_tax_floor = excluded.veto_tax_floor,
                veto_high_tech = excluded.veto_high_tech, updated_at = now(), updated_by = excluded.updated_by
            returning id
            """;

    /** One indicator's settings; an indicator the request left out is off with weight 0. */
    private static final String UPSERT_INDICATOR = """
            insert into evaluation_scheme_indicator (scheme_id, indicator, enabled, weight, benchmark_value, floor_factor, cap_factor)
            values (:scheme, :code, :enabled, :weight, :benchmark, :floor, :cap)
            on conflict (scheme_id, indicator) do update set enabled = excluded.enabled, weight = excluded.weight,
                benchmark_value = excluded.benchmark_value, floor_factor = excluded.floor_factor, cap_factor = excluded.cap_factor
            """;

    private final JdbcClient jdbc;

    SchemeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean zoneExists(String zone) {
        return jdbc.sql("select exists (select 1 from zone where code = :zone)").param("zone", zone)
                .query(Boolean.class).single();
    }

    /** The saved scheme, or the usual one (saved false) when the zone has none for the year. */
    EvaluationScheme scheme(String zone, int year) {
        Optional<EvaluationScheme> saved = jdbc.sql(SCHEME).param("zone", zone).param("year", year)
                .query((rs, n) -> new EvaluationScheme(zone, year, true, rs.getBoolean("groups_apart"),
                        rs.getBigDecimal("min_land_mu"), rs.getString("class_by"),
                        new EvaluationScheme.Thresholds(rs.getBigDecimal("a_min_score"), rs.getBigDecimal("b_min_score"),
                                rs.getBigDecimal("c_min_score")),
                        new EvaluationScheme.Shares(rs.getBigDecimal("a_share_pct"), rs.getBigDecimal("b_share_pct"),
                                rs.getBigDecimal("d_share_pct")),
                        new EvaluationScheme.Vetoes(rs.getBoolean("veto_incident"), rs.getBigDecimal("veto_tax_floor"),
                                rs.getBoolean("veto_high_tech")),
                        indicators(rs.getInt("id")), rs.getObject("updated_at", OffsetDateTime.class),
                        rs.getString("updated_by")))
                .optional();
        return saved.orElseGet(() -> new EvaluationScheme(zone, year, false, true, new BigDecimal(3), "share",
                new EvaluationScheme.Thresholds(new BigDecimal(110), new BigDecimal(80), new BigDecimal(50)),
                new EvaluationScheme.Shares(new BigDecimal(15), new BigDecimal(50), new BigDecimal(5)),
                new EvaluationScheme.Vetoes(true, null, true), indicators(0), null, null));
    }

    private List<EvaluationScheme.Indicator> indicators(int scheme) {
        return jdbc.sql(INDICATORS).param("scheme", scheme)
                .query((rs, n) -> new EvaluationScheme.Indicator(rs.getString("code"), rs.getString("name_zh"),
                        rs.getString("name_en"), rs.getString("unit"), rs.getBoolean("enabled"),
                        rs.getBigDecimal("weight"), rs.getBigDecimal("benchmark_value"),
                        rs.getBigDecimal("floor_factor"), rs.getBigDecimal("cap_factor")))
                .list();
    }

    /** Stores a checked scheme as the zone's for the year, every indicator in it. */
    void save(String zone, int year, EvaluationScheme s, String by) {
        int id = jdbc.sql(UPSERT).param("zone", zone).param("year", year).param("groupsApart", s.groupsApart())
                .param("minLandMu", s.minLandMu()).param("classBy", s.classBy())
                .param("a", s.thresholds().a()).param("b", s.thresholds().b()).param("c", s.thresholds().c())
                .param("aShare", s.shares().a()).param("bShare", s.shares().b()).param("dShare", s.shares().d())
                .param("incident", s.vetoes().incident()).param("taxFloor", s.vetoes().taxFloor())
                .param("highTech", s.vetoes().highTech()).param("by", by)
                .query(Integer.class).single();
        for (String code : EvaluationScheme.INDICATORS) {
            EvaluationScheme.Indicator given = s.indicators().stream().filter(i -> code.equals(i.code())).findFirst()
                    .orElse(new EvaluationScheme.Indicator(code, null, null, null, false, BigDecimal.ZERO, null,
                            BigDecimal.ZERO, new BigDecimal("1.5")));
            jdbc.sql(UPSERT_INDICATOR).param("scheme", id).param("code", code).param("enabled", given.enabled())
                    .param("weight", given.weight()).param("benchmark", given.benchmark())
                    .param("floor", given.floor()).param("cap", given.cap()).update();
        }
    }
}
