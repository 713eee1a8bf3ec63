package com.landrenew.parcel;

import com.landrenew.security.Viewer;
import com.landrenew.web.ForbiddenException;
import com.landrenew.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The checks endpoints about one parcel make before answering: may the current viewer see the parcel
 * (visitors: available land only), and its full record (ledger, figures: staff and its own enterprise)?
 * A parcel a visitor may not see answers 404 as a missing one does, so codes cannot be probed.
 */
@Component
public class ParcelAccess {

    private record Seen(boolean visible, Integer holder) {
    }

    private static final String SEEN = """
            select %s as visible, p.enterprise_id as holder
            from parcel_all p join zone z on z.id = p.zone_id   -- a retired parcel's ledger stays readable
            where z.code = :zone and p.code = :code
            """.formatted(Viewer.SEES_PARCEL);

    private final JdbcClient jdbc;

    ParcelAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws 404 unless the parcel exists and the viewer may see it. */
    public void checkVisible(String zone, String code) {
        seen(zone, code);
    }

    /** Throws 404 as {@link #checkVisible} does, and 403 when the viewer may see only its public fields. */
    public void checkFullRecord(String zone, String code) {
        Seen seen = seen(zone, code);
        Viewer viewer = Viewer.current();
        if (!viewer.seesInFull(seen.holder())) {
            throw new ForbiddenException("parcel " + zone + "/" + code + " is not " + viewer.username()
                    + "'s enterprise's; its ledger is for planners, auditors and its holder");
        }
    }

    private Seen seen(String zone, String code) {
        Seen seen = Viewer.current().bind(jdbc.sql(SEEN)).param("zone", zone).param("code", code)
                .query(Seen.class).optional().orElse(null);
        if (seen == null || !seen.visible()) {
            throw notFound(zone, code);
        }
        return seen;
    }

    /** 404 naming the parcel; a visitor is told that signing in shows more than available land. */
    public static NotFoundException notFound(String zone, String code) {
        return new NotFoundException("no parcel '" + code + "' in zone '" + zone + "'"
                + (Viewer.current().isAnonymous() ? " among available land (sign in to see all parcels)" : ""));
    }
}
