package com.landrenew.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.landrenew.support.LandRenewTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The 亩均效益评价 figures of the sample (gis-data/sample/enterprise-evaluations.json) as the database holds
 * them: every row loaded, the view's per-mu figures computed here independently from the file, the story
 * (holders of low-efficiency land rated C or D) and the land area behind each row measured in PostGIS.
 *
 * <p>Other test classes change a few sample parcels (a browser test moves one to low_efficiency). The
 * checks against parcels therefore take the sample as loaded: parcels the audit trail has never seen
 * changed (the loader's own writes are not in the trail) and enterprises no recorded parcel change names.
 */
@LandRenewTest
class EnterpriseEvaluationTest {

    private static final Path FILE = Path.of("gis-data", "sample", "enterprise-evaluations.json");
    private static final BigDecimal M2_PER_MU = new BigDecimal(10000).divide(new BigDecimal(15), 10, RoundingMode.HALF_UP);

    /** Enterprises the trail shows a recorded change of: holding a changed parcel, or named in one's change. */
    private static final String TOUCHED_ENTERPRISES = """
            touched as (
                select p.enterprise_id as id
                from parcel p join zone z on z.id = p.zone_id
                where exists (select 1 from audit_log a where a.parcel = z.code || '/' || p.code)
                union
                select cast(a.before->>'enterprise_id' as int) from audit_log a where a.table_name = 'parcel'
                union
                select cast(a.after->>'enterprise_id' as int) from audit_log a where a.table_name = 'parcel'
            )""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode file;
    /** The file's rows by credit code, then year. */
    private static final Map<String, Map<Integer, JsonNode>> byEnterprise = new LinkedHashMap<>();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @BeforeAll
    static void readFile() throws IOException {
        file = JSON.readTree(Files.readString(FILE));
        for (JsonNode row : file) {
            byEnterprise.computeIfAbsent(row.get("credit_code").asString(), k -> new LinkedHashMap<>())
                    .put(row.get("year").asInt(), row);
        }
    }

    @Test
    void everyRowOfTheFileIsLoadedAndTheViewHasOneRowPerEnterprise() {
        assertThat(file.size()).isGreaterThan(1000);
        // The file's enterprises only: other test classes evaluate enterprises of their own (WhoSeesWhatTest).
        List<String> codes = new ArrayList<>(byEnterprise.keySet());
        assertThat(jdbc.sql("""
                select count(*) from enterprise_evaluation ev join enterprise e on e.id = ev.enterprise_id
                where e.credit_code in (:codes)""").param("codes", codes).query(Integer.class).single())
                .isEqualTo(file.size());
        assertThat(jdbc.sql("select count(*) from enterprise_latest_evaluation where credit_code in (:codes)")
                .param("codes", codes).query(Integer.class).single()).isEqualTo(byEnterprise.size());
        assertThat(jdbc.sql("select distinct year from enterprise_latest_evaluation where credit_code in (:codes)")
                .param("codes", codes).query(Integer.class).list()).containsExactly(2025);
    }

    @Test
    void theViewsPerMuFiguresAreTheFilesTotalsOverItsLand() {
        List<String> codes = new ArrayList<>(byEnterprise.keySet());
        List<String> some = new ArrayList<>(List.of(codes.get(0), codes.get(codes.size() / 3),
                codes.get(codes.size() / 2), codes.get(codes.size() - 1)));
        // and the first rated D and C, whose figures are small
        for (String grade : List.of("D", "C")) {
            byEnterprise.entrySet().stream().filter(e -> e.getValue().get(2025).get("grade").asString().equals(grade))
                    .findFirst().ifPresent(e -> some.add(e.getKey()));
        }
        for (String code : some) {
            JsonNode latest = byEnterprise.get(code).get(2025);
            BigDecimal land = decimal(latest, "land_mu");
            BigDecimal output = decimal(latest, "output_wan");
            Map<String, Object> row = jdbc.sql("""
                    select year, grade, land_mu, tax_wan_per_mu, output_wan_per_mu, energy_tce_per_wan
                    from enterprise_latest_evaluation where credit_code = :code""")
                    .param("code", code).query().singleRow();
            assertThat(row.get("year")).as(code).isEqualTo(2025);
            assertThat(row.get("grade")).as(code).isEqualTo(latest.get("grade").asString());
            assertThat((BigDecimal) row.get("land_mu")).as(code).isEqualByComparingTo(land);
            assertThat((BigDecimal) row.get("tax_wan_per_mu")).as(code)
                    .isEqualByComparingTo(decimal(latest, "tax_wan").divide(land, 2, RoundingMode.HALF_UP));
            assertThat((BigDecimal) row.get("output_wan_per_mu")).as(code)
                    .isEqualByComparingTo(output.divide(land, 2, RoundingMode.HALF_UP));
            assertThat((BigDecimal) row.get("energy_tce_per_wan")).as(code)
                    .isEqualByComparingTo(decimal(latest, "energy_tce").divide(output, 3, RoundingMode.HALF_UP));
        }
    }

    @Test
    void holdersOfLowEfficiencyLandAreGradedCOrDIn2025() {
        List<Map<String, Object>> holders = jdbc.sql("""
                select distinct e.credit_code, ev.grade
                from parcel p
                join zone z on z.id = p.zone_id
                join enterprise e on e.id = p.enterprise_id
                left join enterprise_evaluation ev on ev.enterprise_id = e.id and ev.year = 2025
                where p.state = 'low_efficiency'
                  and not exists (select 1 from audit_log a where a.parcel = z.code || '/' || p.code)
                """).query().listOfRows();
        assertThat(holders).hasSizeGreaterThan(100);
        for (Map<String, Object> holder : holders) {
            assertThat(String.valueOf(holder.get("grade"))).as("2025 grade of " + holder.get("credit_code"))
                    .isIn("C", "D");
        }
    }

    /** land_mu is the official area (ST_Area in EPSG:4549) of the parcels the enterprise holds, in mu. */
    @Test
    void landMuIsTheAreaOfTheParcelsEachEnterpriseHolds() {
        List<Map<String, Object>> rows = jdbc.sql("with " + TOUCHED_ENTERPRISES + """
                , held as (
                    select enterprise_id, sum(ST_Area(geom)) as m2 from parcel
                    where enterprise_id is not null group by enterprise_id
                )
                select e.credit_code, ev.year, ev.land_mu, held.m2
                from enterprise_evaluation ev
                join enterprise e on e.id = ev.enterprise_id
                left join held on held.enterprise_id = ev.enterprise_id
                where ev.enterprise_id not in (select id from touched where id is not null)
                """).query().listOfRows();
        assertThat(rows.size()).as("rows checked").isGreaterThan(file.size() * 9 / 10);
        List<String> mismatches = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            BigDecimal heldMu = row.get("m2") == null ? BigDecimal.ZERO
                    : BigDecimal.valueOf(((Number) row.get("m2")).doubleValue()).divide(M2_PER_MU, 6, RoundingMode.HALF_UP);
            BigDecimal landMu = (BigDecimal) row.get("land_mu");
            if (heldMu.subtract(landMu).abs().compareTo(new BigDecimal("0.01")) > 0) {
                mismatches.add(row.get("credit_code") + "/" + row.get("year") + ": " + landMu + " mu evaluated, "
                        + heldMu + " mu held");
            }
        }
        assertThat(mismatches).isEmpty();

        // The same over all rows in SQL alone, in the database's own units (to_mu).
        Integer sqlMismatches = jdbc.sql("with " + TOUCHED_ENTERPRISES + """
                select count(*) from enterprise_evaluation ev
                where ev.enterprise_id not in (select id from touched where id is not null)
                  and abs(ev.land_mu - coalesce((select to_mu(sum(ST_Area(p.geom))) from parcel p
                                                 where p.enterprise_id = ev.enterprise_id), 0)) > 0.01
                """).query(Integer.class).single();
        assertThat(sqlMismatches).isZero();
    }

    /** Every enterprise that holds sample land as loaded is evaluated for 2024 and 2025, and only they. */
    @Test
    void everyHolderIsEvaluatedForBothYears() {
        Set<String> holders = new HashSet<>(jdbc.sql("with " + TOUCHED_ENTERPRISES + """
                select distinct e.credit_code from parcel p join enterprise e on e.id = p.enterprise_id
                join zone z on z.id = p.zone_id
                where z.code in ('anji', 'xiaoshan') and e.id not in (select id from touched where id is not null)
                """).query(String.class).list());
        assertThat(holders).hasSizeGreaterThan(byEnterprise.size() * 9 / 10);
        assertThat(byEnterprise.keySet()).containsAll(holders);
        for (String code : holders) {
            assertThat(byEnterprise.get(code).keySet()).as(code).containsExactlyInAnyOrder(2024, 2025);
        }
    }

    @Test
    void theDatabaseRefusesGradeEAndNegativeTax() {
        int enterprise = jdbc.sql("select min(enterprise_id) from enterprise_evaluation").query(Integer.class).single();
        assertThatThrownBy(() -> insert(enterprise, "100", "E"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("enterprise_evaluation_grade_check");
        assertThatThrownBy(() -> insert(enterprise, "-1", "B"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("enterprise_evaluation_tax_wan_check");
        assertThat(jdbc.sql("select count(*) from enterprise_evaluation where year = 2099").query(Integer.class).single())
                .isZero();
    }

    @Test
    void aChangeIsRecordedInTheAuditTrail() {
        int enterprise = jdbc.sql("select min(enterprise_id) from enterprise_evaluation").query(Integer.class).single();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("select set_config('landrenew.actor', '亩均评价测试', true)").query(String.class).single();
            insert(enterprise, "250.5", "B");
            List<String> grades = jdbc.sql("""
                    select after->>'grade' from audit_log
                    where table_name = 'enterprise_evaluation' and action = 'insert' and actor = '亩均评价测试'""")
                    .query(String.class).list();
            assertThat(grades).containsExactly("B");
            status.setRollbackOnly();
        });
    }

    private void insert(int enterprise, String tax, String grade) {
        jdbc.sql("""
                insert into enterprise_evaluation (enterprise_id, year, land_mu, tax_wan, output_wan, energy_tce, grade)
                values (:enterprise, 2099, 10, cast(:tax as numeric), 600, 120, :grade)""")
                .param("enterprise", enterprise).param("tax", tax).param("grade", grade).update();
    }

    private static BigDecimal decimal(JsonNode row, String field) {
        return new BigDecimal(row.get(field).toString());
    }
}
