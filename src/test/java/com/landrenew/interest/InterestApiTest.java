package com.landrenew.interest;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import com.landrenew.enterprise.CreditCode;
import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyShapes;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Enterprises register interest in a parcel; planners read it; nothing invalid is written. */
@LandRenewTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterestApiTest {

    static final String ZONE = "interest-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();
    static final String CREDIT_CODE = "91330523MA2B3C4D5" + CreditCode.checkCharFor("91330523MA2B3C4D5");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    long quiet;

    @BeforeAll
    void buildTheLand() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        if (!fixtures.zoneExists(ZONE)) {
            fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
            long wanted = fixtures.parcel(ZONE, null, "I-1", X0, Y0, X0 + 200, Y0 + 200, "100102", null);
            fixtures.walk(wanted, "2024-03-01", "vacating", "vacated", "stored");
            fixtures.parcel(ZONE, null, "I-2", X0 + 300, Y0, X0 + 400, Y0 + 100, "100102", null);
        }
        quiet = jdbc.sql("select p.id from parcel p join zone z on z.id = p.zone_id where z.code = :z and p.code = 'I-2'")
                .param("z", ZONE).query(Long.class).single();
    }

    @Test
    void anInterestIs201AndPlannersSeeItOnTheParcel() {
        Api.Response created = api.post("/api/parcels/" + ZONE + "/I-1/interests", """
                {"enterpriseName":" 浙江某某智能装备有限公司 ","creditCode":"%s","contact":"张经理 13800000000",
                 "need":"60亩二类工业用地，2027年上半年开工"}""".formatted(CREDIT_CODE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode interest = created.json();
        assertThat(interest.path("enterpriseName").asString()).isEqualTo("浙江某某智能装备有限公司");
        assertThat(interest.path("creditCode").asString()).isEqualTo(CREDIT_CODE);
        assertThat(interest.path("parcel").asString()).isEqualTo("I-1");
        assertThat(interest.path("registeredAt").asString()).isNotBlank();

        JsonNode listed = api.json("/api/parcels/" + ZONE + "/I-1/interests");
        assertThat(listed.path("interests").size()).isGreaterThanOrEqualTo(1);
        assertThat(listed.path("interests").get(0).path("id").asLong()).isEqualTo(interest.path("id").asLong());
        assertThat(listed.path("interests").get(0).path("need").asString()).isEqualTo("60亩二类工业用地，2027年上半年开工");
        assertThat(jdbc.sql("select count(*) from parcel_interest where id = :id and contact = '张经理 13800000000'")
                .param("id", interest.path("id").asLong()).query(Long.class).single()).isEqualTo(1);
        assertThat(api.json("/api/parcels/" + ZONE + "/I-1/standard-land").path("interestCount").asLong())
                .isEqualTo(listed.path("interests").size());
    }

    @Test
    void anInterestInAParcelThatIsSplitStaysWithBothParts() {
        // I-3: 200 m x 100 m, stored, split at x + 120
        Fixtures fixtures = new Fixtures(jdbc);
        long parent = fixtures.parcel(ZONE, null, "I-3", X0 + 500, Y0 + 500, X0 + 700, Y0 + 600, "100102", null);
        fixtures.walk(parent, "2024-03-01", "vacating", "vacated", "stored");
        Api.Response created = api.post("/api/parcels/" + ZONE + "/I-3/interests", body("某某新材料有限公司", CREDIT_CODE,
                "李经理", "整宗 30 亩"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String line = SurveyShapes.lonLat(jdbc, SurveyShapes.line(X0 + 620, Y0 + 480, X0 + 620, Y0 + 620));
        Api.Response split = api.post("/api/parcels/" + ZONE + "/I-3/split", """
                {"version":%d,"line":%s,"effectiveDate":"2025-05-20","reason":"分宗出让"}"""
                .formatted(jdbc.sql("select version from parcel where id = :id").param("id", parent).query(Integer.class)
                        .single(), line));
        assertThat(split.status()).as(split.body()).isEqualTo(201);

        for (String child : new String[] {"I-3-1", "I-3-2"}) {
            JsonNode interests = api.json("/api/parcels/" + ZONE + "/" + child + "/interests").path("interests");
            assertThat(interests.size()).as(child).isEqualTo(1);
            assertThat(interests.get(0).path("id").asLong()).isEqualTo(created.json().path("id").asLong());
            assertThat(interests.get(0).path("parcel").asString()).as("named by the parcel it was registered on")
                    .isEqualTo("I-3");
            assertThat(api.json("/api/parcels/" + ZONE + "/" + child + "/standard-land").path("interestCount").asLong())
                    .isEqualTo(1);
        }
    }

    @Test
    void badInterestsAre400NamingTheFieldAndWriteNothing() {
        String path = "/api/parcels/" + ZONE + "/I-2/interests";
        String wrongCheck = CREDIT_CODE.substring(0, 17) + (CREDIT_CODE.charAt(17) == '0' ? '1' : '0');
        assertDetail(api.post(path, ""), "enterpriseName");
        assertDetail(api.post(path, body(" ", CREDIT_CODE, "c", "n")), "enterpriseName");
        assertDetail(api.post(path, body("某公司", wrongCheck, "c", "n")), "creditCode");
        assertDetail(api.post(path, body("某公司", "91330523", "c", "n")), "creditCode");
        assertDetail(api.post(path, body("某公司", null, "c", "n")), "creditCode");
        assertDetail(api.post(path, body("某公司", CREDIT_CODE, "", "n")), "contact");
        assertDetail(api.post(path, body("某公司", CREDIT_CODE, "c", null)), "need");
        assertDetail(api.post(path, body("某公司", CREDIT_CODE, "c", "x".repeat(2001))), "need");
        assertDetail(api.post(path, "{\"enterpriseName\": 5, \"creditCode\": ["), "JSON");
        assertThat(jdbc.sql("select count(*) from parcel_interest where parcel_id = :id").param("id", quiet)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anEnterpriseUserRegistersAsItsOwnEnterpriseOnly() {
        String path = "/api/parcels/" + ZONE + "/I-1/interests";
        Api enterprise = api.as(TestUsers.ENTERPRISE);
        String ownCode = jdbc.sql("select credit_code from enterprise where name = :name")
                .param("name", TestUsers.ENTERPRISE_NAME).query(String.class).single();
        long before = interestsNamed(CREDIT_CODE);

        Api.Response otherCode = enterprise.post(path, body(TestUsers.ENTERPRISE_NAME, CREDIT_CODE, "c", "冒名 spoofed"));
        assertThat(otherCode.status()).as(otherCode.body()).isEqualTo(403);
        assertThat(otherCode.json().path("detail").asString()).contains("creditCode", CREDIT_CODE, ownCode);
        Api.Response otherName = enterprise.post(path, body("浙江某某智能装备有限公司", ownCode, "c", "冒名 spoofed"));
        assertThat(otherName.status()).as(otherName.body()).isEqualTo(403);
        assertThat(otherName.json().path("detail").asString()).contains("enterpriseName", "浙江某某智能装备有限公司");
        assertThat(interestsNamed(CREDIT_CODE)).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from parcel_interest where need = '冒名 spoofed'").query(Long.class).single())
                .as("nothing written").isZero();

        Api.Response own = enterprise.post(path, body(" " + TestUsers.ENTERPRISE_NAME + " ", ownCode, "王经理", "自有名义"));
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().path("creditCode").asString()).isEqualTo(ownCode);
        Api.Response fromAccount = enterprise.post(path, body(null, null, "王经理", "名称取自账户"));
        assertThat(fromAccount.status()).as("name and code come from the account").isEqualTo(201);
        assertThat(fromAccount.json().path("enterpriseName").asString()).isEqualTo(TestUsers.ENTERPRISE_NAME);
        assertThat(fromAccount.json().path("creditCode").asString()).isEqualTo(ownCode);

        // A planner registers for any company (one who called in, say).
        assertThat(api.post(path, body("浙江某某智能装备有限公司", CREDIT_CODE, "c", "代登记")).status()).isEqualTo(201);
    }

    private long interestsNamed(String creditCode) {
        return jdbc.sql("select count(*) from parcel_interest where credit_code = :c").param("c", creditCode)
                .query(Long.class).single();
    }

    @Test
    void anUnknownParcelIs404() {
        Api.Response post = api.post("/api/parcels/" + ZONE + "/NOPE/interests", body("某公司", CREDIT_CODE, "c", "n"));
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.json().path("detail").asString()).contains("NOPE");
        assertThat(api.get("/api/parcels/" + ZONE + "/NOPE/interests").status()).isEqualTo(404);
        assertThat(api.get("/api/parcels/no-zone/I-1/interests").status()).isEqualTo(404);
        assertThat(api.get("/api/parcels/" + ZONE + "/NOPE/standard-land").status()).isEqualTo(404);
    }

    private static String body(String name, String creditCode, String contact, String need) {
        return "{\"enterpriseName\":" + quote(name) + ",\"creditCode\":" + quote(creditCode) + ",\"contact\":"
                + quote(contact) + ",\"need\":" + quote(need) + "}";
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
