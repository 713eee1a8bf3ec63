package com.landrenew.security;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** app_user and app_user_password (V8__users.sql). */
@Repository
class UserRepository {

    /** A user as the admin page lists them; no hash ever leaves this class except for sign-in. */
    record UserView(String username, String displayName, String role, String enterpriseName,
            String enterpriseCreditCode, boolean enabled, java.time.OffsetDateTime createdAt,
            java.time.OffsetDateTime passwordChangedAt) {
    }

    /** What sign-in needs of a user, hash included. */
    record Account(String username, String hash, boolean enabled, String displayName, Role role, Integer enterpriseId) {

        /** A fresh object each time: Spring Security erases the hash from the one it signs in with. */
        SignedInUser signedIn() {
            return new SignedInUser(username, hash, enabled, displayName, role, enterpriseId);
        }
    }

    /** The enterprise an enterprise user acts for. */
    record EnterpriseRef(String name, String creditCode) {
    }

    private static final String USER_VIEW = """
            select u.username, u.display_name, u.role, e.name as enterprise_name,
                   e.credit_code as enterprise_credit_code, u.enabled, u.created_at, u.password_changed_at
            from app_user u left join enterprise e on e.id = u.enterprise_id
            """;

    private static final String SIGN_IN = """
            select u.username, pw.hash, u.enabled, u.display_name, u.role, u.enterprise_id
            from app_user u join app_user_password pw on pw.user_id = u.id
            where u.username = :username
            """;

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> forSignIn(String username) {
        return jdbc.sql(SIGN_IN).param("username", username)
                .query((rs, i) -> new Account(rs.getString("username"), rs.getString("hash"),
                        rs.getBoolean("enabled"), rs.getString("display_name"),
                        Role.byCode(rs.getString("role")).orElseThrow(),
                        (Integer) rs.getObject("enterprise_id")))
                .optional();
    }

    List<UserView> all() {
        return jdbc.sql(USER_VIEW + " order by u.role, u.username").query(UserView.class).list();
    }

    Optional<UserView> byUsername(String username) {
        return jdbc.sql(USER_VIEW + " where u.username = :username").param("username", username)
                .query(UserView.class).optional();
    }

    EnterpriseRef enterprise(int id) {
        return jdbc.sql("select name, credit_code from enterprise where id = :id").param("id", id)
                .query(EnterpriseRef.class).single();
    }

    boolean exists(String username) {
        return jdbc.sql("select exists (select 1 from app_user where username = :username)")
                .param("username", username).query(Boolean.class).single();
    }

    int count() {
        return jdbc.sql("select count(*) from app_user").query(Integer.class).single();
    }

    /** Enabled admins other than {@code username}: the last one may not lock themselves out. */
    int otherEnabledAdmins(String username) {
        return jdbc.sql("select count(*) from app_user where role = 'admin' and enabled and username <> :username")
                .param("username", username).query(Integer.class).single();
    }

    Optional<Integer> enterpriseId(String creditCode) {
        return jdbc.sql("select id from enterprise where credit_code = :code").param("code", creditCode)
                .query(Integer.class).optional();
    }

    void insert(String username, String displayName, Role role, Integer enterpriseId, String hash) {
        int id = jdbc.sql("""
                insert into app_user (username, display_name, role, enterprise_id)
                values (:username, :displayName, :role, :enterprise) returning id""")
                .param("username", username).param("displayName", displayName).param("role", role.code())
                .param("enterprise", enterpriseId).query(Integer.class).single();
        jdbc.sql("insert into app_user_password (user_id, hash) values (:id, :hash)").param("id", id)
                .param("hash", hash).update();
    }

    void update(String username, String displayName, Role role, Integer enterpriseId, boolean enabled) {
        jdbc.sql("""
                update app_user set display_name = :displayName, role = :role, enterprise_id = :enterprise,
                                    enabled = :enabled
                where username = :username""")
                .param("username", username).param("displayName", displayName).param("role", role.code())
                .param("enterprise", enterpriseId).param("enabled", enabled).update();
    }

    void setPassword(String username, String hash) {
        jdbc.sql("""
                update app_user_password set hash = :hash
                where user_id = (select id from app_user where username = :username)""")
                .param("username", username).param("hash", hash).update();
        jdbc.sql("update app_user set password_changed_at = clock_timestamp() where username = :username")
                .param("username", username).update();
    }

    String currentHash(String username) {
        return jdbc.sql("""
                select pw.hash from app_user u join app_user_password pw on pw.user_id = u.id
                where u.username = :username""").param("username", username).query(String.class).single();
    }
}
