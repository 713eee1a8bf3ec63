package com.landrenew.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.landrenew.support.Api;
import com.landrenew.support.Fixtures;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.SurveyGeoJson;
import com.landrenew.support.TestAreas;
import com.landrenew.support.TestUsers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The trail the database keeps: each write path leaves rows naming who, with the before and after of
 * what changed; the trail refuses to be changed; the API filters and pages it. Fixture zone
 * "audit-test" is the 1 km square from (X0, Y0) of its own test area.
 */
@LandRenewTest
class AuditTrailApiTest {

    static final String ZONE = "audit-test";
    static final TestAreas.Area AREA = TestAreas.claim(ZONE, 1, 1);
    static final double X0 = AREA.x0();
    static final double Y0 = AREA.y0();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Flyway flyway;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(jdbc);
        synchronized (AuditTrailApiTest.class) {
            if (!fixtures.zoneExists(ZONE)) {
                fixtures.zone(ZONE, X0, Y0, X0 + 1000, Y0 + 1000);
                fixtures.parcel(ZONE, null, "AT-1", X0, Y0, X0 + 100, Y0 + 100, "100102", null);
                fixtures.parcel(ZONE, null, "AT-2", X0 + 200, Y0, X0 + 300, Y0 + 100, "100102", null);
                fixtures.parcel(ZONE, null, "AT-3", X0 + 400, Y0, X0 + 500, Y0 + 100, "100102", null);
            }
        }
    }

    @Test
    void theTrailNamesRowsByWhatPeopleCallThemNotByIds() {
        // the zone and a block of it, made by the fixtures through the app's login (the triggers record them)
        if (jdbc.sql("select count(*) from block b join zone z on z.id = b.zone_id where z.code = :z and b.code = 'at-block'")
                .param("z", ZONE).query(Long.class).single() == 0) {
            new Fixtures(jdbc).block(ZONE, "at-block", X0 + 600, Y0 + 600, X0 + 900, Y0 + 900);
        }
        assertThat(api.json("/api/audit?table=zone&key=" + ZONE).path("numberMatched").asLong()).isPositive();
        assertThat(api.json("/api/audit?table=block&key=" + ZONE + "/at-block").path("entries").get(0).path("key").asString())
                .isEqualTo(ZONE + "/at-block");
        assertThat(api.as(TestUsers.ADMIN).post("/api/users", """
                {"username":"audit-key-user","displayName":"审计键 Key","role":"auditor","password":"audit key password 1"}""")
                .status()).isIn(201, 409);
        assertThat(api.json("/api/audit?table=app_user&key=audit-key-user").path("entries").get(0).path("key").asString())
                .as("a user by username").isEqualTo("audit-key-user");
    }

    @Test
    void aTransitionRecordsTheEventAndTheParcelsStateBeforeAndAfterWithItsActor() {
        Api.Response moved = api.post("/api/parcels/" + ZONE + "/AT-1/transitions", """
                {"to":"low_efficiency","effectiveDate":"2024-05-01","reason":"亩均评价D类"}""");
        assertThat(moved.status()).as(moved.body()).isEqualTo(201);

        JsonNode parcelRow = api.json("/api/audit?table=parcel&key=" + ZONE + "/AT-1&limit=1").path("entries").get(0);
        assertThat(parcelRow.path("actor").asString()).as("the signed-in user, not a name in the request").isEqualTo(TestUsers.PLANNER);
        assertThat(parcelRow.path("action").asString()).isEqualTo("update");
        assertThat(parcelRow.path("key").asString()).isEqualTo(ZONE + "/AT-1");
        assertThat(parcelRow.path("before").path("state").asString()).isEqualTo("in_use");
        assertThat(parcelRow.path("after").path("state").asString()).isEqualTo("low_efficiency");
        assertThat(parcelRow.path("changed").toString()).isEqualTo("[\"state\",\"version\"]");
        assertThat(parcelRow.path("after").has("geom_3857")).as("the 3857 copy is left out").isFalse();
        assertThat(parcelRow.path("after").path("geom").path("areaM2").asDouble())
                .as("geometry as a summary: 100 m × 100 m").isEqualTo(10000.0);

        JsonNode eventRow = api.json("/api/audit?table=parcel_event&key=AT-1&limit=1").path("entries").get(0);
        assertThat(eventRow.path("action").asString()).isEqualTo("insert");
        assertThat(eventRow.path("actor").asString()).as("the signed-in user, not a name in the request").isEqualTo(TestUsers.PLANNER);
        assertThat(eventRow.path("parcel").asString()).isEqualTo(ZONE + "/AT-1");
        assertThat(eventRow.path("before").isNull()).isTrue();
        assertThat(eventRow.path("after").path("to_state").asString()).isEqualTo("low_efficiency");
        assertThat(eventRow.path("after").path("reason").asString()).isEqualTo("亩均评价D类");
    }

    @Test
    void anImportRecordsEachNewParcelUnderTheSignedInUser() {
        String file = SurveyGeoJson.collection(SurveyGeoJson.feature("AT-IMP", "M1", "",
                SurveyGeoJson.rectangle(X0 + 600, Y0 + 600, X0 + 650, Y0 + 640)));
        Api.Response imported = api.upload("/api/imports", Map.of("zone", ZONE), "audit-parcels.geojson",
                file.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        JsonNode rows = api.json("/api/audit?key=" + ZONE + "/AT-IMP&table=parcel").path("entries");
        assertThat(rows.size()).as("the insert; the first ledger event leaves the row as it is").isEqualTo(1);
        JsonNode insert = rows.get(0);
        assertThat(insert.path("action").asString()).isEqualTo("insert");
        assertThat(insert.path("actor").asString()).isEqualTo(TestUsers.PLANNER);
        assertThat(insert.path("after").path("land_use_code").asString()).isEqualTo("100101");
        assertThat(insert.path("after").path("geom").path("areaM2").asDouble()).isEqualTo(50.0 * 40.0);
        assertThat(insert.path("after").path("geom").path("points").asInt()).isEqualTo(5);
        assertThat(insert.path("after").path("geom").path("md5").asString()).hasSize(32);
        assertThat(jdbc.sql("""
                select count(*) from audit_log where parcel = :key and table_name = 'parcel_event'
                  and actor = :planner""").param("planner", TestUsers.PLANNER).param("key", ZONE + "/AT-IMP").query(Long.class).single())
                .as("its first ledger event too").isEqualTo(1);
    }

    @Test
    void aReadinessChangeRecordsTheFactBeforeAndAfter() {
        String path = "/api/parcels/" + ZONE + "/AT-2/readiness";
        assertThat(api.put(path, """
                {"facts":[{"fact":"water","expectedOn":"2026-12-01"},{"fact":"power","doneOn":"2024-02-01"}]}""")
                .status()).isEqualTo(200);
        Api.Response done = api.put(path, """
                {"facts":[{"fact":"water","doneOn":"2024-03-05"},{"fact":"power","doneOn":"2024-02-01"}]}""");
        assertThat(done.status()).as(done.body()).isEqualTo(200);

        JsonNode rows = api.json("/api/audit?table=parcel_readiness&key=AT-2").path("entries");
        assertThat(rows.size()).as("two inserts, then one update: the unchanged fact is left alone").isEqualTo(3);
        JsonNode update = rows.get(0);
        assertThat(update.path("actor").asString()).isEqualTo(TestUsers.PLANNER);
        assertThat(update.path("action").asString()).isEqualTo("update");
        assertThat(update.path("key").asString()).isEqualTo(ZONE + "/AT-2 water");
        assertThat(update.path("before").path("done_on").isNull()).isTrue();
        assertThat(update.path("before").path("expected_on").asString()).isEqualTo("2026-12-01");
        assertThat(update.path("after").path("done_on").asString()).isEqualTo("2024-03-05");
        assertThat(update.path("changed").toString()).contains("\"done_on\"", "\"expected_on\"");
        assertThat(rows.get(1).path("actor").asString()).isEqualTo(TestUsers.PLANNER);
    }

    @Test
    void anInterestIsRecordedUnderTheEnterpriseUserThatRegisteredIt() {
        // An enterprise user registers as its own enterprise (InterestApiTest): name and code from the account.
        Api.Response registered = api.as(TestUsers.ENTERPRISE).post("/api/parcels/" + ZONE + "/AT-3/interests", """
                {"contact":"0572-5000000","need":"30 亩 M1"}""");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode row = api.json("/api/audit?table=parcel_interest&key=AT-3").path("entries").get(0);
        assertThat(row.path("actor").asString()).isEqualTo(TestUsers.ENTERPRISE);
        assertThat(row.path("after").path("need").asString()).isEqualTo("30 亩 M1");
        assertThat(row.path("after").path("enterprise_name").asString()).isEqualTo(TestUsers.ENTERPRISE_NAME);
    }

    @Test
    void theTrailRefusesUpdatesDeletesAndTruncation() {
        jdbc.sql("update parcel set far_max = 2.5 where code = 'AT-3'").update();
        long rows = jdbc.sql("select count(*) from audit_log").query(Long.class).single();
        assertThat(rows).isPositive();
        // The application's login may not even try (database/AppLoginTest); the trigger stops the owner too.
        JdbcClient owner = JdbcClient.create(flyway.getConfiguration().getDataSource());
        assertThatThrownBy(() -> owner.sql("update audit_log set actor = 'someone else'").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("delete from audit_log").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("truncate audit_log").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_log").query(Long.class).single()).isGreaterThanOrEqualTo(rows);
        assertThat(jdbc.sql("select actor from audit_log where parcel = :key order by id desc limit 1")
                .param("key", ZONE + "/AT-3").query(String.class).single())
                .as("a write that names nobody is the system's").isEqualTo("system");
    }

    @Test
    void theSampleLoadIsNotInTheTrailButNoActorsNameSwitchesItOff() {
        assertThat(jdbc.sql("select count(*) from audit_log where actor = 'sample loader'").query(Long.class).single())
                .isZero();
        assertThat(api.post("/api/parcels/" + ZONE + "/AT-2/transitions", """
                {"to":"vacating","effectiveDate":"2024-05-01","actor":"sample loader","reason":"test"}""").status())
                .isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from audit_log where actor = 'sample loader' and parcel = :key")
                .param("key", ZONE + "/AT-2").query(Long.class).single()).as("a name in the request is ignored").isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where actor = :planner and parcel = :key and table_name in ('parcel', 'parcel_event')")
                .param("planner", TestUsers.PLANNER).param("key", ZONE + "/AT-2").query(Long.class).single())
                .as("the event and the parcel's state, under the signed-in user").isEqualTo(2);
    }

    @Test
    void theApiFiltersAndPagesNewestFirst() {
        for (int i = 1; i <= 3; i++) {
            jdbc.sql("update parcel set height_limit_m = :h where code = 'AT-3'").param("h", 20 + i).update();
        }
        JsonNode all = api.json("/api/audit?table=parcel&key=" + ZONE + "/AT-3&actor=SYST");
        long matched = jdbc.sql("select count(*) from audit_log where table_name = 'parcel' and row_key = :key")
                .param("key", ZONE + "/AT-3").query(Long.class).single();
        assertThat(all.path("numberMatched").asLong()).isEqualTo(matched).isGreaterThanOrEqualTo(4);
        JsonNode first = api.json("/api/audit?table=parcel&key=" + ZONE + "/AT-3&limit=1");
        JsonNode second = api.json("/api/audit?table=parcel&key=" + ZONE + "/AT-3&limit=1&offset=1");
        assertThat(first.path("numberReturned").asInt()).isEqualTo(1);
        assertThat(first.path("entries").get(0).path("id").asLong())
                .isGreaterThan(second.path("entries").get(0).path("id").asLong());
        assertThat(first.path("entries").get(0).path("id").asLong()).isEqualTo(all.path("entries").get(0).path("id").asLong());
        assertThat(api.json("/api/audit?key=" + ZONE + "/AT-3&actor=nobody-like-this").path("numberMatched").asInt()).isZero();
        assertThat(api.json("/api/audit?key=" + ZONE + "/AT-3&from=2000-01-01&to=2000-12-31").path("numberMatched").asInt())
                .isZero();
        String today = jdbc.sql("select to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD')").query(String.class).single();
        assertThat(api.json("/api/audit?table=parcel&key=" + ZONE + "/AT-3&from=" + today + "&to=" + today).path("numberMatched").asLong())
                .isEqualTo(matched);

        Api.Binary csv = api.getBinary("/api/audit.csv?table=parcel&key=" + ZONE + "/AT-3");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = text.split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFF审计日志 Audit trail · 导出于 exported " + today + "T");
        assertThat(lines[1]).isEqualTo("编号,时间（北京时间）,操作人,操作,表,记录,宗地,变更字段,变更前,变更后");
        assertThat(lines[2]).isEqualTo("id,at,actor,action,table,key,parcel,changed,before,after");
        assertThat(lines).hasSize((int) matched + 3);
        assertThat(lines[3]).as("tables by their names, not slugs").contains("\"宗地\"");
        assertThat(text).contains("\"height_limit_m\"", "\"" + ZONE + "/AT-3\"");
    }

    @Test
    void theTrailFiltersByEveryTableItRecords() {
        Map<String, String> titles = new TreeMap<>();
        api.json("/api/audit/tables").forEach(t -> titles.put(t.path("name").asString(), t.path("title").asString()));
        assertThat(titles).containsEntry("parcel", "宗地").containsEntry("sign_in_event", "登录失败与锁定")
                .containsEntry("app_user", "用户").containsEntry("enterprise_evaluation", "亩均评价")
                .containsKeys("parcel_event", "parcel_lineage", "parcel_readiness", "parcel_interest", "standard_land",
                        "enterprise", "supply_plan", "supply_batch", "supply_batch_parcel");
        assertThat(titles.keySet()).as("every table the trail holds entries of")
                .containsAll(jdbc.sql("select distinct table_name from audit_log").query(String.class).list());
        for (String table : titles.keySet()) {
            assertThat(api.get("/api/audit?limit=1&table=" + table).status()).as(table).isEqualTo(200);
        }
    }

    @Test
    void badParametersAreNamed() {
        assertProblem("/api/audit?table=users", "table");
        assertProblem("/api/audit?limit=0", "limit");
        assertProblem("/api/audit?offset=-1", "offset");
        assertProblem("/api/audit?from=yesterday", "from");
        assertProblem("/api/audit?from=2025-02-01&to=2025-01-01", "from");
        assertProblem("/api/audit.csv?limit=100001", "limit");
        assertProblem("/api/audit?limit=many", "limit");
        assertProblem("/api/audit.csv?offset=1.5", "offset");
        assertProblem("/api/audit.csv?to=2025-13-01", "to");
    }

    private void assertProblem(String path, String names) {
        Api.Response response = api.get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).as(path).contains(names);
    }
}
