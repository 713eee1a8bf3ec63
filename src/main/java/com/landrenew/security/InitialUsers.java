package com.landrenew.security;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import com.landrenew.database.SecretFiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first users, so somebody can sign in at all. On a store without users: an admin named by
 * {@code landrenew.first-admin.password} (for production: set LANDRENEW_FIRST_ADMIN_PASSWORD once), and,
 * when the sample data is loaded, the demo users the README names, with fresh random passwords written
 * to {@code landrenew.demo-users.file} (never to the repository; mode 0600 in a private folder, see
 * {@link SecretFiles}).
 */
@Component
@Order(0)   // before anything else that makes users, since it acts only on a store without any
class InitialUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialUsers.class);
    private static final String PASSWORD_CHARS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** The enterprise with the most parcels in a zone: the demo's enterprise users act for these. */
    private static final String BUSIEST_ENTERPRISE = """
            select e.credit_code, e.name from enterprise e
            join parcel p on p.enterprise_id = e.id
            join zone z on z.id = p.zone_id
            where z.code = :zone
            group by e.id, e.credit_code, e.name order by count(*) desc, e.credit_code limit 1
            """;

    private final UserService users;
    private final UserRepository repository;
    private final JdbcClient jdbc;
    private final String firstAdminPassword;
    private final Path demoUsersFile;
    private final boolean sampleData;
    private final SecureRandom random = new SecureRandom();

    InitialUsers(UserService users, UserRepository repository, JdbcClient jdbc,
            @Value("${landrenew.first-admin.password:}") String firstAdminPassword,
            @Value("${landrenew.demo-users.file:.landrenew/demo-users.txt}") Path demoUsersFile,
            @Value("${landrenew.sample-data.load:true}") boolean sampleData) {
        this.users = users;
        this.repository = repository;
        this.jdbc = jdbc;
        this.firstAdminPassword = firstAdminPassword;
        this.demoUsersFile = demoUsersFile;
        this.sampleData = sampleData;
    }

    @Override
    public void run(ApplicationArguments args) {
        SecretFiles.tighten(demoUsersFile);   // older versions left it readable by every local user
        if (repository.count() > 0) {
            return;
        }
        if (!firstAdminPassword.isBlank()) {
            users.create(new UserService.UserRequest("admin", "Administrator", "admin", null, null, firstAdminPassword));
            log.info("Created the first admin user 'admin' from landrenew.first-admin.password");
        } else if (sampleData && jdbc.sql("select exists (select 1 from zone where code in ('anji', 'xiaoshan'))")
                .query(Boolean.class).single()) {
            createDemoUsers();
        }
    }

    private void createDemoUsers() {
        List<String> lines = new ArrayList<>(List.of("# LandRenew demo users (synthetic sample data): username role password",
                "# Made at first start; delete the store (.landrenew/postgis) to make new ones."));
        lines.add(demo("admin", "系统管理员 Admin", "admin", null));
        lines.add(demo("planner", "规划员 Planner", "planner", null));
        lines.add(demo("auditor", "审计员 Auditor", "auditor", null));
        for (String[] enterprise : List.of(new String[] {"enterprise-anji", "anji"},
                new String[] {"enterprise-xiaoshan", "xiaoshan"})) {
            jdbc.sql(BUSIEST_ENTERPRISE).param("zone", enterprise[1])
                    .query((rs, i) -> new String[] {rs.getString("credit_code"), rs.getString("name")}).optional()
                    .ifPresent(firm -> lines.add(demo(enterprise[0], firm[1], "enterprise", firm[0])));
        }
        SecretFiles.write(demoUsersFile, String.join("\n", lines) + "\n");
        log.info("Demo users created; their passwords are in {}", demoUsersFile.toAbsolutePath());
    }

    private String demo(String username, String displayName, String role, String creditCode) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(PASSWORD_CHARS.charAt(random.nextInt(PASSWORD_CHARS.length())));
        }
        users.create(new UserService.UserRequest(username, displayName, role, creditCode, null, password.toString()));
        return username + " " + role + " " + password;
    }
}
