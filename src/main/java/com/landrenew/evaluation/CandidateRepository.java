package com.landrenew.evaluation;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Finds renewal candidates in PostGIS: one pass over the zone's parcels, joined to the year's results. */
@Repository
class CandidateRepository {

    /**
     * The zone's current parcels with why each is a candidate. Rated land counts only while the parcel
     * is in use or in production (the states low-efficiency land is marked from); idle land is supplied
     * land by definition. A parcel already in a renewal project (renewal_project_parcel) is work under
     * way, not a candidate.
     */
    private static final String CANDIDATES = """
            with z as (
              select id, code from zone where code = :zone
            ), rated as (
              select r.enterprise_id, r.class, r.score, r.tax_wan_per_mu,
                     r.tax_wan_per_mu < cast(:floor as numeric) as below_floor
              from evaluation_result r
              where r.zone_code = :zone and r.year = :year
            ), found as (
              select p.code, p.state, b.code as block, b.name as block_name, to_mu(ST_Area(p.geom)) as mu,
                     e.credit_code, e.name as enterprise, r.class, r.score, r.tax_wan_per_mu,
                     array_remove(array[
                       case when p.state in ('in_use', 'in_production') and r.class = 'D' then 'class_d' end,
                       case when p.state in ('in_use', 'in_production') and r.class = 'C' and :withC then 'class_c' end,
                       case when p.state in ('in_use', 'in_production') and r.below_floor then 'below_floor' end,
                       case when coalesce(is_idle(p.state, p.construction_due, cast(:today as date)), false) then 'idle' end
                     ], null) as reasons
              from z
              join parcel p on p.zone_id = z.id
              left join block b on b.id = p.block_id
              left join rated r on r.enterprise_id = p.enterprise_id
              left join enterprise e on e.id = p.enterprise_id
              where (p.state in ('in_use', 'in_production', 'supplied'))
                and not exists (select 1 from renewal_project_parcel rp where rp.parcel_id = p.id)
            )
            select * from found where cardinality(reasons) > 0
            order by block nulls last, code
            """;

    private final JdbcClient jdbc;

    CandidateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A flat list, ordered by block (parcels outside every block last) and code. */
    List<Row> find(String zone, int year, boolean withC, Double floor, LocalDate today) {
        return jdbc.sql(CANDIDATES).param("zone", zone).param("year", year).param("withC", withC)
                .param("floor", floor).param("today", today)
                .query((rs, i) -> new Row(rs.getString("block"), rs.getString("block_name"),
                        new Candidates.Parcel(rs.getString("code"), rs.getString("state"), rs.getDouble("mu"),
                                rs.getString("credit_code"), rs.getString("enterprise"), rs.getString("class"),
                                Numbers.nullable(rs, "score"),
                                Numbers.nullable(rs, "tax_wan_per_mu"),
                                Arrays.asList((String[]) rs.getArray("reasons").getArray()))))
                .list();
    }

    record Row(String block, String blockName, Candidates.Parcel parcel) {
    }
}
