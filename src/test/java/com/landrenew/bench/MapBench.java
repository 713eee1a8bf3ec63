package com.landrenew.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import com.landrenew.tiles.TileCache;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The map's side of the benchmark on the province data set: vector tiles at zooms 12-17 over one
 * zone, uncached (the tile cache emptied before each request) and cached; OGC bbox queries; parcel
 * lookups; each beside the same work done by hand-written SQL in PostGIS in the same run. Then 200
 * tile requests at once on the loopback, counting errors.
 */
final class MapBench {

    static final String ZONE = ProvinceDataset.zoneCode(41);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the server's parcel tile holds, written out by hand: the raw-SQL side of the tile cases. */
    private static final String TILE_SQL = """
            with tile as (select ST_TileEnvelope(?, ?, ?) as box, ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096) as near,
                                 2 * 20037508.342789244 / 512 / power(2, ?) as tolerance),
            features as (
              select p.id, ST_AsMVTGeom(ST_Simplify(p.geom_3857, tile.tolerance, true), tile.box, 4096, 64, true) as geom,
                     z.code as zone, p.code, b.code as block, p.state, p.land_use_code as land_use,
                     to_mu(ST_Area(p.geom))::float8 as area_mu,
                     coalesce(is_idle(p.state, p.construction_due, current_date), false) as idle,
                     p.height_limit_m::float8 as height_limit_m
              from parcel p join zone z on z.id = p.zone_id left join block b on b.id = p.block_id, tile
              where p.geom_3857 && tile.near)
            select ST_AsMVT(features, 'parcels', 4096, 'geom', 'id' order by id) from features where geom is not null
            """;

    /** A parcel as the OGC API's GeoJSON feature (p, z, b, e: parcel, zone, block, enterprise), by hand. */
    private static final String FEATURE = """
            json_build_object('type', 'Feature', 'id', p.id,
                     'geometry', ST_AsGeoJSON(ST_Transform(p.geom, 4326), 7)::json,
                     'properties', json_build_object('zone', z.code, 'code', p.code, 'block', b.code, 'state', p.state,
                        'land_use', p.land_use_code,
                        'idle', coalesce(is_idle(p.state, p.construction_due, current_date), false),
                        'area_m2', round(ST_Area(p.geom)::numeric, 2), 'area_mu', to_mu(ST_Area(p.geom)),
                        'area_ha', to_ha(ST_Area(p.geom)), 'enterprise', e.name, 'credit_code', e.credit_code,
                        'lease_start', p.lease_start, 'lease_end', p.lease_end, 'construction_due', p.construction_due,
                        'far_min', p.far_min, 'far_max', p.far_max, 'height_limit_m', p.height_limit_m))
            """.strip();

    /** A page of parcels meeting a box, as GeoJSON with their properties, and the count: the OGC items case by hand. */
    private static final String ITEMS_SQL = """
            with box as (select ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, 4326), (? - ?) / 32.0), 4549) as g),
            page as (
              select p.id, %s as feature
              from parcel p join zone z on z.id = p.zone_id left join block b on b.id = p.block_id
              left join enterprise e on e.id = p.enterprise_id, box
              where p.geom && box.g and ST_Intersects(p.geom, box.g)
              order by p.id limit 100)
            select coalesce(json_agg(feature order by id), '[]'::json)::text,
                   (select count(*) from parcel p, box where p.geom && box.g and ST_Intersects(p.geom, box.g))
            from page
            """.formatted(FEATURE);

    /** One parcel as the OGC API's feature. */
    private static final String LOOKUP_SQL = """
            select %s::text,
                   round(ST_Area(p.geom)::numeric, 2)
            from parcel p join zone z on z.id = p.zone_id left join block b on b.id = p.block_id
            left join enterprise e on e.id = p.enterprise_id
            where p.id = ?
            """.formatted(FEATURE);

    private final HttpClient http;
    private final JdbcTemplate jdbc;
    private final TileCache cache;
    private final String base;
    private final double[] zoneBox;

    MapBench(HttpClient http, JdbcTemplate jdbc, TileCache cache, String base) {
        this.http = http;
        this.jdbc = jdbc;
        this.cache = cache;
        this.base = base;
        this.zoneBox = jdbc.queryForObject("""
                select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
                from (select ST_Transform(boundary, 4326) as e from zone where code = ?) z""",
                (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}, ZONE);
    }

