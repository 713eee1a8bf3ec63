package com.landrenew.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.landrenew.support.LandRenewTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sample's schemes (gis-data/sample/evaluation-schemes.json) and the results the loader computes from
 * them: both zones rated in 2024 and 2025, and the holders of low-efficiency land (as the sample was
 * loaded: parcels no test has changed) come out C or D.
 */
@LandRenewTest
class EvaluationSampleTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void bothZonesAreRatedForBothYearsUnderTheirSchemes() {
        List<Map<String, Object>> rated = jdbc.sql("""
                select zone_code || ' ' || year as zy, count(score) as rated, count(*) filter (where class = 'D') as d
                from evaluation_result where zone_code in ('anji', 'xiaoshan')
                group by zone_code, year order by 1""").query().listOfRows();
        assertThat(rated).extracting(r -> r.get("zy")).containsExactly("anji 2024", "anji 2025", "xiaoshan 2024", "xiaoshan 2025");
        assertThat(rated).allSatisfy(r -> assertThat((Long) r.get("rated")).isGreaterThan(100));
        assertThat(rated).allSatisfy(r -> assertThat((Long) r.get("d")).isPositive());
        assertThat(jdbc.sql("""
                select count(*) from evaluation_result
                where zone_code = 'anji' and year = 2025 and score is not null and class_last_year is null""")
                .query(Integer.class).single()).as("2025 shows the class of 2024").isLessThan(5);
        assertThat(jdbc.sql("select sum(weight) from evaluation_scheme_indicator si join evaluation_scheme s on s.id = si.scheme_id "
                + "join zone z on z.id = s.zone_id where z.code = 'anji' and s.year = 2025 and si.enabled")
                .query(Integer.class).single()).isEqualTo(100);
    }

    @Test
    void holdersOfLowEfficiencyLandComeOutCOrD() {
        List<Map<String, Object>> low = jdbc.sql("""
                select r.zone_code, e.credit_code, r.class
                from evaluation_result r join enterprise e on e.id = r.enterprise_id
                where r.year = 2025 and r.zone_code in ('anji', 'xiaoshan') and r.class is not null
                  and exists (select 1 from parcel p join zone z on z.id = p.zone_id
                              where p.enterprise_id = r.enterprise_id and z.code = r.zone_code and p.state = 'low_efficiency'
                                and not exists (select 1 from audit_log a where a.parcel = z.code || '/' || p.code))""")
                .query().listOfRows();
        assertThat(low).hasSizeGreaterThan(20);
        assertThat(low).allSatisfy(r -> assertThat(r.get("class")).as(r.toString()).isIn("C", "D"));
    }
}
