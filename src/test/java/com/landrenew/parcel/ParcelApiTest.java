package com.landrenew.parcel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@LandRenewTest
class ParcelApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void theZoneBoxHoldsEveryParcelOfTheZone() {
        String bbox = zoneBbox("anji");
        JsonNode page = api.json("/api/parcels?zone=anji&limit=5000&bbox=" + bbox);
        int inDatabase = jdbc.sql("select count(*) from parcel p join zone z on z.id = p.zone_id where z.code = 'anji'")
                .query(Integer.class).single();
        assertThat(inDatabase).isGreaterThan(1000);
        assertThat(page.path("numberMatched").asInt()).isEqualTo(inDatabase);
        assertThat(page.path("numberReturned").asInt()).isEqualTo(Math.min(inDatabase, 5000));
        assertThat(page.path("features").size()).isEqualTo(page.path("numberReturned").asInt());
    }

    @Test
    void pagesAreDisjointAndFollowEachOther() {
        String bbox = zoneBbox("anji");
        List<String> first = ids(api.json("/api/parcels?zone=anji&limit=100&offset=0&bbox=" + bbox));
        List<String> second = ids(api.json("/api/parcels?zone=anji&limit=100&offset=100&bbox=" + bbox));
        List<String> both = ids(api.json("/api/parcels?zone=anji&limit=200&offset=0&bbox=" + bbox));
        assertThat(first).hasSize(100).doesNotContainAnyElementsOf(second);
        List<String> concatenated = new ArrayList<>(first);
        concatenated.addAll(second);
        assertThat(concatenated).isEqualTo(both);
    }

    @Test
    void aSmallBoxReturnsOnlyParcelsMeetingIt() throws ParseException {
        Map<String, Object> one = jdbc.sql("""
                select z.code as zone, p.code,
                       ST_X(ST_Transform(ST_PointOnSurface(p.geom), 4326)) as lon,
                       ST_Y(ST_Transform(ST_PointOnSurface(p.geom), 4326)) as lat
                from parcel p join zone z on z.id = p.zone_id where z.code = 'anji' order by p.id limit 1""")
                .query().singleRow();
        double lon = (Double) one.get("lon");
        double lat = (Double) one.get("lat");
        Envelope box = new Envelope(lon - 0.002, lon + 0.002, lat - 0.002, lat + 0.002);
        JsonNode page = api.json("/api/parcels?bbox=" + box.getMinX() + "," + box.getMinY() + "," + box.getMaxX() + ","
                + box.getMaxY());

        assertThat(ids(page)).contains("anji/" + one.get("code"));
        assertThat(page.path("numberMatched").asInt()).isLessThan(200);
        GeoJsonReader reader = new GeoJsonReader();
        var boxPolygon = new GeometryFactory().toGeometry(box);
        for (JsonNode feature : page.path("features")) {
            // A lon/lat box projects to a slightly curved shape; 1e-5 degrees (about a metre) absorbs that.
            assertThat(reader.read(feature.path("geometry").toString()).distance(boxPolygon)).isLessThan(1e-5);
        }
    }

    @Test
    void oneParcelCarriesEveryAttributeAndItsOfficialArea() throws ParseException {
        Map<String, Object> row = jdbc.sql("""
                select z.code as zone, p.code, p.state, p.land_use_code, e.name as enterprise, p.lease_start::text as lease_start,
                       p.far_max, p.height_limit_m, b.name as block, ST_AsText(p.geom) as wkt
                from parcel p join zone z on z.id = p.zone_id join block b on b.id = p.block_id
                join enterprise e on e.id = p.enterprise_id
                where p.lease_start is not null and p.far_max is not null
                order by p.id limit 1""").query().singleRow();
        JsonNode p = api.json("/api/parcels/" + row.get("zone") + "/" + row.get("code")).path("properties");

        assertThat(p.path("code").asString()).isEqualTo(row.get("code"));
        assertThat(p.path("state").path("code").asString()).isEqualTo(row.get("state"));
        assertThat(p.path("landUse").path("code").asString()).isEqualTo(row.get("land_use_code"));
        assertThat(p.path("enterprise").path("name").asString()).isEqualTo(row.get("enterprise"));
        assertThat(p.path("block").path("name").asString()).isEqualTo(row.get("block"));
        assertThat(p.path("leaseStart").asString()).isEqualTo(row.get("lease_start"));
        assertThat(p.path("farMax").decimalValue()).isEqualByComparingTo(row.get("far_max").toString());
        assertThat(p.path("heightLimitM").decimalValue()).isEqualByComparingTo(row.get("height_limit_m").toString());

        double jtsArea = new WKTReader().read((String) row.get("wkt")).getArea();
        assertThat(p.path("area").path("m2").asDouble()).isCloseTo(jtsArea, within(0.005));
        assertThat(p.path("area").path("mu").asDouble()).isCloseTo(jtsArea / (10000.0 / 15), within(0.0001));
        assertThat(p.path("area").path("ha").asDouble()).isCloseTo(jtsArea / 10000, within(0.0001));
    }

    @Test
    void legacyLandUseCodesAndStatesAreServed() {
        JsonNode uses = api.json("/api/land-uses");
        Set<String> class2Legacy = new HashSet<>();
        uses.forEach(u -> {
            if (u.path("code").asString().equals("100102")) {
                u.path("legacyCodes").forEach(c -> class2Legacy.add(c.asString()));
            }
        });
        assertThat(class2Legacy).containsExactly("M2");

        List<String> states = new ArrayList<>();
        api.json("/api/states").forEach(s -> states.add(s.path("code").asString()));
        assertThat(states).containsExactly("in_use", "low_efficiency", "vacating", "vacated", "stored", "prepared",
                "supplied", "under_construction", "completed", "in_production");
    }

    @ParameterizedTest
    @ValueSource(strings = {"170,0,175,10", "-10,0,10,10", "-180,-90,180,90"})
    void boxesFarFromTheSurveyCrsAreAnsweredNotFailed(String bbox) {
        Api.Response response = api.get("/api/parcels?limit=1&bbox=" + bbox);
        assertThat(response.status()).isEqualTo(200);
        int expected = bbox.startsWith("-180") ? 1 : 0; // the whole world holds parcels; the others none
        assertThat(response.json().path("numberReturned").asInt()).isEqualTo(expected);
    }

    @Test
    void unknownParcelIs404NamingIt() {
        Api.Response response = api.get("/api/parcels/anji/NO-SUCH-CODE");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("detail").asString()).contains("NO-SUCH-CODE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bbox=119.6,30.6,119.7                    | 4 numbers",
        "bbox=119.6,30.6,east,30.7                | not a number",
        "bbox=119.7,30.6,119.6,30.7               | inverted",
        "bbox=119.6,30.7,119.7,30.6               | inverted",
        "bbox=119.6,30.6,119.7,95                 | latitude",
        "bbox=119.6,30.6,119.7,30.7&limit=0       | limit",
        "bbox=119.6,30.6,119.7,30.7&limit=5001    | limit",
        "bbox=119.6,30.6,119.7,30.7&limit=many    | limit",
        "bbox=119.6,30.6,119.7,30.7&offset=-1     | offset",
        "limit=10                                 | bbox",
    })
    void badQueriesAre400NamingTheProblem(String query, String named) {
        Api.Response response = api.get("/api/parcels?" + query);
        assertThat(response.status()).as(query).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).as(query).contains(named);
    }

    private String zoneBbox(String zone) {
        for (JsonNode f : api.json("/api/zones").path("features")) {
            if (f.path("id").asString().equals(zone)) {
                JsonNode b = f.path("bbox");
                return b.get(0).asDouble() + "," + b.get(1).asDouble() + "," + b.get(2).asDouble() + "," + b.get(3).asDouble();
            }
        }
        throw new AssertionError("no zone " + zone);
    }

    private static List<String> ids(JsonNode collection) {
        List<String> ids = new ArrayList<>();
        collection.path("features").forEach(f -> ids.add(f.path("id").asString()));
        return ids;
    }
}
