package com.landrenew.interest;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Registered interests in parcels (parcel_interest). A parcel's interests include those registered on
 * the parcels it was split or merged from (parcel_and_ancestors, V12), named by the parcel they were
 * registered on.
 */
@Repository
class InterestRepository {

    private static final String INTEREST_COLUMNS = """
            select i.id, z.code as zone, p.code as parcel, i.enterprise_name, i.credit_code, i.contact, i.need,
                   i.registered_at
            from parcel_interest i
            join parcel_all p on p.id = i.parcel_id
            join zone z on z.id = p.zone_id
            """;

    /** The enterprise an enterprise user acts for. */
    record Enterprise(String name, String creditCode) {
    }

    private final JdbcClient jdbc;

    InterestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Enterprise enterprise(int id) {
        return jdbc.sql("select name, credit_code from enterprise where id = :id").param("id", id)
                .query(Enterprise.class).single();
    }

    Interest insert(long parcel, InterestRequest request) {
        long id = jdbc.sql("""
                insert into parcel_interest (parcel_id, enterprise_name, credit_code, contact, need)
                values (:parcel, :name, :creditCode, :contact, :need)
                returning id""")
                .param("parcel", parcel).param("name", request.enterpriseName()).param("creditCode", request.creditCode())
                .param("contact", request.contact()).param("need", request.need())
                .query(Long.class).single();
        return jdbc.sql(INTEREST_COLUMNS + "where i.id = :id").param("id", id).query(Interest.class).single();
    }

    /** Newest first. */
    List<Interest> ofParcel(long parcel) {
        return jdbc.sql(INTEREST_COLUMNS + "where i.parcel_id in (select parcel_and_ancestors(:parcel)) order by i.registered_at desc, i.id desc")
                .param("parcel", parcel).query(Interest.class).list();
    }
}
