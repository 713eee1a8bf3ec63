package com.landrenew.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants the application's login what it needs and nothing more, after every migration, as the owner
 * who migrated: so a table a later migration adds is granted too, and a grant given by hand is taken
 * back. The login reads every table and writes rows; it cannot alter or truncate tables, disable
 * triggers or change who owns what, so the ledger's and the trail's triggers hold against it.
 * Exceptions below. Only the migrations' own objects are granted: PostGIS's (made by a superuser on
 * other servers) are every role's to read and call already. docs/operations.md "Database roles" lists the same.
 */
final class AppLoginGrants implements Callback {

    private static final Logger log = LoggerFactory.getLogger(AppLoginGrants.class);

    /** Filled by the migrations, or written only by triggers that run as the owner (V13): read only. */
    private static final Set<String> READ_ONLY = Set.of("life_cycle_state", "life_cycle_transition", "land_use",
            "land_use_legacy", "readiness_fact_kind", "emission_standard", "basemap_kind", "audit_log", "parcel_stats",
            "holder_land",
            "audited_table");
    /** The append-only ledgers: rows are added, never changed. */
    private static final Set<String> APPEND_ONLY = Set.of("parcel_event", "parcel_lineage", "sign_in_event");

    /**
     * Tables, views and sequences, then functions, of schema public that the migrating login owns, not an extension's.
     * The names are text: as {@code name} (the type of relname) a function's signature would be cut at 63 characters.
     */
    private static final String OWN_OBJECTS = """
            select case c.relkind when 'S' then 'sequence' else 'table' end as kind, c.relname::text as name
            from pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
              and pg_has_role(c.relowner, 'USAGE')
              and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
            union all
            select 'function', p.oid::regprocedure::text
            from pg_proc p
            where p.pronamespace = 'public'::regnamespace and pg_has_role(p.proowner, 'USAGE')
              and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
            """;

    private final String appLogin;

    AppLoginGrants(String appLogin) {
        this.appLogin = appLogin;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection owner = context.getConnection();
        try {
            if (owner.getMetaData().getUserName().equals(appLogin)) {
                // One login for both (no spring.flyway.user): nothing to grant; AppLoginCheck warns.
                return;
            }
            List<String> grants = new ArrayList<>(List.of("grant usage on schema public to " + quoted(appLogin)));
            try (Statement statement = owner.createStatement(); ResultSet objects = statement.executeQuery(OWN_OBJECTS)) {
                while (objects.next()) {
                    grants.addAll(grants(objects.getString("kind"), objects.getString("name"),
                            context.getConfiguration().getTable()));
                }
            }
            try (Statement statement = owner.createStatement()) {
                statement.execute(String.join(";\n", grants));
            }
            log.info("Granted the application's database login {} its rows (docs/operations.md: Database roles)", appLogin);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the application's database login " + appLogin
                    + " its privileges (does the role exist? docs/operations.md: Database roles): " + e.getMessage(), e);
        }
    }

    /** The statements that give the login its privileges on one object, after taking back any others. */
    private List<String> grants(String kind, String name, String historyTable) {
        String to = " to " + quoted(appLogin);
        if (kind.equals("function")) {
            return List.of("grant execute on function " + name + to);   // regprocedure text: quoted already
        }
        String object = kind + " " + quoted(name);
        String privileges;
        if (kind.equals("sequence")) {
            privileges = "usage, select";
        } else if (name.equals(historyTable)) {
            privileges = null;   // Flyway's
        } else if (READ_ONLY.contains(name)) {
            privileges = "select";
        } else if (APPEND_ONLY.contains(name)) {
            privileges = "select, insert";
        } else {
            privileges = "select, insert, update, delete";
        }
        String revoke = "revoke all on " + object + " from " + quoted(appLogin);
        return privileges == null ? List.of(revoke) : List.of(revoke, "grant " + privileges + " on " + object + to);
    }

    @Override
    public String getCallbackName() {
        return "app login grants";
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
