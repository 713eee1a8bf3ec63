package com.landrenew.evaluation;

import com.landrenew.support.Fixtures;

import org.springframework.jdbc.core.simple.JdbcClient;

/** What the renewal-work tests add to support/Fixtures: evaluation results, renewal projects and their parcels. */
final class RenewalFixtures {

    private final JdbcClient jdbc;

    RenewalFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A rated (or, with a null class, unrated) result of an enterprise in a zone and year. */
    void result(String zone, int year, int enterprise, String evaluationClass, Double score, Double taxPerMu,
            Double valueAddedPerMu, double landMu) {
        jdbc.sql("""
                insert into evaluation_result (zone_code, year, enterprise_id, scale_group, land_mu, tax_wan_per_mu,
                                               value_added_wan_per_mu, score, class)
                values (:zone, :year, :enterprise, 'above', :land, :tax, :va, :score, :class)""")
                .param("zone", zone).param("year", year).param("enterprise", enterprise).param("land", landMu)
                .param("tax", taxPerMu).param("va", valueAddedPerMu).param("score", score)
                .param("class", evaluationClass).update();
    }

    int project(String zone, String code) {
        return jdbc.sql("""
                insert into renewal_project (zone_id, code, name, started, deadline, target_enterprises,
                                             target_households, target_mu)
                select id, :code, '更新项目 ' || :code, date '2024-01-01', date '2027-12-31', 5, 0, 100
                from zone where code = :zone returning id""")
                .param("zone", zone).param("code", code).query(Integer.class).single();
    }

    void inProject(int project, long parcel) {
        jdbc.sql("""
                insert into renewal_project_parcel (project_id, parcel_id, added_on, added_by)
                values (:project, :parcel, date '2024-06-01', 'test')""")
                .param("project", project).param("parcel", parcel).update();
    }

    /** Supplied land whose contracted construction start passed more than a year ago: idle. */
    void idle(Fixtures fixtures, long parcel) {
        fixtures.walk(parcel, "2020-03-01", "vacating", "vacated", "stored", "prepared", "supplied");
        jdbc.sql("update parcel_all set construction_due = date '2021-01-01' where id = :id").param("id", parcel).update();
    }

    /** Walks a parcel in use to in production along the ledger's legal path, then gives it to {@code holder}. */
    void inProduction(Fixtures fixtures, long parcel, int holder) {
        fixtures.walk(parcel, "2019-03-01", "vacating", "vacated", "stored", "prepared", "supplied",
                "under_construction", "completed", "in_production");
        jdbc.sql("update parcel_all set enterprise_id = :holder where id = :id").param("holder", holder)
                .param("id", parcel).update();
    }

    long eventCount(long parcel) {
        return jdbc.sql("select count(*) from parcel_event where parcel_id = :id").param("id", parcel)
                .query(Long.class).single();
    }

    /** The official mu of some parcels of a zone, by an independent ST_Area in EPSG:4549. */
    double mu(String zone, String... codes) {
        return jdbc.sql("""
                select coalesce(sum(ST_Area(ST_Transform(p.geom, 4549))), 0) * 15 / 10000
                from parcel p join zone z on z.id = p.zone_id
                where z.code = :zone and p.code = any(:codes)""")
                .param("zone", zone).param("codes", codes).query(Double.class).single();
    }
}
