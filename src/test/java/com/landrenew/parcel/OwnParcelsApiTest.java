package com.landrenew.parcel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET /api/me/parcels (我的宗地): an enterprise user's own current parcels, nobody else's, with official areas. */
@LandRenewTest
class OwnParcelsApiTest {

    private static final String ZONE = "own-parcels";
    private static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEnterpriseUserGetsItsOwnParcelsOnly() {
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.zone(ZONE, AREA.x0(), AREA.y0(), AREA.x1(), AREA.y1());
        int own = jdbc.sql("select e.id from enterprise e join app_user u on u.enterprise_id = e.id where u.username = :u")
                .param("u", TestUsers.ENTERPRISE).query(Integer.class).single();
        int other = fixtures.enterprise("自有宗地测试他企 Other firm");
        double x = AREA.x0() + 100;
        double y = AREA.y0() + 100;
        fixtures.parcel(ZONE, null, "OWN-1", x, y, x + 100, y + 60, "100102", own);          // 6,000 m² = 9 mu
        fixtures.parcel(ZONE, null, "OWN-2", x + 200, y, x + 230, y + 50, "100102", own);    // 1,500 m² = 2.25 mu
        fixtures.parcel(ZONE, null, "OTHER-1", x + 300, y, x + 400, y + 100, "100102", other);

        Api enterprise = new Api(port).as(TestUsers.ENTERPRISE);
        Api.Response answer = enterprise.get("/api/me/parcels");
        assertThat(answer.status()).isEqualTo(200);
        Map<String, JsonNode> byCode = new HashMap<>();
        answer.json().path("features").forEach(f -> byCode.put(f.path("properties").path("zone").asString() + "/"
                + f.path("properties").path("code").asString(), f));
        long held = jdbc.sql("select count(*) from parcel where enterprise_id = :e").param("e", own).query(Long.class).single();
        assertThat(byCode).as("every current parcel it holds, in every zone").hasSize((int) held)
                .containsKeys(ZONE + "/OWN-1", ZONE + "/OWN-2").doesNotContainKey(ZONE + "/OTHER-1");
        for (String code : new String[] {"OWN-1", "OWN-2"}) {
            JsonNode p = byCode.get(ZONE + "/" + code).path("properties");
            double m2 = jdbc.sql("select ST_Area(geom) from parcel p join zone z on z.id = p.zone_id where z.code = :z and p.code = :c")
                    .param("z", ZONE).param("c", code).query(Double.class).single();
            assertThat(p.path("area").path("m2").asDouble()).isCloseTo(m2, within(0.01));
            assertThat(p.path("area").path("mu").asDouble()).isCloseTo(m2 * 15 / 10000, within(0.0001));
            assertThat(p.path("stateName").asString()).isEqualTo("在用");
        }
        assertThat(byCode.get(ZONE + "/OWN-2").path("properties").path("area").path("mu").asDouble()).isEqualTo(2.25);

        assertThat(new Api(port).as(TestUsers.PLANNER).get("/api/me/parcels").status()).as("staff hold none").isEqualTo(403);
        assertThat(new Api(port).anonymous().get("/api/me/parcels").status()).isEqualTo(401);
    }
}
