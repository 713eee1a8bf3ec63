package com.landrenew.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

import javax.sql.DataSource;

import com.landrenew.LandRenewApplication;
import com.landrenew.security.UserService;
import com.landrenew.tiles.TileCache;
import tools.jackson.databind.json.JsonMapper;

import org.flywaydb.core.Flyway;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * LandRenew's benchmark: the running server against raw PostGIS SQL in the same run, on a large
 * generated data set in its own private database (.landrenew/postgis-bench, kept between runs).
 * The bench's own SQL (loading the data sets, the hand-written queries, pgbench) runs as the owner of
 * the tables, the login Flyway migrates with, not as the application's: the loads skip triggers
 * (session_replication_role = replica), COPY, ANALYZE and make tables, which that login may not.
 * The ledger cases are timed here, in turn; the map cases ({@link MapBench}) by wrk and pgbench in
 * processes of their own. Prints median and p95 per case and writes target/bench/results.csv. Run it
 * with {@code bash src/sh/landrenew.sh bench}; no test asserts timings.
 */
public final class Bench {

    static final int WARMUP = 3;
    static final int RUNS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One case: the server's and the SQL's median and p95 in ms (NaN: not measured), requests made to the
     * server and how many failed, the case's figure on both sides and whether they agree.
     */
    record Result(String name, double serverP50, double serverP95, double sqlP50, double sqlP95, long requests,
            long failures, double serverFigure, double sqlFigure, boolean agree) {

        double ratio() {
            return serverP50 / sqlP50;
        }
    }