    List<Bench.Result> run() throws Exception {
        List<Bench.Result> results = new ArrayList<>();
        for (int z = 12; z <= 17; z++) {
            results.add(tiles(z, false));
        }
        for (int z = 12; z <= 17; z++) {
            results.add(tiles(z, true));
        }
        results.add(bboxItems());
        results.add(lookups());
        results.add(concurrentTiles(15, 200));
        return results;
    }

    /** Tiles over the zone at zoom z, taken in turn; uncached: the server's cache is emptied before each request. */
    private Bench.Result tiles(int z, boolean cached) {
        List<int[]> tiles = tilesOverZone(z, Bench.WARMUP + Bench.RUNS);
        if (cached) {
            tiles.forEach(t -> tileBytes(t));
        }
        DoubleSupplier server = inTurn(tiles, t -> {
            if (!cached) {
                cache.clear();
            }
            return tileBytes(t);
        });
        DoubleSupplier raw = inTurn(tiles, t -> {
            byte[] tile = jdbc.queryForObject(TILE_SQL, byte[].class, t[0], t[1], t[2], t[0], t[1], t[2], t[0]);
            return tile == null ? 0 : tile.length;
        });
        return Bench.measure("tile z" + z + (cached ? " cached" : " uncached") + " (bytes)", server, raw);
    }

    private int tileBytes(int[] t) {
        return get(base + "/tiles/parcels/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt", 204).length;
    }

    /** OGC items in 1 km boxes at fixed random places in the zone (100 a page, with numberMatched). */
    private Bench.Result bboxItems() {
        Random random = new Random(6);
        List<double[]> boxes = new ArrayList<>();
        double dLon = 0.0103;
        double dLat = 0.009;
        for (int i = 0; i < Bench.WARMUP + Bench.RUNS; i++) {
            double lon = zoneBox[0] + random.nextDouble() * (zoneBox[2] - zoneBox[0] - dLon);
            double lat = zoneBox[1] + random.nextDouble() * (zoneBox[3] - zoneBox[1] - dLat);
            boxes.add(new double[] {lon, lat, lon + dLon, lat + dLat});
        }
        DoubleSupplier server = inTurn(boxes, b -> json(base + "/ogc/collections/parcels/items?limit=100&bbox=" + b[0]
                + "," + b[1] + "," + b[2] + "," + b[3]).path("numberMatched").asLong());
        // the page's text is fetched as the server fetches it; the count is the figure
        DoubleSupplier raw = inTurn(boxes, b -> jdbc.queryForObject(ITEMS_SQL,
                (rs, i) -> rs.getString(1).isEmpty() ? 0 : rs.getLong(2), b[0], b[1], b[2], b[3], b[2], b[0]));
        return Bench.measure("OGC items, 1 km bbox, 100 a page (matched)", server, raw);
    }

    /** One parcel by id, at fixed random parcels of the province (OGC single feature). */
    private Bench.Result lookups() {
        List<Long> ids = jdbc.queryForList("""
                select p.id from parcel p join zone z on z.id = p.zone_id where z.code like 'prov-%'
                order by md5(p.id::text) limit ?""", Long.class, Bench.WARMUP + Bench.RUNS);
        DoubleSupplier server = inTurn(ids, id -> json(base + "/ogc/collections/parcels/items/" + id).path("properties")
                .path("area_m2").asDouble());
        DoubleSupplier raw = inTurn(ids, id -> jdbc.queryForObject(LOOKUP_SQL,
                (rs, i) -> rs.getString(1).isEmpty() ? 0 : rs.getDouble(2), id));
        return Bench.measure("parcel lookup by id (m²)", server, raw);
    }

    /** Takes the cases in turn, one a call, and answers the running sum of their figures (compared at the end). */
    private static <T> DoubleSupplier inTurn(List<T> cases, java.util.function.ToDoubleFunction<T> figure) {
        AtomicInteger turn = new AtomicInteger();
        double[] sum = {0};
        return () -> sum[0] += figure.applyAsDouble(cases.get(turn.getAndIncrement() % cases.size()));
    }

