package com.landrenew.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The 亩均评价 case on the province set (issue 14): 100,000 enterprises holding its 1,000,000 parcels (ten
 * parcels each, in order within a zone), figures of 2025 for all of them drawn from a hash of their code,
 * and the usual scheme in each of the 84 zones. The server evaluates the year zone by zone (POST
 * /api/evaluations/run, each writing its results), then all zones in one request ({@code zone=*}); the raw
 * SQL computes the same land, values, benchmarks, scores and ranks for all zones in one read-only query.
 * The figure compared: enterprises rated. Then the renewal candidates of one zone after that evaluation
 * (GET /api/evaluations/candidates: the land of its D class, 5% of the rated by the usual shares, and its
 * idle land), against the same rows in SQL; the figure: candidate parcels.
 */
final class EvaluationBench {

    static final int YEAR = 2025;
    static final int ENTERPRISES = 100_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ENTERPRISES_SQL = """
            insert into enterprise (credit_code, name)
            select '9B330000' || lpad(i::text, 9, '0') || 'B', '评价基准企业 ' || i
            from generate_series(1, ?) i
            on conflict (credit_code) do nothing
            """;

    /** Ten parcels an enterprise, in order of zone and id (so nearly all of an enterprise's land is in one zone). */
    private static final String HOLDERS = """
            update parcel_all p set enterprise_id = e.id
            from (select id, (row_number() over (order by zone_id, id) - 1) / 10 + 1 as n
                  from parcel_all where retired_on is null) r
            join enterprise e on e.credit_code = '9B330000' || lpad(r.n::text, 9, '0') || 'B'
            where p.id = r.id
            """;

    private static final String FIGURES = """
            insert into enterprise_evaluation (enterprise_id, year, tax_wan, output_wan, energy_tce, emission_t,
                   employees, rd_wan, revenue_wan)
            select e.id, ?, 5 + h % 300, 50 + (h * 7) % 2000, 10 + (h * 3) % 500, 1 + h % 50, 5 + h % 200, h % 40,
                   3 * (50 + (h * 7) % 2000)
            from enterprise e
            cross join lateral (select abs(hashtext(e.credit_code)) % 100000 as h) x
            where e.credit_code like '9B330000%'
            on conflict (enterprise_id, year) do nothing
            """;

    private static final String SCHEMES = """
            with made as (
                insert into evaluation_scheme (zone_id, year, updated_by)
                select id, ?, 'bench' from zone where code like 'prov-%'
                on conflict (zone_id, year) do nothing
                returning id
            )
            insert into evaluation_scheme_indicator (scheme_id, indicator, enabled, weight)
            select m.id, i.code, true, i.default_weight from made m cross join evaluation_indicator i
            """;

    /** The same evaluation for every zone at once, read only: land, values, groups' benchmarks, scores, ranks. */
    private static final String RAW = """
            with land as (
                select p.zone_id, p.enterprise_id, round(sum(ST_Area(p.geom))::numeric * 15 / 10000, 2) as mu
                from parcel p join zone z on z.id = p.zone_id
                where z.code like 'prov-%' and p.enterprise_id is not null
                group by p.zone_id, p.enterprise_id
            ),
            base as (
                select l.zone_id, l.mu, f.*, coalesce(f.scale, case when f.revenue_wan >= 2000 then 'above' else 'below' end) as g
                from land l join enterprise_evaluation f on f.enterprise_id = l.enterprise_id and f.year = ?
                where l.mu >= 3
            ),
            benchmark as (
                select zone_id, g, sum(tax_wan) / sum(mu) as tax, sum(output_wan) / sum(mu) as va,
                       sum(output_wan) filter (where energy_tce > 0) / sum(energy_tce) filter (where energy_tce > 0) as energy,
                       sum(output_wan) filter (where emission_t > 0) / sum(emission_t) filter (where emission_t > 0) as emission,
                       sum(output_wan) filter (where employees > 0) / sum(employees) filter (where employees > 0) as labour,
                       sum(100 * rd_wan) filter (where revenue_wan > 0) / sum(revenue_wan) filter (where revenue_wan > 0) as rd
                from base group by zone_id, g
            ),
            scored as (
                select b.zone_id, b.g,
                       least(greatest(30 * (b.tax_wan / b.mu) / k.tax, 0), 45)
                     + least(greatest(20 * (b.output_wan / b.mu) / k.va, 0), 30)
                     + least(greatest(coalesce(20 * (b.output_wan / nullif(b.energy_tce, 0)) / k.energy, 0), 0), 30)
                     + least(greatest(coalesce(10 * (b.output_wan / nullif(b.emission_t, 0)) / k.emission, 0), 0), 15)
                     + least(greatest(coalesce(10 * (b.output_wan / nullif(b.employees, 0)) / k.labour, 0), 0), 15)
                     + least(greatest(coalesce(10 * (100 * b.rd_wan / nullif(b.revenue_wan, 0)) / k.rd, 0), 0), 15) as score
                from base b join benchmark k on k.zone_id = b.zone_id and k.g = b.g
            )
            select count(*) from (select rank() over (partition by zone_id, g order by score desc) from scored) ranked
            """;

