package com.landrenew.bench;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The map cases' inputs as tables of the bench database, so that the server's load client (wrk, from
 * a list of paths) and pgbench (reading row n of a table) do the same cases in the same order:
 * {@code bench_tile(zoom, n, x, y)}, {@code bench_box(n, w, s, e, nn)} (1 km boxes in WGS84, nn the
 * north edge) and {@code bench_parcel(n, id)}, n = 1, 2, ... Made again each run from a sample of the
 * province's parcels chosen by the md5 of their codes: the same on every machine, whatever order the
 * parallel load wrote the rows in, and spread over all 84 zones.
 */
final class CaseTables {

    /** Inputs per case; fewer tiles where the sample meets fewer (zoom 12). */
    static final int PER_CASE = 200;

    private final JdbcTemplate jdbc;

    CaseTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void create() {
        jdbc.execute("drop table if exists bench_sample, bench_tile, bench_box, bench_parcel");
        // about 1 parcel in 256, each with a point inside it (Web Mercator and WGS84)
        jdbc.execute("""
                create table bench_sample as
                select p.id, md5(p.code) as hash, ST_PointOnSurface(p.geom_3857) as point,
                       ST_Transform(ST_PointOnSurface(p.geom), 4326) as lonlat
                from parcel p join zone z on z.id = p.zone_id
                where z.code like 'prov-%' and left(md5(p.code), 2) = '00'""");
        // the Web Mercator tiles (x from the west, y from the north) that hold the sample's points
        jdbc.execute("""
                create table bench_tile as
                with tiles as (
                  select distinct zooms.zoom,
                         floor((ST_X(point) + 20037508.342789244) / (40075016.68557849 / 2 ^ zooms.zoom))::int as x,
                         floor((20037508.342789244 - ST_Y(point)) / (40075016.68557849 / 2 ^ zooms.zoom))::int as y
                  from bench_sample cross join generate_series(12, 17) zooms(zoom)),
                numbered as (
                  select zoom, row_number() over (partition by zoom order by md5(zoom || '/' || x || '/' || y))::int as n, x, y
                  from tiles)
                select zoom, n, x, y from numbered where n <= %d""".formatted(PER_CASE));
        // 1 km boxes (0.0103 degrees of longitude, 0.009 of latitude at 27-30 N) around sample parcels
        jdbc.execute("""
                create table bench_box as
                select n, ST_X(lonlat) - 0.00515 as w, ST_Y(lonlat) - 0.0045 as s, ST_X(lonlat) + 0.00515 as e,
                       ST_Y(lonlat) + 0.0045 as nn
                from (select row_number() over (order by hash)::int as n, lonlat from bench_sample) numbered
                where n <= %d""".formatted(PER_CASE));
        jdbc.execute("""
                create table bench_parcel as
                select n, id from (select row_number() over (order by md5(hash))::int as n, id from bench_sample) numbered
                where n <= %d""".formatted(PER_CASE));
        jdbc.execute("drop table bench_sample");
        jdbc.execute("alter table bench_tile add primary key (zoom, n)");
        jdbc.execute("alter table bench_box add primary key (n)");
        jdbc.execute("alter table bench_parcel add primary key (n)");
        jdbc.execute("analyze bench_tile, bench_box, bench_parcel");
    }

    /** The zoom's tiles as {x, y}, in the order of n. */
    List<int[]> tiles(int zoom) {
        return jdbc.query("select x, y from bench_tile where zoom = ? order by n",
                (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}, zoom);
    }

    /** The boxes as {west, south, east, north}, in the order of n. */
    List<double[]> boxes() {
        return jdbc.query("select w, s, e, nn from bench_box order by n",
                (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
    }

    /** The parcels' ids, in the order of n. */
    List<Long> parcels() {
        return jdbc.queryForList("select id from bench_parcel order by n", Long.class);
    }
}
