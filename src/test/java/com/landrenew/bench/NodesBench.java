package com.landrenew.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import com.landrenew.LandRenewApplication;
import com.landrenew.tiles.TileCache;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tiles per second with two application nodes against one, on the ledger set: a second node is started in
 * this JVM on the same private server and database (as database/TwoNodesTest does), and wrk asks for
 * zoom-17 parcel tiles, {@link #CONNECTIONS} connections for {@link #SECONDS} s: against one node, then as two
 * wrk processes at once, one per node, each with half the connections (no balancer: each wrk is a node's
 * share of a round-robin). Uncached: the caches emptied first and a list of tiles longer than a run gets
 * through, so none is asked for twice (each wrk has its own half of the list). Cached: the first
 * {@link #CACHED_TILES} tiles, made once on each node first, then asked for again and again. Both nodes share
 * the machine's cores with PostgreSQL and wrk, so this measures what a second node adds on one machine, not on
 * two. Before timing, the first tiles of both nodes must be the same bytes.
 */
final class NodesBench {

    private static final int ZOOM = 17;
    private static final int SECONDS = 5;
    private static final int CONNECTIONS = 8;
    private static final int CACHED_TILES = 200;
    private static final int CHECKED = 5;

    private final JdbcTemplate jdbc;
    private final TileCache cacheA;
    private final String baseA;
    private final String authorization;
    private final Path dir = Path.of("target", "bench");

    NodesBench(JdbcTemplate jdbc, TileCache cacheA, String baseA, String authorization) {
        this.jdbc = jdbc;
        this.cacheA = cacheA;
        this.baseA = baseA;
        this.authorization = authorization;
    }

    /** Runs the cases with a second node made from the first node's arguments. */
    List<Bench.Result> run(String... nodeArguments) {
        List<String> paths = tilePaths();
        System.out.printf(Locale.ROOT, "nodes: %,d zoom-%d tiles of the ledger set; load average (1, 5, 15 min) at the start: %s%n",
                paths.size(), ZOOM, MapBench.loadAverage());
        try (ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(LandRenewApplication.class).run(nodeArguments)) {
            String baseB = "http://localhost:" + ((WebServerApplicationContext) nodeB).getWebServer().getPort();
            TileCache cacheB = nodeB.getBean(TileCache.class);
            boolean agree = sameTiles(baseB, paths.subList(0, CHECKED));
            Wrk a = new Wrk(baseA, authorization, dir);
            Wrk b = new Wrk(baseB, authorization, dir);
            // untimed: both nodes' code compiled, PostgreSQL's pages read
            a.concurrent("nodes-warm-up-a", paths.subList(paths.size() / 2, paths.size()), CONNECTIONS, SECONDS);
            b.concurrent("nodes-warm-up-b", paths.subList(paths.size() / 2, paths.size()), CONNECTIONS, SECONDS);

            List<String> firstHalf = paths.subList(0, paths.size() / 4);
            List<String> secondHalf = paths.subList(paths.size() / 4, paths.size() / 2);
            cacheA.clear();
            Wrk.Run one = a.concurrent("nodes-uncached-one", paths.subList(0, paths.size() / 2), CONNECTIONS, SECONDS);
            cacheA.clear();
            cacheB.clear();
            Wrk.Run[] two = both(() -> a.concurrent("nodes-uncached-two-a", firstHalf, CONNECTIONS / 2, SECONDS),
                    () -> b.concurrent("nodes-uncached-two-b", secondHalf, CONNECTIONS / 2, SECONDS));
            List<Bench.Result> results = new ArrayList<>(rows("uncached", one, two, agree));

            List<String> cached = paths.subList(0, CACHED_TILES);
            a.once("nodes-fill-a", cached, null);
            b.once("nodes-fill-b", cached, null);
            one = a.concurrent("nodes-cached-one", cached, CONNECTIONS, SECONDS);
            two = both(() -> a.concurrent("nodes-cached-two-a", cached, CONNECTIONS / 2, SECONDS),
                    () -> b.concurrent("nodes-cached-two-b", cached, CONNECTIONS / 2, SECONDS));
            results.addAll(rows("cached", one, two, agree));
            System.out.println("load average (1, 5, 15 min) at the end: " + MapBench.loadAverage());
            return results;
        }
    }

    /** The zoom's tiles that hold a ledger parcel's point, in the order of the md5 of their address. */
    private List<String> tilePaths() {
        return jdbc.query("""
                with tiles as (
                  select distinct
                         floor((ST_X(pt) + 20037508.342789244) / (40075016.68557849 / 2 ^ ?))::int as x,
                         floor((20037508.342789244 - ST_Y(pt)) / (40075016.68557849 / 2 ^ ?))::int as y
                  from (select ST_PointOnSurface(p.geom_3857) as pt
                        from parcel p join zone z on z.id = p.zone_id where z.code like 'bench-%') points)
                select x, y from tiles order by md5(x || '/' || y)""",
                (rs, i) -> "/tiles/parcels/" + ZOOM + "/" + rs.getInt(1) + "/" + rs.getInt(2) + ".mvt", ZOOM, ZOOM);
    }

    /** One row per node count, the figure tiles per second; the two-node row's second figure is one node's. */
    private static List<Bench.Result> rows(String kind, Wrk.Run one, Wrk.Run[] two, boolean agree) {
        double oneRate = one.requests() / (double) SECONDS;
        double twoRate = (two[0].requests() + two[1].requests()) / (double) SECONDS;
        System.out.printf(Locale.ROOT, "tiles z%d %s: one node %.0f tiles/s, two nodes %.0f tiles/s (%.0f + %.0f): %.2fx%n",
                ZOOM, kind, oneRate, twoRate, two[0].requests() / (double) SECONDS, two[1].requests() / (double) SECONDS,
                twoRate / oneRate);
        return List.of(
                new Bench.Result("tiles z" + ZOOM + " " + kind + ", one node (tiles/s)", one.p50(), one.p95(), Double.NaN,
                        Double.NaN, one.requests(), one.failures(), oneRate, oneRate, agree && one.failures() == 0),
                new Bench.Result("tiles z" + ZOOM + " " + kind + ", two nodes (tiles/s, vs one)", Math.max(two[0].p50(),
                        two[1].p50()), Math.max(two[0].p95(), two[1].p95()), Double.NaN, Double.NaN,
                        two[0].requests() + two[1].requests(), two[0].failures() + two[1].failures(), twoRate, oneRate,
                        agree && two[0].failures() + two[1].failures() == 0));
    }

    /** Two wrk runs at once, each a process of its own. */
    private static Wrk.Run[] both(java.util.function.Supplier<Wrk.Run> first, java.util.function.Supplier<Wrk.Run> second) {
        CompletableFuture<Wrk.Run> a = CompletableFuture.supplyAsync(first);
        CompletableFuture<Wrk.Run> b = CompletableFuture.supplyAsync(second);
        return new Wrk.Run[] {a.join(), b.join()};
    }

    /** Whether both nodes answer the first tiles with the same bytes (node B's cache is empty, A's may not be). */
    private boolean sameTiles(String baseB, List<String> paths) {
        HttpClient http = HttpClient.newHttpClient();
        long bytesA = 0;
        long bytesB = 0;
        boolean agree = true;
        for (String path : paths) {
            byte[] a = get(http, baseA + path);
            byte[] b = get(http, baseB + path);
            bytesA += a.length;
            bytesB += b.length;
            agree &= Arrays.equals(a, b);
        }
        System.out.printf(Locale.ROOT, "check tiles on both nodes, first %d: A %d bytes, B %d bytes: %s%n", paths.size(),
                bytesA, bytesB, agree ? "agree" : "DIFFER");
        return agree;
    }

    private byte[] get(HttpClient http, String url) {
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200 && answer.statusCode() != 204) {
                throw new IllegalStateException(url + " answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
