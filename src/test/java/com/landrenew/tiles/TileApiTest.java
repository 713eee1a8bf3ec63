package com.landrenew.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.SurveyGeoJson;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Vector tiles decoded as a client would: hand-built parcels (rectangles in EPSG:4549) come out at
 * the tile position computed here from their corners with the Web Mercator formulas, with the
 * attributes the map styles and identifies by. The fixture zone lies on a test area of its own.
 */
@LandRenewTest
class TileApiTest {

    static final String ZONE = "tiles-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 3, 2);
    /** Where the fixtures are laid out from, set with them: T-1 and T-2 (x +400..+800, y +400..+560) in one z16 tile. */
    static double X0;
    static double Y0;
    static final int ZOOM = 16;
    static final double R = 6378137;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TileCache cache;

    Api api;
    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(jdbc);
        synchronized (TileApiTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                double[] origin = AREA.originInOneTile(jdbc, ZOOM, 400, 400, 800, 560);
                X0 = origin[0];
                Y0 = origin[1];
                fixtures.zone(ZONE, X0, Y0, X0 + 2000, Y0 + 1000);
                fixtures.block(ZONE, "t-north", X0, Y0, X0 + 2000, Y0 + 1000);
                // 200 m x 160 m = 32,000 m² = 48 mu
                long t1 = fixtures.parcel(ZONE, "t-north", "T-1", X0 + 400, Y0 + 400, X0 + 600, Y0 + 560, "100102", null);
                fixtures.parcel(ZONE, "t-north", "T-2", X0 + 700, Y0 + 400, X0 + 800, Y0 + 500, "100102", null);
                jdbc.sql("""
                        insert into building (parcel_id, footprint, floors, height_m)
                        values (:parcel, ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4549), 5, 21.5)""")
                        .param("parcel", t1).param("x0", X0 + 420).param("y0", Y0 + 420).param("x1", X0 + 500)
                        .param("y1", Y0 + 480).update();
            }
        }
    }

    @Test
    void aParcelTileCarriesTheParcelAtItsPositionWithItsAttributes() {
        long id = parcelId("T-1");
        int[] xy = tileOf(centreLonLat("T-1"), ZOOM);
        Api.Binary answer = api.getBinary("/tiles/parcels/" + ZOOM + "/" + xy[0] + "/" + xy[1] + ".mvt");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/vnd.mapbox-vector-tile");

        JtsLayer layer = decode(answer.body()).getLayer("parcels");
        assertThat(layer).as("layer 'parcels' in the tile").isNotNull();
        assertThat(layer.getExtent()).isEqualTo(4096);
        Map<String, Geometry> byCode = byCode(layer);
        assertThat(byCode.keySet()).as("both fixture parcels, nothing else").containsExactlyInAnyOrder("T-1", "T-2");

        Geometry t1 = byCode.get("T-1");
        Map<String, Object> p = properties(t1);
        assertThat(((Number) p.get("id")).longValue()).as("feature id = parcel id").isEqualTo(id);
        assertThat(p).containsEntry("zone", ZONE).containsEntry("block", "t-north").containsEntry("state", "in_use")
                .containsEntry("land_use", "100102").containsEntry("idle", false);
        assertThat(((Number) p.get("area_mu")).doubleValue()).as("200 m x 160 m in mu").isCloseTo(48.0, within(1e-9));

        // Where the rectangle's corners fall in the tile (4096 units, y down), by the Mercator formulas.
        Envelope expected = new Envelope();
        for (double[] corner : cornersLonLat("T-1")) {
            expected.expandToInclude(tileUnits(corner, ZOOM, xy));
        }
        Envelope actual = t1.getEnvelopeInternal();
        assertThat(actual.getMinX()).isCloseTo(expected.getMinX(), within(1.0));
        assertThat(actual.getMaxX()).isCloseTo(expected.getMaxX(), within(1.0));
        assertThat(actual.getMinY()).isCloseTo(expected.getMinY(), within(1.0));
        assertThat(actual.getMaxY()).isCloseTo(expected.getMaxY(), within(1.0));
        assertThat(actual.getWidth()).as("200 m wide at zoom 16 is well over 100 units").isGreaterThan(100);
    }

    @Test
    void zonesBlocksAndBuildingsHaveTheirTilesToo() {
        double[] centre = centreLonLat("T-1");
        int[] z10 = tileOf(centre, 10);
        Map<String, Geometry> zones = byCode(layer("zones", 10, z10));
        assertThat(zones).containsKey(ZONE);
        assertThat(((Number) properties(zones.get(ZONE)).get("area_mu")).doubleValue())
                .as("2 km x 1 km = 3,000 mu").isCloseTo(3000.0, within(1e-9));

        int[] z14 = tileOf(centre, 14);
        Map<String, Geometry> blocks = byCode(layer("blocks", 14, z14));
        assertThat(properties(blocks.get("t-north"))).containsEntry("zone", ZONE).containsEntry("name", "t-north");

        JtsLayer buildings = layer("buildings", ZOOM, tileOf(centre, ZOOM));
        assertThat(buildings.getGeometries()).hasSize(1);
        Map<String, Object> building = properties(buildings.getGeometries().iterator().next());
        // T-1 is in use, not available land: the public tile does not name it (WhoSeesWhatTest).
        assertThat(building).containsEntry("zone", ZONE).doesNotContainKey("parcel");
        assertThat(((Number) building.get("floors")).intValue()).isEqualTo(5);
        assertThat(((Number) building.get("height_m")).doubleValue()).isEqualTo(21.5);
    }

    @Test
    void emptyTilesAreNoContentAndBadAddressesAreNamed() {
        // zoom 12, the north-west corner of the world: no parcel there
        Api.Binary empty = api.getBinary("/tiles/parcels/12/0/0.mvt");
        assertThat(empty.status()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();

        assertThat(api.get("/tiles/parcels/11/100/100.mvt").status()).as("below the layer's zooms").isEqualTo(404);
        assertThat(api.get("/tiles/parcels/11/100/100.mvt").json().path("detail").asString()).contains("12", "19");
        assertThat(api.get("/tiles/parcels/20/0/0.mvt").status()).as("above the layer's zooms").isEqualTo(404);
        assertThat(api.get("/tiles/roads/14/0/0.mvt").status()).as("unknown layer").isEqualTo(404);
        Api.Response badX = api.get("/tiles/parcels/12/4096/0.mvt");
        assertThat(badX.status()).isEqualTo(400);
        assertThat(badX.json().path("detail").asString()).contains("x", "4095");
        assertThat(api.get("/tiles/parcels/12/0/-1.mvt").status()).isEqualTo(400);
        assertThat(api.get("/tiles/parcels/30/0/0.mvt").status()).isEqualTo(400);
        assertThat(api.get("/tiles/parcels/12/a/0.mvt").status()).isEqualTo(400);
    }

    @Test
    void tilesCarryAnEtagAndAnUnchangedTileIsNotModified() {
        int[] xy = tileOf(centreLonLat("T-1"), 15);
        String path = "/tiles/parcels/15/" + xy[0] + "/" + xy[1] + ".mvt";
        Api.Binary first = api.getBinary(path);
        assertThat(first.status()).isEqualTo(200);
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{24}\"");
        assertThat(first.header("Cache-Control")).contains("no-cache");

        Api.Binary again = api.getBinary(path, "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);

        Api.Binary other = api.getBinary(path, "If-None-Match", "\"0123456789abcdef01234567\"");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(first.body());
    }

    @Test
    void aStateChangeShowsInTheNextTileAtEveryZoomAndOtherTilesStayCached() {
        double[] centre = centreLonLat("T-2");
        List<String> paths = new ArrayList<>();
        List<String> etags = new ArrayList<>();
        // zoom 12 draws blocks, not parcels: ParcelOverviewTileTest
        for (int z = TileRepository.OVERVIEW_MAX_ZOOM + 1; z <= TileLayer.PARCELS.maxZoom(); z++) {
            int[] xy = tileOf(centre, z);
            String path = "/tiles/parcels/" + z + "/" + xy[0] + "/" + xy[1] + ".mvt";
            Api.Binary tile = api.getBinary(path);
            assertThat(properties(byCode(decode(tile.body()).getLayer("parcels")).get("T-2")))
                    .as("zoom " + z).containsEntry("state", "in_use");
            assertThat(cache.contains(new TileKey(TileLayer.PARCELS, z, xy[0], xy[1]))).isTrue();
            paths.add(path);
            etags.add(tile.header("ETag"));
        }
        // a tile elsewhere (the sample's first parcel): kept
        TileKey elsewhere = sampleParcelTile();
        api.getBinary("/tiles/parcels/" + elsewhere.z() + "/" + elsewhere.x() + "/" + elsewhere.y() + ".mvt");
        assertThat(cache.contains(elsewhere)).isTrue();

        Api.Response moved = api.post("/api/parcels/" + ZONE + "/T-2/transitions",
                "{\"to\":\"low_efficiency\",\"effectiveDate\":\"2024-03-01\",\"reason\":\"亩均评价D类\"}");
        assertThat(moved.status()).isEqualTo(201);

        for (int i = 0; i < paths.size(); i++) {
            Api.Binary tile = api.getBinary(paths.get(i), "If-None-Match", etags.get(i));
            assertThat(tile.status()).as(paths.get(i) + " after the change").isEqualTo(200);
            assertThat(tile.header("ETag")).isNotEqualTo(etags.get(i));
            Map<String, Geometry> parcels = byCode(decode(tile.body()).getLayer("parcels"));
            assertThat(properties(parcels.get("T-2"))).as(paths.get(i)).containsEntry("state", "low_efficiency");
            if (parcels.containsKey("T-1")) {
                assertThat(properties(parcels.get("T-1"))).as("its neighbour in " + paths.get(i))
                        .containsEntry("state", "in_use");
            }
        }
        assertThat(cache.contains(elsewhere)).as("a tile the parcel is not in stays cached").isTrue();
    }

    @Test
    void aParcelImportedIntoACachedTileShowsAtOnce() {
        // An empty corner of the fixture zone, 1 km from T-1 and T-2.
        double[] centre = jdbc.sql("select ST_X(c), ST_Y(c) from ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), 4549), 4326) c")
                .param("x", X0 + 1750).param("y", Y0 + 150).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
                .single();
        int[] xy = tileOf(centre, 17);
        String path = "/tiles/parcels/17/" + xy[0] + "/" + xy[1] + ".mvt";
        assertThat(api.getBinary(path).status()).as("nothing there yet").isEqualTo(204);

        String file = SurveyGeoJson.collection(SurveyGeoJson.feature("T-IMPORTED", "100101", "\"block\":\"t-north\"",
                SurveyGeoJson.rectangle(X0 + 1700, Y0 + 100, X0 + 1800, Y0 + 200)));
        Api.Response imported = api.upload("/api/imports", Map.of("zone", ZONE), "one.geojson",
                file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        Api.Binary tile = api.getBinary(path);
        assertThat(tile.status()).isEqualTo(200);
        assertThat(byCode(decode(tile.body()).getLayer("parcels")).keySet()).containsExactly("T-IMPORTED");
    }

    @Test
    void anEditOfAParcelsAttributesShowsInTheNextTile() {
        fixtures.parcel(ZONE, "t-north", "T-EDITED", X0 + 1100, Y0 + 700, X0 + 1200, Y0 + 800, "100102", null);
        int[] xy = tileOf(centreLonLat("T-EDITED"), 17);
        String path = "/tiles/parcels/17/" + xy[0] + "/" + xy[1] + ".mvt";
        Api.Binary first = api.getBinary(path);
        assertThat(properties(byCode(decode(first.body()).getLayer("parcels")).get("T-EDITED")))
                .containsEntry("land_use", "100102");
        assertThat(cache.contains(new TileKey(TileLayer.PARCELS, 17, xy[0], xy[1]))).isTrue();

        Api.Response edited = api.put("/api/parcels/" + ZONE + "/T-EDITED", "{\"version\":0,\"landUse\":\"M1\"}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);

        Api.Binary tile = api.getBinary(path, "If-None-Match", first.header("ETag"));
        assertThat(tile.status()).as("the cached tile was dropped").isEqualTo(200);
        assertThat(properties(byCode(decode(tile.body()).getLayer("parcels")).get("T-EDITED")))
                .containsEntry("land_use", "100101");
    }

    @Test
    void eachLayerIsDescribedByTileJson() {
        JsonNode json = api.json("/tiles/parcels.json");
        assertThat(json.path("tilejson").asString()).isEqualTo("3.0.0");
        assertThat(json.path("tiles").get(0).asString()).isEqualTo(api.url("/tiles/parcels/{z}/{x}/{y}.mvt"));
        assertThat(json.path("minzoom").asInt()).isEqualTo(12);
        assertThat(json.path("maxzoom").asInt()).isEqualTo(19);
        JsonNode layer = json.path("vector_layers").get(0);
        assertThat(layer.path("id").asString()).isEqualTo("parcels");
        for (String field : List.of("zone", "code", "state", "land_use", "area_mu", "idle", "height_limit_m")) {
            assertThat(layer.path("fields").has(field)).as("field " + field).isTrue();
        }
        double[] centre = centreLonLat("T-1");
        JsonNode bounds = json.path("bounds");
        assertThat(centre[0]).isBetween(bounds.get(0).asDouble(), bounds.get(2).asDouble());
        assertThat(centre[1]).isBetween(bounds.get(1).asDouble(), bounds.get(3).asDouble());

        List<String> ids = new ArrayList<>();
        api.json("/tiles").path("layers").forEach(l -> ids.add(l.path("id").asString()));
        assertThat(ids).containsExactly("zones", "blocks", "parcels", "available", "buildings", "basemap");
        assertThat(api.get("/tiles/roads.json").status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- helpers

    private JtsLayer layer(String name, int z, int[] xy) {
        Api.Binary tile = api.getBinary("/tiles/" + name + "/" + z + "/" + xy[0] + "/" + xy[1] + ".mvt");
        assertThat(tile.status()).as(name + " tile").isEqualTo(200);
        return decode(tile.body()).getLayer(name);
    }

    static JtsMvt decode(byte[] mvt) {
        try {
            return MvtReader.loadMvt(new ByteArrayInputStream(mvt), new GeometryFactory(),
                    new TagKeyValueMapConverter(false, "id"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Geometry feature) {
        assertThat(feature).as("feature").isNotNull();
        return (Map<String, Object>) feature.getUserData();
    }

    /** Features by their "code" attribute; a parcel cut into pieces would show as a duplicate. */
    static Map<String, Geometry> byCode(JtsLayer layer) {
        assertThat(layer).isNotNull();
        Map<String, Geometry> byCode = new java.util.HashMap<>();
        for (Geometry g : layer.getGeometries()) {
            Object previous = byCode.put(String.valueOf(properties(g).get("code")), g);
            assertThat(previous).as("one feature per code").isNull();
        }
        return byCode;
    }

    private long parcelId(String code) {
        return jdbc.sql("select p.id from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = :code")
                .param("zone", ZONE).param("code", code).query(Long.class).single();
    }

    private double[] centreLonLat(String code) {
        return jdbc.sql("""
                select ST_X(c), ST_Y(c) from (select ST_Transform(ST_Centroid(p.geom), 4326) as c
                from parcel p join zone z on z.id = p.zone_id where z.code = :zone and p.code = :code) x""")
                .param("zone", ZONE).param("code", code)
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
    }

    private List<double[]> cornersLonLat(String code) {
        return jdbc.sql("""
                select ST_X(d.geom), ST_Y(d.geom)
                from parcel p join zone z on z.id = p.zone_id,
                     ST_DumpPoints(ST_Transform(p.geom, 4326)) d
                where z.code = :zone and p.code = :code""")
                .param("zone", ZONE).param("code", code)
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).list();
    }

    private TileKey sampleParcelTile() {
        double[] c = jdbc.sql("""
                select ST_X(c), ST_Y(c) from (select ST_Transform(ST_PointOnSurface(p.geom), 4326) as c
                from parcel p join zone z on z.id = p.zone_id where z.code = 'anji' order by p.id limit 1) x""")
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        int[] xy = tileOf(c, 17);
        return new TileKey(TileLayer.PARCELS, 17, xy[0], xy[1]);
    }

    /** Web Mercator metres of a longitude/latitude. */
    static double[] mercator(double[] lonLat) {
        return new double[] {R * Math.toRadians(lonLat[0]),
                R * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lonLat[1]) / 2))};
    }

    /** The XYZ tile holding a longitude/latitude. */
    static int[] tileOf(double[] lonLat, int z) {
        double[] m = mercator(lonLat);
        double size = 2 * Math.PI * R / (1 << z);
        return new int[] {(int) Math.floor((m[0] + Math.PI * R) / size), (int) Math.floor((Math.PI * R - m[1]) / size)};
    }

    /** A longitude/latitude in a tile's 4096 units, y down. */
    private static org.locationtech.jts.geom.Coordinate tileUnits(double[] lonLat, int z, int[] xy) {
        double[] m = mercator(lonLat);
        double size = 2 * Math.PI * R / (1 << z);
        double minX = -Math.PI * R + xy[0] * size;
        double maxY = Math.PI * R - xy[1] * size;
        return new org.locationtech.jts.geom.Coordinate((m[0] - minX) / size * 4096, (maxY - m[1]) / size * 4096);
    }
}
