package com.landrenew.security;

import static com.landrenew.support.ProblemAssert.assertDetail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.landrenew.support.Api;
import com.landrenew.support.LandRenewTest;
import com.landrenew.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** The admin's user API, sign-in with what it stores, and the demo users the README names. */
@LandRenewTest
class UserApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InitialUsers initialUsers;

    private Api admin() {
        return new Api(port).as(TestUsers.ADMIN);
    }

    @Test
    void anAdminAddsAUserWhoThenSignsInWithTheRoleGiven() {
        String creditCode = jdbc.sql("select credit_code from enterprise where name = :n")
                .param("n", TestUsers.ENTERPRISE_NAME).query(String.class).single();
        Api.Response created = admin().post("/api/users", """
                {"username":"ent-user-1","displayName":"企业甲 联系人","role":"enterprise",
                 "enterpriseCreditCode":"%s","password":"a long password 1"}""".formatted(creditCode));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("enterpriseCreditCode").asString()).isEqualTo(creditCode);
        assertThat(created.body()).doesNotContain("password 1").doesNotContain("bcrypt");

        JsonNode me = new Api(port).as("ent-user-1", "a long password 1").json("/api/me");
        assertThat(me.path("role").asString()).isEqualTo("enterprise");
        assertThat(me.path("enterprise").path("creditCode").asString()).isEqualTo(creditCode);
        String hash = jdbc.sql("""
                select pw.hash from app_user_password pw join app_user u on u.id = pw.user_id where u.username = 'ent-user-1'""")
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("a long password");

        // The trail has the user and who made it, never a hash.
        String trail = jdbc.sql("select after::text from audit_log where table_name = 'app_user' and actor = :a order by id desc limit 1")
                .param("a", TestUsers.ADMIN).query(String.class).single();
        assertThat(trail).contains("ent-user-1").doesNotContain("bcrypt").doesNotContain(hash);

        assertThat(admin().put("/api/users/ent-user-1", "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(new Api(port).as("ent-user-1", "a long password 1").get("/api/me").status())
                .as("a disabled user cannot sign in").isEqualTo(401);
        assertThat(admin().put("/api/users/ent-user-1", "{\"enabled\":true,\"password\":\"another password 2\"}").status())
                .isEqualTo(200);
        assertThat(new Api(port).as("ent-user-1", "a long password 1").get("/api/me").status()).isEqualTo(401);
        assertThat(new Api(port).as("ent-user-1", "another password 2").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void badUsersAreNamedAndNothingIsWritten() {
        long before = jdbc.sql("select count(*) from app_user").query(Long.class).single();
        assertDetail(admin().post("/api/users", "{\"username\":\"x\",\"role\":\"planner\",\"password\":\"long enough pw\"}"), "username");
        assertDetail(admin().post("/api/users", "{\"username\":\"new-one\",\"role\":\"mayor\",\"password\":\"long enough pw\"}"), "role");
        assertDetail(admin().post("/api/users", "{\"username\":\"new-one\",\"role\":\"planner\",\"password\":\"short\"}"), "password");
        assertDetail(admin().post("/api/users", "{\"username\":\"new-one\",\"role\":\"enterprise\",\"password\":\"long enough pw\"}"),
                "enterpriseCreditCode");
        assertDetail(admin().post("/api/users", "{\"username\":\"new-one\",\"role\":\"enterprise\","
                + "\"enterpriseCreditCode\":\"91330523000000001A\",\"password\":\"long enough pw\"}"), "enterpriseCreditCode");
        Api.Response duplicate = admin().post("/api/users",
                "{\"username\":\"" + TestUsers.PLANNER + "\",\"role\":\"planner\",\"password\":\"long enough pw\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(admin().put("/api/users/nobody-here", "{\"enabled\":false}").status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyWithTheCurrentOne() {
        assertThat(admin().post("/api/users",
                "{\"username\":\"pw-changer\",\"role\":\"auditor\",\"password\":\"first password 1\"}").status()).isEqualTo(201);
        Api user = new Api(port).as("pw-changer", "first password 1");
        assertThat(user.put("/api/me/password", "{\"currentPassword\":\"wrong\",\"newPassword\":\"second password 2\"}")
                .status()).isEqualTo(400);
        assertThat(user.put("/api/me/password",
                "{\"currentPassword\":\"first password 1\",\"newPassword\":\"second password 2\"}").status()).isEqualTo(204);
        assertThat(new Api(port).as("pw-changer", "second password 2").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void theDemoUsersOfTheReadmeSignInWithThePasswordsWrittenForThem() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("target/demo-users/demo-users.txt")).stream()
                .filter(line -> !line.startsWith("#")).toList();
        assertThat(lines).extracting(line -> line.split(" ")[0])
                .containsExactly("admin", "planner", "auditor", "enterprise-anji", "enterprise-xiaoshan");
        for (String line : lines) {
            String[] user = line.split(" ");
            JsonNode me = new Api(port).as(user[0], user[2]).json("/api/me");
            assertThat(me.path("role").asString()).isEqualTo(user[1]);
        }
        JsonNode anji = new Api(port).as("enterprise-anji", lines.get(3).split(" ")[2]).json("/api/me");
        assertThat(anji.path("enterprise").path("name").asString()).isNotBlank();
    }

    @Test
    void theDemoUsersFileIsTheOwnersOnlyAndTightenedOnStart() throws Exception {
        Path file = Path.of("target/demo-users/demo-users.txt");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");

        // as an older version left them
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        initialUsers.run(null);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
