package com.landrenew.search;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** GET /api/search: parcels by a tail of their code, enterprises, blocks and places, per role. */
@LandRenewTest
class SearchApiTest {

    static final String ZONE = "search-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 2, 2);
    static final String HELD_BY_B = "SRCH0001GB00911";
    static final String OWN = "SRCH0001GB00912";
    static final String AVAILABLE = "SRCH0001GB00913";
    static final String B_NAME = "搜索乙企业有限公司";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api planner;

    @BeforeEach
    void setUp() {
        planner = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        double x = AREA.x0();
        double y = AREA.y0();
        synchronized (SearchApiTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, x, y, x + 1000, y + 1000);
                fixtures.block(ZONE, "sousuo-1", x + 50, y + 50, x + 950, y + 950);
                jdbc.sql("update block set name = '搜索区块' where code = 'sousuo-1'").update();
                int b = fixtures.enterprise(B_NAME);
                int own = jdbc.sql("select id from enterprise where name = :name").param("name", TestUsers.ENTERPRISE_NAME)
                        .query(Integer.class).single();
                fixtures.parcel(ZONE, "sousuo-1", HELD_BY_B, x + 100, y + 100, x + 200, y + 200, "100101", b);
                fixtures.parcel(ZONE, "sousuo-1", OWN, x + 300, y + 100, x + 400, y + 200, "100101", own);
                long available = fixtures.parcel(ZONE, "sousuo-1", AVAILABLE, x + 500, y + 100, x + 600, y + 200, "100101", null);
                fixtures.walk(available, "2024-03-01", "vacating", "vacated", "stored");
                jdbc.sql("""
                        insert into basemap_feature (zone_id, kind, name, geom)
                        select id, 'place', '搜索街道', ST_SetSRID(ST_MakePoint(:x, :y), 4549) from zone where code = :zone""")
                        .param("x", x + 700).param("y", y + 700).param("zone", ZONE).update();
            }
        }
    }

    @Test
    void aParcelIsFoundByAnyTailOfItsCodeTheExactCodeFirst() {
        JsonNode answers = search(planner, "GB00911");
        assertThat(labels(answers, "parcel")).containsExactly(HELD_BY_B);
        JsonNode first = answers.get(0);
        assertThat(first.path("zone").asString()).isEqualTo(ZONE);
        assertThat(first.path("code").asString()).isEqualTo(HELD_BY_B);
        assertThat(first.path("detail").asString()).isEqualTo("搜索区块");
        assertThat(first.path("bbox").size()).isEqualTo(4);
        assertThat(first.path("bbox").get(2).asDouble()).isGreaterThan(first.path("bbox").get(0).asDouble());
        assertThat(labels(search(planner, "0091"), "parcel")).as("not a tail").isEmpty();
        assertThat(labels(search(planner, "1"), "parcel")).as("a short tail").containsExactly(HELD_BY_B);
        assertThat(labels(search(planner, "00912"), "parcel")).containsExactly(OWN);
        assertThat(labels(search(planner, "srch0001gb00913"), "parcel")).as("any case").containsExactly(AVAILABLE);
        assertThat(searchEverywhere(planner, "1").size()).as("at most ten answers, of all zones").isEqualTo(10);
    }

    @Test
    void staffFindAnEnterpriseByNameOrCreditCodeAnEnterpriseUserOnlyItselfAVisitorNone() {
        String creditCode = jdbc.sql("select credit_code from enterprise where name = :name").param("name", B_NAME)
                .query(String.class).single();
        assertThat(labels(search(planner, "搜索乙企业"), "enterprise")).containsExactly(B_NAME);
        JsonNode byCode = search(planner, creditCode);
        assertThat(byCode.get(0).path("kind").asString()).isEqualTo("enterprise");
        assertThat(byCode.get(0).path("label").asString()).isEqualTo(B_NAME);
        assertThat(byCode.get(0).path("zone").asString()).isEqualTo(ZONE);
        assertThat(labels(search(planner.as(TestUsers.AUDITOR), "搜索乙"), "enterprise")).containsExactly(B_NAME);

        Api enterprise = planner.as(TestUsers.ENTERPRISE);
        assertThat(labels(search(enterprise, "搜索乙企业"), "enterprise")).as("another enterprise").isEmpty();
        assertThat(labels(search(enterprise, creditCode), "enterprise")).as("another's credit code").isEmpty();
        assertThat(labels(search(enterprise, "测试用户企业"), "enterprise")).as("its own")
                .containsExactly(TestUsers.ENTERPRISE_NAME);
        assertThat(labels(search(planner.anonymous(), "搜索乙企业"), "enterprise")).isEmpty();
        assertThat(labels(search(planner.anonymous(), "测试用户企业"), "enterprise")).isEmpty();
    }

    @Test
    void visitorsFindOnlyAvailableLandButEveryBlockAndPlace() {
        Api visitor = planner.anonymous();
        assertThat(labels(search(visitor, "GB00911"), "parcel")).as("land that is not available").isEmpty();
        assertThat(labels(search(visitor, "GB00913"), "parcel")).containsExactly(AVAILABLE);
        assertThat(labels(search(planner.as(TestUsers.ENTERPRISE), "GB00911"), "parcel")).as("signed in: every parcel")
                .containsExactly(HELD_BY_B);
        for (Api viewer : List.of(visitor, planner)) {
            assertThat(labels(search(viewer, "搜索区块"), "block")).containsExactly("搜索区块");
            assertThat(labels(search(viewer, "SOUSUO-1"), "block")).as("by its code").containsExactly("搜索区块");
            JsonNode place = search(viewer, "搜索街道");
            assertThat(labels(place, "place")).containsExactly("搜索街道");
            assertThat(place.get(0).path("detail").asString()).isEqualTo("地名");
        }
        assertThat(labels(searchEverywhere(visitor, "杭长高速安吉出口"), "place")).as("the sample's motorway exit")
                .containsExactly("杭长高速安吉出口");
    }

    @Test
    void aQueryMustBeThereAndBounded() {
        assertDetail(planner.get("/api/search?q=%20"), "q");
        assertDetail(planner.get("/api/search?q=" + "8".repeat(51)), "q 过长");
        assertDetail(planner.get("/api/search?q=GB%00"), "NUL");
        assertThat(planner.get("/api/search").status()).isEqualTo(400);
        assertThat(search(planner, "无此名称的任何东西").size()).isZero();
    }

    private JsonNode search(Api viewer, String q) {
        return answers(viewer, "/api/search?zone=" + ZONE + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    private JsonNode searchEverywhere(Api viewer, String q) {
        return answers(viewer, "/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    private JsonNode answers(Api viewer, String path) {
        Api.Response answer = viewer.get(path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> labels(JsonNode answers, String kind) {
        List<String> labels = new ArrayList<>();
        answers.forEach(a -> {
            if (a.path("kind").asString().equals(kind)) {
                labels.add(a.path("label").asString());
            }
        });
        return labels;
    }
}
