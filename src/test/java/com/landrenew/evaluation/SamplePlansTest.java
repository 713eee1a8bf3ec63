package com.landrenew.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sample's 一企一策 plans (gis-data/sample/enterprise-plans.json) as the loader stored them: every plan of the
 * file, each for a firm rated D in 2024, the four kinds in Anji, and each plan's verdict on its target the one
 * the 2025 figures give, worked out here from the figures and an independent ST_Area of the firm's land.
 */
@LandRenewTest
class SamplePlansTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSamplesPlansAreLoadedAndNextYearsFiguresGiveTheirVerdicts() throws Exception {
        JsonNode file = new ObjectMapper().readTree(Files.readString(Path.of("gis-data", "sample", "enterprise-plans.json")));
        assertThat(file.size()).isGreaterThanOrEqualTo(6);
        Api auditor = new Api(port).as(TestUsers.AUDITOR);
        List<JsonNode> loaded = new ArrayList<>();
        for (String zone : List.of("anji", "xiaoshan")) {
            auditor.json("/api/evaluations/plans?zone=" + zone + "&year=2024").forEach(loaded::add);
        }
        assertThat(loaded).extracting(p -> p.path("creditCode").asString() + " " + p.path("kind").asString())
                .containsExactlyInAnyOrderElementsOf(file.valueStream()
                        .map(p -> p.path("credit_code").asString() + " " + p.path("kind").asString()).toList());
        assertThat(loaded.stream().filter(p -> p.path("zone").asString().equals("anji")).map(p -> p.path("kind").asString()))
                .containsExactlyInAnyOrder("improve", "merge", "relocate", "close");

        Set<Boolean> verdicts = new HashSet<>();
        for (JsonNode plan : loaded) {
            String code = plan.path("creditCode").asString();
            assertThat(plan.path("evaluationClass").asString()).as(code).isEqualTo("D");
            assertThat(plan.path("due").asString()).as(code).startsWith("2025-");
            JsonNode target = plan.path("targetTaxWanPerMu");
            if (target.isNull()) {
                assertThat(plan.path("targetMet").isNull()).as(code + ": no target, nothing to meet").isTrue();
                continue;
            }
            double nextTaxPerMu = jdbc.sql("""
                    select f.tax_wan / (select sum(ST_Area(ST_Transform(p.geom, 4549))) * 15 / 10000
                                        from parcel p join zone z on z.id = p.zone_id
                                        where p.enterprise_id = e.id and z.code = :zone)
                    from enterprise e join enterprise_evaluation f on f.enterprise_id = e.id and f.year = 2025
                    where e.credit_code = :code""")
                    .param("zone", plan.path("zone").asString()).param("code", code).query(Double.class).single();
            boolean met = nextTaxPerMu >= target.asDouble();
            assertThat(plan.path("targetMet").asBoolean()).as(code + ": 2025 tax per mu " + nextTaxPerMu + " against "
                    + target.asDouble()).isEqualTo(met);
            assertThat(plan.path("next").path("year").asInt()).isEqualTo(2025);
            verdicts.add(met);
        }
        assertThat(verdicts).as("the demo shows a target met and one missed").containsExactlyInAnyOrder(true, false);

        // The plan to relocate takes the firm's land into the renewal project, as a planner's plan does.
        JsonNode relocate = loaded.stream().filter(p -> p.path("kind").asString().equals("relocate")).findFirst().orElseThrow();
        assertThat(relocate.path("project").asString()).isEqualTo("anji-2023-renewal");
        assertThat(jdbc.sql("""
                select count(*) = count(rp.parcel_id) and count(*) > 0
                from parcel p join zone z on z.id = p.zone_id join enterprise e on e.id = p.enterprise_id
                left join renewal_project_parcel rp on rp.parcel_id = p.id
                     and rp.project_id = (select id from renewal_project where code = 'anji-2023-renewal')
                where z.code = 'anji' and e.credit_code = :code""")
                .param("code", relocate.path("creditCode").asString()).query(Boolean.class).single()).isTrue();
    }
}
