package com.landrenew.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns at start when the application's database login could get around the ledger's and the audit
 * trail's triggers: a superuser, or the owner of the tables (as when spring.flyway.user is not set on
 * an external database and both logins are one). The private server's login is neither.
 */
@Component
class AppLoginCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AppLoginCheck.class);

    /** Owning a table here includes being a member of its owner's role (pg_has_role USAGE: its privileges apply). */
    private static final String POWERS = """
            select current_user as login, r.rolsuper as superuser,
                   exists (select 1 from pg_class c
                           where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'p')
                             and pg_has_role(current_user, c.relowner, 'USAGE')) as owner
            from pg_roles r where r.rolname = current_user
            """;

    private final JdbcClient jdbc;

    AppLoginCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Powers(String login, boolean superuser, boolean owner) {
    }

    @Override
    public void run(ApplicationArguments args) {
        Powers powers = jdbc.sql(POWERS).query(Powers.class).single();
        if (powers.superuser() || powers.owner()) {
            log.warn("The application's database login {} is {}: it can disable the triggers that keep the ledger "
                    + "append-only and the audit trail complete. Give the application a login of its own and let "
                    + "spring.flyway.user/password name the owner (docs/operations.md: Database roles).", powers.login(),
                    powers.superuser() ? "a superuser" : "the owner of the tables");
        }
    }
}
