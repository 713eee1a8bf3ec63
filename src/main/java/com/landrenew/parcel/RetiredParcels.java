package com.landrenew.parcel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.landrenew.web.ConflictException;
import com.landrenew.web.GoneException;
import com.landrenew.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The answer for a parcel that is not current: one a split or merge retired is named with the parcels
 * that replaced it (410 to a read, 409 to a change), any other is unknown (404). Retired parcels stay in
 * parcel_all as history; the view {@code parcel} no longer shows them.
 */
@Component
public class RetiredParcels {

    /** A retired parcel: when, by which operation, and the parcels that replaced it. */
    record Retired(String code, LocalDate retiredOn, String operation, List<String> children) {

        String sentence(String zone) {
            return "parcel " + zone + "/" + code + " was " + (operation.equals("split") ? "split" : "merged") + " on "
                    + retiredOn + " into " + String.join(", ", children);
        }

        Map<String, Object> details() {
            return Map.of("retiredOn", retiredOn.toString(), "operation", operation, "children", children);
        }
    }

    private static final String RETIRED = """
            select p.code, p.retired_on,
                   coalesce(min(l.operation), 'split') as operation,
                   coalesce(array_agg(c.code order by c.code) filter (where c.code is not null), '{}') as children
            from parcel_all p
            join zone z on z.id = p.zone_id
            left join parcel_lineage l on l.parent_id = p.id
            left join parcel_all c on c.id = l.child_id
            where z.code = :zone and p.code = :code and p.retired_on is not null
            group by p.id
            """;

    private final JdbcClient jdbc;

    RetiredParcels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Retired> find(String zone, String code) {
        return jdbc.sql(RETIRED).param("zone", zone).param("code", code)
                .query((rs, i) -> new Retired(rs.getString("code"), rs.getObject("retired_on", LocalDate.class),
                        rs.getString("operation"), List.of((String[]) rs.getArray("children").getArray())))
                .optional();
    }

    /** For a change of a parcel the current parcels do not hold: 409 naming its successors, or 404. */
    public RuntimeException cannotChange(String zone, String code) {
        return find(zone, code).<RuntimeException>map(r -> new ConflictException(r.sentence(zone)
                        + "; a retired parcel is kept as history and cannot be changed: change those instead", r.details()))
                .orElseGet(() -> unknown(zone, code));
    }

    /** For a read of a parcel the current parcels do not hold: 410 naming its successors, or 404. */
    public RuntimeException gone(String zone, String code) {
        return find(zone, code).<RuntimeException>map(r -> new GoneException(r.sentence(zone)
                        + "; its ledger and lineage stay readable (/history, /lineage)", r.details()))
                .orElseGet(() -> unknown(zone, code));
    }

    private static NotFoundException unknown(String zone, String code) {
        return new NotFoundException("no parcel '" + code + "' in zone '" + zone + "'");
    }
}