    private final JdbcTemplate jdbc;
    private final HttpClient http;
    private final String base;
    private final String authorization;

    EvaluationBench(JdbcTemplate jdbc, HttpClient http, String base, String authorization) {
        this.jdbc = jdbc;
        this.http = http;
        this.base = base;
        this.authorization = authorization;
    }

    /** Makes the enterprises, holders, figures and schemes once (kept with the province set). */
    void ensure() {
        Integer held = jdbc.queryForObject("select count(*) from parcel_all where enterprise_id is not null", Integer.class);
        if (held != null && held > ProvinceDataset.PARCELS / 2) {
            return;
        }
        long start = System.nanoTime();
        jdbc.update(ENTERPRISES_SQL, ENTERPRISES);
        jdbc.execute("set session_replication_role = replica");   // no triggers for a million holders
        try {
            jdbc.update(HOLDERS);
        } finally {
            jdbc.execute("set session_replication_role = origin");
        }
        jdbc.execute("select refresh_parcel_stats()");   // the holders' land sums (holder_land), which the triggers skipped
        jdbc.update(FIGURES, YEAR);
        jdbc.update(SCHEMES, YEAR);
        jdbc.execute("analyze enterprise");
        jdbc.execute("analyze parcel_all");
        jdbc.execute("analyze enterprise_evaluation");
        System.out.printf("evaluation set: %d enterprises holding the province's parcels, figures and schemes in %.1f s%n",
                ENTERPRISES, (System.nanoTime() - start) / 1e9);
    }

    /** The candidates of this zone are timed (one of the 84, 11,905 parcels). */
    static final String CANDIDATES_ZONE = "prov-01";

    /**
     * The candidates as CandidateRepository finds them, by hand: current parcels in use or in production
     * held by a D-class firm or one under the scheme's floor of 亩均税收, and idle land (today in China),
     * none in a renewal project; the same columns, ordered by block and code.
     */
    private static final String RAW_CANDIDATES = """
            select p.code, p.state, b.code as block, b.name as block_name, to_mu(ST_Area(p.geom)) as mu,
                   e.credit_code, e.name, r.class, r.score, r.tax_wan_per_mu
            from parcel p
            join zone z on z.id = p.zone_id
            left join evaluation_scheme s on s.zone_id = z.id and s.year = ?
            left join evaluation_result r on r.zone_code = z.code and r.year = s.year and r.enterprise_id = p.enterprise_id
            left join block b on b.id = p.block_id
            left join enterprise e on e.id = p.enterprise_id
            where z.code = ?
              and (p.state in ('in_use', 'in_production') and (r.class = 'D' or r.tax_wan_per_mu < s.veto_tax_floor)
                   or is_idle(p.state, p.construction_due, (now() at time zone 'Asia/Shanghai')::date))
              and not exists (select 1 from renewal_project_parcel rp where rp.parcel_id = p.id)
            order by b.code nulls last, p.code
            """;

    /** The year zone by zone (84 requests), then in one request; then one zone's candidates after it. */
    List<Bench.Result> run() {
        List<String> zones = jdbc.queryForList("select code from zone where code like 'prov-%' order by code", String.class);
        DoubleSupplier zoneByZone = () -> {
            double rated = 0;
            for (String zone : zones) {
                rated += JSON.readTree(post(base + "/api/evaluations/run?zone=" + zone + "&year=" + YEAR)).path("rated").asDouble();
            }
            return rated;
        };
        DoubleSupplier oneRequest = () -> JSON.readTree(post(base + "/api/evaluations/run?zone=*&year=" + YEAR))
                .path("rated").asDouble();
        DoubleSupplier raw = () -> jdbc.queryForObject(RAW, Double.class, YEAR);
        List<Bench.Result> results = new ArrayList<>();
        results.add(Bench.measure("evaluate a year, 100,000 firms, 84 requests", zoneByZone, raw, 1, 5));
        results.add(Bench.measure("evaluate a year, 100,000 firms, zone=*", oneRequest, raw, 1, 5));

        String url = base + "/api/evaluations/candidates?zone=" + CANDIDATES_ZONE + "&year=" + YEAR;
        DoubleSupplier candidates = () -> JSON.readTree(Bench.send(http, authorization, HttpRequest.newBuilder(URI.create(url))))
                .path("parcels").asDouble();
        DoubleSupplier rawCandidates = () -> jdbc.query(RAW_CANDIDATES, (java.sql.ResultSet rs) -> {
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            return (double) rows;
        }, YEAR, CANDIDATES_ZONE);
        if (rawCandidates.getAsDouble() == 0) {
            throw new IllegalStateException("no renewal candidates in " + CANDIDATES_ZONE + ": nothing to time");
        }
        results.add(Bench.measure("candidates of a zone (parcels)", candidates, rawCandidates));
        return results;
    }

    private String post(String url) {
        return Bench.send(http, authorization, HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
    }
}
