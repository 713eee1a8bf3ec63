package com.landrenew.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is looking: a signed-in user with a role (and, for enterprise users, their enterprise), or an
 * anonymous visitor. Queries that answer parcels bind it ({@link #bind}) and use {@link #SEES_PARCEL}
 * and {@link #SEES_FIGURES}, so what a viewer may not see never leaves the database.
 */
public record Viewer(String username, String displayName, Role role, Integer enterpriseId) {

    public static final Viewer ANONYMOUS = new Viewer(null, null, null, null);

    /**
     * SQL, for a parcel aliased {@code p}: may the viewer see it at all? Visitors see available land only
     * (the view available_land: stored, prepared or in an approved supply plan); users see every parcel.
     */
    public static final String SEES_PARCEL =
            "(not :viewerIsAnonymous or exists (select 1 from available_land al where al.parcel_id = p.id))";

    /**
     * SQL, for a parcel aliased {@code p}: may the viewer see its holder's per-mu tax, output and energy
     * figures? Staff see all; an enterprise user only its own.
     */
    public static final String SEES_FIGURES = "(:viewerIsStaff or p.enterprise_id = :viewerEnterprise)";

    /** The viewer of the current request (anonymous outside one or before sign-in). */
    public static Viewer current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            return user.viewer();
        }
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return role == null;
    }

    public boolean isStaff() {
        return role != null && role.isStaff();
    }

    /** May the viewer see the full record (ledger, figures) of a parcel held by {@code holder}? */
    public boolean seesInFull(Integer holder) {
        return isStaff() || (enterpriseId != null && enterpriseId.equals(holder));
    }

    /** Binds the parameters {@link #SEES_PARCEL} and {@link #SEES_FIGURES} use. */
    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        return statement.param("viewerIsAnonymous", isAnonymous()).param("viewerIsStaff", isStaff())
                .param("viewerEnterprise", enterpriseId);
    }
}