    /**
     * Arguments: {@code ledger} (the cases on the 200,000-parcel ledger set), {@code province} (tiles, OGC
     * queries and lookups on the 1,000,000-parcel province set, generated once, a few minutes, and MapServer
     * 8 beside them), {@code import} (a 20,000-feature dry run and import, {@link ImportBench}), all when none is
     * named; {@code peer}: only the province set's paging and MapServer cases, without the warm-up (to try the
     * peer's set-up); {@code nodes}: tiles/s with a second application node against one ({@link NodesBench},
     * on the ledger set, only when named); a number sets the ledger set's zones (20).
     */
    public static void main(String[] args) throws Exception {
        int zones = 20;
        boolean ledger = false;
        boolean province = false;
        boolean imports = false;
        boolean peerOnly = false;
        boolean evaluation = false;
        boolean nodes = false;
        for (String arg : args) {
            switch (arg) {
                case "ledger" -> ledger = true;
                case "province" -> province = true;
                case "import" -> imports = true;
                case "evaluation" -> evaluation = true;
                case "nodes" -> nodes = true;
                case "peer" -> {
                    province = true;
                    peerOnly = true;
                }
                default -> {
                    if (!arg.matches("[0-9]+")) {
                        throw new IllegalArgumentException("bench arguments: [ledger] [province] [import] [evaluation] [peer]"
                                + " [nodes] [zones of the ledger set]");
                    }
                    zones = Integer.parseInt(arg);
                }
            }
        }
        if (!ledger && !province && !imports && !evaluation && !nodes) {
            ledger = true;
            province = true;
            imports = true;
            evaluation = true;
        }
        // As arguments, not default properties: application.properties would override those.
        String[] arguments = {"--server.port=0", "--landrenew.local-db.dir=.landrenew/postgis-bench",
                "--landrenew.local-db.database=landrenew_bench", "--landrenew.sample-data.load=false",
                "--logging.level.root=WARN"};
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LandRenewApplication.class).run(arguments)) {
            DataSource owner = app.getBean(Flyway.class).getConfiguration().getDataSource();
            // One connection: LargeLedgerDataset's session setting must hold for its following statements.
            SingleConnectionDataSource ownerSession = new SingleConnectionDataSource(owner.getConnection(), true);
            JdbcTemplate jdbc = new JdbcTemplate(ownerSession);
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            String authorization = benchUser(app.getBean(UserService.class));

            List<Result> results = new ArrayList<>();
            if (ledger) {
                new LargeLedgerDataset(jdbc).ensure(zones);
                String zone = String.format("bench-%02d", Math.min(7, zones));
                results.add(tally(http, authorization, jdbc, base, "zone tally, one year", zone, "2024-01-01", "2024-12-31", "2026-01-01"));
                results.add(tally(http, authorization, jdbc, base, "as-of tally (report of 2024-06-30)", zone, "2024-01-01", "2024-12-31",
                        "2024-06-30"));
                results.add(scene(http, authorization, jdbc, base, zone));
            }
            if (province) {
                new ProvinceDataset(jdbc, owner).ensure();
                MapBench map = new MapBench(jdbc, owner, app.getBean(TileCache.class), http, base, authorization);
                results.addAll(peerOnly ? map.peerOnly() : map.run());
            }
            if (nodes) {
                new LargeLedgerDataset(jdbc).ensure(zones);
                results.addAll(new NodesBench(jdbc, app.getBean(TileCache.class), base, authorization).run(arguments));
            }
            if (imports) {
                results.addAll(new ImportBench(jdbc, http, base, authorization).run());
            }
            if (evaluation) {
                new ProvinceDataset(jdbc, owner).ensure();
                EvaluationBench evaluations = new EvaluationBench(jdbc, http, base, authorization);
                evaluations.ensure();
                results.addAll(evaluations.run());
            }
            ownerSession.destroy();
            report(results);
            if (province) {
                MapBench.goals(results);
            }
        }
    }

    /** Makes (or resets the password of) the planner user "bench" and answers its Authorization header. */
    private static String benchUser(UserService users) {
        String password = java.util.UUID.randomUUID().toString();
        try {
            users.create(new UserService.UserRequest("bench", "Benchmark", "planner", null, null, password));
        } catch (com.landrenew.web.ConflictException exists) {
            users.change("bench", new UserService.UserRequest(null, null, null, null, true, password));
        }
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("bench:" + password).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** GET /api/renewal/tally (the whole answer: blocks, monthly series, idle land) against one SQL query of the total. */
    private static Result tally(HttpClient http, String authorization, JdbcTemplate jdbc, String base, String name, String zone, String from,
            String to, String asOf) {
        String url = base + "/api/renewal/tally?zone=" + zone + "&from=" + from + "&to=" + to + "&asOf=" + asOf;
        String sql = """
                select coalesce(ST_Area(ST_Union(p.geom)), 0)
                from parcel p join zone z on z.id = p.zone_id
                where z.code = ?
                  and exists (select 1 from parcel_event e
                              where e.parcel_id = p.id and e.to_state = 'vacated'
                                and e.effective_date between cast(? as date) and least(cast(? as date), cast(? as date))
                                and e.recorded_at < (cast(? as date) + 1)::timestamp at time zone 'Asia/Shanghai')
                """;
        DoubleSupplier server = () -> JSON.readTree(get(http, authorization, url)).path("total").path("freed").path("area").path("m2")
                .asDouble();
        DoubleSupplier raw = () -> jdbc.queryForObject(sql, Double.class, zone, from, to, asOf, asOf);
        return measure(name, server, raw);
    }

    /**
     * GET /api/parcels/{zone}/{code}/scene (the 3D view, default 300 m: parcels clipped, roads, envelope) of
     * a parcel in the middle of a block, against one SQL count of the parcels within 300 m of it. The
     * bench data set has no buildings; the densest sample parcel is measured in the README.
     */
    private static Result scene(HttpClient http, String authorization, JdbcTemplate jdbc, String base, String zone) {
        String code = "b5-0512";
        String url = base + "/api/parcels/" + zone + "/" + code + "/scene";
        String sql = """
                select count(*) from parcel p, parcel f join zone z on z.id = f.zone_id
                where z.code = ? and f.code = ? and ST_Intersects(p.geom, ST_Buffer(f.geom, 300))
                """;
        DoubleSupplier server = () -> JSON.readTree(get(http, authorization, url)).path("parcels").size() + 1;
        DoubleSupplier raw = () -> jdbc.queryForObject(sql, Double.class, zone, code);
        return measure("3D scene of a parcel, 300 m (parcels)", server, raw);
    }

    static Result measure(String name, DoubleSupplier server, DoubleSupplier raw) {
        return measure(name, server, raw, WARMUP, RUNS);
    }

    /** Server and SQL in turn, {@code warmup} untimed rounds then {@code runs} timed ones. */
    static Result measure(String name, DoubleSupplier server, DoubleSupplier raw, int warmup, int runs) {
        double serverFigure = 0;
        double sqlFigure = 0;
        for (int i = 0; i < warmup; i++) {
            serverFigure = server.getAsDouble();
            sqlFigure = raw.getAsDouble();
        }
        double[] serverMs = new double[runs];
        double[] sqlMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            serverFigure = server.getAsDouble();
            long t1 = System.nanoTime();
            sqlFigure = raw.getAsDouble();
            long t2 = System.nanoTime();
            serverMs[i] = (t1 - t0) / 1e6;
            sqlMs[i] = (t2 - t1) / 1e6;
        }
        return new Result(name, percentile(serverMs, 50), percentile(serverMs, 95), percentile(sqlMs, 50),
                percentile(sqlMs, 95), runs, 0, serverFigure, sqlFigure, Math.abs(serverFigure - sqlFigure) < 0.01);
    }

    private static void report(List<Result> results) throws IOException {
        StringBuilder csv = new StringBuilder("case,server_p50_ms,server_p95_ms,sql_p50_ms,sql_p95_ms,ratio_p50,requests,"
                + "failures,server_figure,sql_figure,figures_agree\n");
        System.out.printf("%n%-44s %10s %10s %10s %10s %7s %9s %8s  %s%n", "case", "server p50", "server p95", "SQL p50",
                "SQL p95", "ratio", "requests", "failed", "figures (m² unless named)");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-44s %10s %10s %10s %10s %7s %9d %8d  %s vs %s %s%n", r.name(),
                    ms(r.serverP50()), ms(r.serverP95()), ms(r.sqlP50()), ms(r.sqlP95()), number(r.ratio(), 2, "x"),
                    r.requests(), r.failures(), number(r.serverFigure(), 2, ""), number(r.sqlFigure(), 2, ""),
                    r.agree() ? "agree" : "DIFFER");
            csv.append(String.format(Locale.ROOT, "\"%s\",%s,%s,%s,%s,%s,%d,%d,%s,%s,%s%n", r.name(), csvNumber(r.serverP50(), 2),
                    csvNumber(r.serverP95(), 2), csvNumber(r.sqlP50(), 2), csvNumber(r.sqlP95(), 2), csvNumber(r.ratio(), 3),
                    r.requests(), r.failures(), csvNumber(r.serverFigure(), 2), csvNumber(r.sqlFigure(), 2), r.agree()));
        }
        Path out = Path.of("target", "bench", "results.csv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, csv);
        System.out.println("written " + out);
    }

    /** Milliseconds, two decimals below 10 ms and one above; "-" when not measured. */
    private static String ms(double value) {
        return number(value, value < 10 ? 2 : 1, "ms");
    }

    private static String number(double value, int decimals, String unit) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value) + unit;
    }

    private static String csvNumber(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static String get(HttpClient http, String authorization, String url) {
        return send(http, authorization, HttpRequest.newBuilder(URI.create(url)));
    }

    /** Sends the request signed in as the bench's user; its body, or an exception naming what it answered. */
    static String send(HttpClient http, String authorization, HttpRequest.Builder request) {
        try {
            HttpRequest sent = request.header("Authorization", authorization).build();
            HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(sent.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
