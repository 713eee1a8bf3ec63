package com.landrenew.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** 一企一策 plans (enterprise_plan) and the parcels renewal projects take on (renewal_project_parcel). */
@Repository
class PlanRepository {

    /**
     * Plans with the holder's class that year and the next year's figures. A target is met when the next
     * year's figure reaches it; a missing figure misses it; a plan without targets has nothing to meet.
     */
    private static final String PLANS = """
            select pl.id, z.code as zone, pl.evaluation_year, e.credit_code, e.name as enterprise, pl.kind, pl.due,
                   pl.target_tax_wan_per_mu, pl.target_value_added_wan_per_mu, pl.note, rp.code as project,
                   r.class as evaluation_class,
                   (select coalesce(sum(to_mu(ST_Area(p.geom))), 0) from parcel p
                    where p.enterprise_id = pl.enterprise_id and p.zone_id = pl.zone_id) as land_mu,
                   nx.year as next_year, nx.class as next_class, nx.tax_wan_per_mu as next_tax,
                   nx.value_added_wan_per_mu as next_value_added,
                   case when nx.year is null
                          or (pl.target_tax_wan_per_mu is null and pl.target_value_added_wan_per_mu is null) then null
                        else coalesce(nx.tax_wan_per_mu >= pl.target_tax_wan_per_mu, pl.target_tax_wan_per_mu is null)
                         and coalesce(nx.value_added_wan_per_mu >= pl.target_value_added_wan_per_mu,
                                      pl.target_value_added_wan_per_mu is null)
                   end as target_met
            from enterprise_plan pl
            join zone z on z.id = pl.zone_id
            join enterprise e on e.id = pl.enterprise_id
            left join renewal_project rp on rp.id = pl.project_id
            left join evaluation_result r
                   on r.zone_code = z.code and r.year = pl.evaluation_year and r.enterprise_id = pl.enterprise_id
            left join evaluation_result nx
                   on nx.zone_code = z.code and nx.year = pl.evaluation_year + 1 and nx.enterprise_id = pl.enterprise_id
            where z.id = :zone and (cast(:year as int) is null or pl.evaluation_year = :year)
              and (cast(:id as int) is null or pl.id = :id)
            order by pl.evaluation_year, e.name, pl.id
            """;

    /** The enterprise's current parcels in the zone join the project (those in it already stay as they are). */
    private static final String ADD_LAND_TO_PROJECT = """
            insert into renewal_project_parcel (project_id, parcel_id, added_on, added_by)
            select :project, p.id, :today, :actor
            from parcel p
            where p.zone_id = :zone and p.enterprise_id = :enterprise
            on conflict do nothing
            """;

    private final JdbcClient jdbc;

    PlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Plan> plans(int zone, Integer year) {
        return jdbc.sql(PLANS).param("zone", zone).param("year", year).param("id", null).query(PlanRepository::plan).list();
    }

    Optional<Plan> plan(int zone, int id) {
        return jdbc.sql(PLANS).param("zone", zone).param("year", null).param("id", id).query(PlanRepository::plan).optional();
    }

    /** The zone a plan belongs to, or empty when there is no such plan. */
    Optional<Integer> zoneOf(int id) {
        return jdbc.sql("select zone_id from enterprise_plan where id = :id").param("id", id).query(Integer.class).optional();
    }

    Optional<Integer> enterprise(String creditCode) {
        return jdbc.sql("select id from enterprise where credit_code = :code").param("code", creditCode)
                .query(Integer.class).optional();
    }

    Optional<Integer> project(int zone, String code) {
        return jdbc.sql("select id from renewal_project where zone_id = :zone and code = :code")
                .param("zone", zone).param("code", code).query(Integer.class).optional();
    }

    List<String> projectsOf(int zone) {
        return jdbc.sql("select code from renewal_project where zone_id = :zone order by code").param("zone", zone)
                .query(String.class).list();
    }

    boolean exists(int enterprise, int zone, int year, Integer except) {
        return jdbc.sql("""
                select exists (select 1 from enterprise_plan where enterprise_id = :enterprise and zone_id = :zone
                               and evaluation_year = :year and (cast(:except as int) is null or id <> :except))""")
                .param("enterprise", enterprise).param("zone", zone).param("year", year).param("except", except)
                .query(Boolean.class).single();
    }

    int insert(int enterprise, int zone, int year, PlanRequest r, Integer project, String actor) {
        return jdbc.sql("""
                insert into enterprise_plan (enterprise_id, zone_id, evaluation_year, kind, due, target_tax_wan_per_mu,
                                             target_value_added_wan_per_mu, note, project_id, created_by)
                values (:enterprise, :zone, :year, :kind, :due, :tax, :va, :note, :project, :actor)
                returning id""")
                .param("enterprise", enterprise).param("zone", zone).param("year", year).param("kind", r.kind())
                .param("due", r.due()).param("tax", r.targetTaxWanPerMu()).param("va", r.targetValueAddedWanPerMu())
                .param("note", r.note() == null ? "" : r.note().strip()).param("project", project).param("actor", actor)
                .query(Integer.class).single();
    }

    void update(int id, int enterprise, int year, PlanRequest r, Integer project) {
        jdbc.sql("""
                update enterprise_plan set enterprise_id = :enterprise, evaluation_year = :year, kind = :kind, due = :due,
                       target_tax_wan_per_mu = :tax, target_value_added_wan_per_mu = :va, note = :note, project_id = :project
                where id = :id""")
                .param("id", id).param("enterprise", enterprise).param("year", year).param("kind", r.kind())
                .param("due", r.due()).param("tax", r.targetTaxWanPerMu()).param("va", r.targetValueAddedWanPerMu())
                .param("note", r.note() == null ? "" : r.note().strip()).param("project", project).update();
    }

    void delete(int id) {
        jdbc.sql("delete from enterprise_plan where id = :id").param("id", id).update();
    }

    int addLandToProject(int project, int zone, int enterprise, LocalDate today, String actor) {
        return jdbc.sql(ADD_LAND_TO_PROJECT).param("project", project).param("zone", zone).param("enterprise", enterprise)
                .param("today", today).param("actor", actor).update();
    }

    private static Plan plan(ResultSet rs, int i) throws SQLException {
        String kind = rs.getString("kind");
        Integer nextYear = (Integer) rs.getObject("next_year", Integer.class);
        return new Plan(rs.getInt("id"), rs.getString("zone"), rs.getInt("evaluation_year"), rs.getString("credit_code"),
                rs.getString("enterprise"), kind, Plan.kindName(kind), rs.getObject("due", LocalDate.class),
                Numbers.nullable(rs, "target_tax_wan_per_mu"), Numbers.nullable(rs, "target_value_added_wan_per_mu"),
                rs.getString("note"), rs.getString("project"), rs.getString("evaluation_class"), rs.getDouble("land_mu"),
                new Plan.Next(nextYear, rs.getString("next_class"), Numbers.nullable(rs, "next_tax"),
                        Numbers.nullable(rs, "next_value_added")),
                (Boolean) rs.getObject("target_met", Boolean.class));
    }
}
