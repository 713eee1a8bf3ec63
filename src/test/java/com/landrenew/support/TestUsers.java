package com.landrenew.support;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import com.landrenew.security.UserService;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The users tests sign in as, one per role, made at start-up with passwords fresh for each test run
 * (after the demo users, which tests of the README's demo use). {@link Api} signs in as {@link #PLANNER}
 * unless told otherwise.
 */
@Component
@Order(100)
public class TestUsers implements ApplicationRunner {

    public static final String PLANNER = "test-planner";
    public static final String AUDITOR = "test-auditor";
    public static final String ADMIN = "test-admin";
    /** Acts for the enterprise named {@link #ENTERPRISE_NAME}, which holds no parcel unless a test gives it one. */
    public static final String ENTERPRISE = "test-enterprise";
    public static final String ENTERPRISE_NAME = "测试用户企业 Test user's enterprise";

    private static final Map<String, String> PASSWORDS = Map.of(PLANNER, fresh(), AUDITOR, fresh(), ADMIN, fresh(),
            ENTERPRISE, fresh());

    private final UserService users;
    private final JdbcClient jdbc;

    TestUsers(UserService users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    public static String password(String username) {
        String password = PASSWORDS.get(username);
        if (password == null) {
            throw new IllegalArgumentException("no test user " + username + "; test users: " + PASSWORDS.keySet());
        }
        return password;
    }

    @Override
    public void run(ApplicationArguments args) {
        create(PLANNER, "planner", null);
        create(AUDITOR, "auditor", null);
        create(ADMIN, "admin", null);
        String creditCode = jdbc.sql("select credit_code from enterprise where name = :name")
                .param("name", ENTERPRISE_NAME).query(String.class).optional().orElseGet(() -> {
                    int id = new Fixtures(jdbc).enterprise(ENTERPRISE_NAME);
                    return jdbc.sql("select credit_code from enterprise where id = :id").param("id", id)
                            .query(String.class).single();
                });
        create(ENTERPRISE, "enterprise", creditCode);
    }

    private void create(String username, String role, String creditCode) {
        boolean exists = jdbc.sql("select exists (select 1 from app_user where username = :u)").param("u", username)
                .query(Boolean.class).single();
        if (!exists) {
            users.create(new UserService.UserRequest(username, username, role, creditCode, null, password(username)));
        }
    }

    private static String fresh() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