    /** {@code count} distinct uncached tiles asked for at once; the figure is the number of failed requests. */
    private Bench.Result concurrentTiles(int z, int count) throws Exception {
        List<int[]> tiles = tilesOverZone(z, count);
        cache.clear();
        double[] latencies = new double[count];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int[] t = tiles.get(i % tiles.size());
            int index = i;
            long sent = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/tiles/parcels/" + t[0] + "/" + t[1] + "/" + t[2]
                    + ".mvt")).header("Authorization", Bench.authorization).timeout(java.time.Duration.ofSeconds(60)).build();
            requests.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((answer, error) -> {
                latencies[index] = (System.nanoTime() - sent) / 1e6;
                if (error != null || (answer.statusCode() != 200 && answer.statusCode() != 204)) {
                    failures.incrementAndGet();
                }
                return null;
            }));
        }
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        System.out.printf("%d concurrent tile requests (zoom %d, %d distinct tiles): %.0f ms in all, %d failed%n", count, z,
                Math.min(count, tiles.size()), (System.nanoTime() - start) / 1e6, failures.get());
        double[] none = new double[count];
        java.util.Arrays.fill(none, Double.NaN);
        return new Bench.Result(count + " concurrent tiles z" + z + " (failures)", latencies, none, failures.get(), 0);
    }

    /** The goals on a 2-core machine, each said met or missed. */
    static void goals(List<Bench.Result> results) {
        System.out.println("\ngoals: tile p95 < 50 ms uncached, < 2 ms cached; server < 1.3x raw SQL (uncached and queries)");
        for (Bench.Result r : results) {
            double p95 = Bench.percentile(r.serverMs(), 95);
            double ratio = Bench.percentile(r.serverMs(), 50) / Bench.percentile(r.sqlMs(), 50);
            String verdict;
            if (r.name().contains("concurrent")) {
                verdict = r.serverFigure() == 0 ? "met (no failures)" : "MISSED: " + (int) r.serverFigure() + " failed";
            } else if (r.name().contains("cached") && !r.name().contains("uncached")) {
                verdict = p95 < 2 ? "met" : "MISSED";
                verdict += String.format(java.util.Locale.ROOT, " (p95 %.2f ms)", p95);
            } else if (r.name().startsWith("tile") || r.name().startsWith("OGC") || r.name().startsWith("parcel lookup")) {
                boolean fast = !r.name().startsWith("tile") || p95 < 50;
                verdict = (fast && ratio < 1.3 ? "met" : "MISSED") + String.format(java.util.Locale.ROOT,
                        " (p95 %.1f ms, %.2fx)", p95, ratio);
            } else {
                continue;
            }
            System.out.printf("  %-44s %s%n", r.name(), verdict);
        }
    }

    /** Up to {@code wanted} tiles of zoom z over the zone's bounding box, spread evenly over it. */
    private List<int[]> tilesOverZone(int z, int wanted) {
        int[] min = tile(zoneBox[0], zoneBox[3], z);
        int[] max = tile(zoneBox[2], zoneBox[1], z);
        List<int[]> all = new ArrayList<>();
        for (int x = min[0]; x <= max[0]; x++) {
            for (int y = min[1]; y <= max[1]; y++) {
                all.add(new int[] {z, x, y});
            }
        }
        List<int[]> chosen = new ArrayList<>();
        double step = Math.max(1.0, (double) all.size() / wanted);
        for (double i = 0; i < all.size() && chosen.size() < wanted; i += step) {
            chosen.add(all.get((int) i));
        }
        return chosen;
    }

    private static int[] tile(double lon, double lat, int z) {
        double n = 1 << z;
        double r = Math.toRadians(lat);
        return new int[] {(int) Math.floor((lon + 180) / 360 * n),
                (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n)};
    }

    private JsonNode json(String url) {
        return JSON.readTree(get(url, 200));
    }

    /**
     * One request on a kept-alive connection with the JDK's plain blocking client: the timed cases wait
     * for one answer at a time, and this client adds the least of its own to the server's time.
     */
    private static byte[] get(String url, int alsoOk) {
        try {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
            // its default Accept puts text/html first, which the OGC API would rightly answer with HTML
            connection.setRequestProperty("Accept", "application/geo+json, application/json, */*;q=0.1");
            connection.setRequestProperty("Authorization", Bench.authorization);
            int status = connection.getResponseCode();
            if (status != 200 && status != alsoOk) {
                throw new IllegalStateException(url + " answered " + status);
            }
            try (java.io.InputStream body = connection.getInputStream()) {
                return body.readAllBytes();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
