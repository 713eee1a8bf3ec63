package com.landrenew.parcel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.landrenew.security.Viewer;
import com.landrenew.web.ConflictException;
import com.landrenew.web.ForbiddenException;
import com.landrenew.web.GoneException;
import com.landrenew.web.NotFoundException;
import com.landrenew.web.ProblemException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one way into a parcel named by zone and code: every endpoint about one parcel finds it here, once,
 * and reads or writes it by id afterwards. When the caller may not have it, the answer says what they may
 * know:
 * <ul>
 * <li>a visitor sees available land only; any other parcel is 404 as a missing one is, so codes cannot
 * be probed;
 * <li>a parcel a split or merge retired is 410 to a read of current land and 409 to a change, naming the
 * parcels that replaced it; its ledger and lineage stay readable ({@link #record});
 * <li>the full record (ledger, figures) is for staff and the enterprise holding the parcel, else 403.
 * </ul>
 */
@Component
public class ParcelLookup {

    /** A parcel found: {@code retired} once a split or merge replaced it (then it is kept as history). */
    public record Found(long id, String code, String state, boolean retired) {
    }

    private record Seen(long id, String code, String state, boolean retired, Integer holder, boolean visible) {

        Found found() {
            return new Found(id, code, state, retired);
        }
    }

    /** A retired parcel: when, by which operation, and the parcels that replaced it. */
    private record Retired(LocalDate retiredOn, String operation, List<String> children) {
    }

    private static final String SEEN = """
            select p.id, p.code, p.state, p.retired_on is not null as retired, p.enterprise_id as holder,
                   %s as visible
            from parcel_all p join zone z on z.id = p.zone_id
            where z.code = :zone and p.code = :code
            """.formatted(Viewer.SEES_PARCEL);

    /**
     * Current parcels, locked until the transaction ends so that two planners cannot change one at once;
     * in id order, so that two changes of several parcels each cannot deadlock. Only planners change
     * parcels (SecurityConfig), and they see every parcel.
     */
    private static final String LOCK = """
            select p.id, p.code, p.state, false as retired
            from parcel p join zone z on z.id = p.zone_id
            where z.code = :zone and p.code = any(cast(:codes as text[]))
            order by p.id
            for update of p
            """;

    private static final String RETIRED = """
            select p.retired_on,
                   coalesce(min(l.operation), 'retired') as operation,
                   coalesce(array_agg(c.code order by c.code) filter (where c.code is not null), '{}') as children
            from parcel_all p
            join zone z on z.id = p.zone_id
            left join parcel_lineage l on l.parent_id = p.id
            left join parcel_all c on c.id = l.child_id
            where z.code = :zone and p.code = :code and p.retired_on is not null
            group by p.id
            """;

    private final JdbcClient jdbc;

    ParcelLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A current parcel the viewer may see, for a read of current land; else 404, or 410 if retired. */
    public Found current(String zone, String code) {
        Seen seen = seen(zone, code);
        if (seen.retired()) {
            throw gone(zone, code);
        }
        return seen.found();
    }

    /** A parcel, current or retired, the viewer may see, for its lineage; else 404. */
    public Found record(String zone, String code) {
        return seen(zone, code).found();
    }

    /** As {@link #record}, for its ledger: 403 unless the viewer is staff or the parcel's holder. */
    public Found fullRecord(String zone, String code) {
        Seen seen = seen(zone, code);
        Viewer viewer = Viewer.current();
        if (!viewer.seesInFull(seen.holder())) {
            throw new ForbiddenException("宗地 " + zone + "/" + code + " 不属于 " + viewer.username()
                    + " 的企业：其台账仅供规划、审计人员和使用权人查看。Parcel " + zone + "/" + code + " is not "
                    + viewer.username() + "'s enterprise's; its ledger is for planners, auditors and its holder.");
        }
        return seen.found();
    }

    /** A current parcel, locked for a change until the transaction ends; else 404, or 409 if retired. */
    public Found toChange(String zone, String code) {
        return toChange(zone, List.of(code)).get(0);
    }

    /** Current parcels, locked in id order for a change of them all; else as {@link #toChange(String, String)}. */
    public List<Found> toChange(String zone, List<String> codes) {
        List<Found> locked = jdbc.sql(LOCK).param("zone", zone).param("codes", codes.toArray(String[]::new))
                .query(Found.class).list();
        for (String code : codes) {
            if (locked.stream().noneMatch(p -> p.code().equals(code))) {
                throw cannotChange(zone, code);
            }
        }
        return locked;
    }

    private Seen seen(String zone, String code) {
        return Viewer.current().bind(jdbc.sql(SEEN)).param("zone", zone).param("code", code).query(Seen.class)
                .optional().filter(Seen::visible).orElseThrow(() -> notFound(zone, code));
    }

    /** 410 naming the parcels that replaced it. */
    private ProblemException gone(String zone, String code) {
        Retired r = retired(zone, code).orElseThrow();
        return new GoneException(retiredZh(zone, code, r) + "；其台账和沿革仍可查阅（/history、/lineage）。"
                + retiredEn(zone, code, r) + "; its ledger and lineage stay readable (/history, /lineage).", details(r));
    }

    /** 409 naming the parcels that replaced it, or 404 for a parcel that never was. */
    private RuntimeException cannotChange(String zone, String code) {
        return retired(zone, code).<RuntimeException>map(r -> new ConflictException(retiredZh(zone, code, r)
                + "，作为历史保留，不能再变更：请变更接替它的宗地。" + retiredEn(zone, code, r)
                + "; a retired parcel is kept as history and cannot be changed: change those instead.", details(r)))
                .orElseGet(() -> notFound(zone, code));
    }

    private Optional<Retired> retired(String zone, String code) {
        return jdbc.sql(RETIRED).param("zone", zone).param("code", code)
                .query((rs, i) -> new Retired(rs.getObject("retired_on", LocalDate.class), rs.getString("operation"),
                        List.of((String[]) rs.getArray("children").getArray())))
                .optional();
    }

    private static String retiredZh(String zone, String code, Retired r) {
        if (r.children().isEmpty()) {   // retired without successors (ParcelWrites.retire)
            return "宗地 " + zone + "/" + code + " 已于 " + r.retiredOn() + " 注销";
        }
        return "宗地 " + zone + "/" + code + " 已于 " + r.retiredOn() + (r.operation().equals("split") ? " 分宗为 " : " 合宗为 ")
                + String.join("、", r.children());
    }

    private static String retiredEn(String zone, String code, Retired r) {
        if (r.children().isEmpty()) {
            return "Parcel " + zone + "/" + code + " was retired on " + r.retiredOn();
        }
        return "Parcel " + zone + "/" + code + " was " + (r.operation().equals("split") ? "split" : "merged") + " on "
                + r.retiredOn() + " into " + String.join(", ", r.children());
    }

    private static Map<String, Object> details(Retired r) {
        return Map.of("retiredOn", r.retiredOn().toString(), "operation", r.operation(), "children", r.children());
    }

    /** 404 naming the parcel; a visitor is told that signing in shows more than available land. */
    private static NotFoundException notFound(String zone, String code) {
        if (Viewer.current().isAnonymous()) {
            return new NotFoundException("宗地 " + code + " 不在开发区 " + zone + " 的可供应土地中（登录后可查看全部宗地）。"
                    + "No parcel '" + code + "' in zone '" + zone + "' among available land (sign in to see all parcels).");
        }
        return new NotFoundException("宗地 " + code + " 不在开发区 " + zone + " 中。No parcel '" + code + "' in zone '"
                + zone + "'.");
    }
}
