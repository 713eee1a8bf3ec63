package com.landrenew.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.landrenew.support.LandRenewTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

/** The private server's passwords can be read by their owner only, in a folder only it can open. */
@LandRenewTest
class SecretFilesTest {

    @Value("${landrenew.local-db.dir}")
    Path localDir;

    @Test
    void theServersPasswordsAre0600InAFolderOf0700() throws IOException {
        Path home = LocalPostgis.in(localDir).home();
        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(home.resolve("password"))).isEqualTo("rw-------");
        assertThat(mode(home.resolve("app-password"))).isEqualTo("rw-------");
    }

    @Test
    void asRootAFolderThePostgresUserMustPassThroughLetsItPassAndNoMore() throws Exception {
        assumeThat(System.getProperty("user.name")).isEqualTo("root");
        Path dir = Path.of("target", "secret-files-test");
        Path server = dir.resolve("postgis");
        Files.createDirectories(server);
        new ProcessBuilder(List.of("chown", "postgres:postgres", server.toString())).inheritIO().start().waitFor();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        SecretFiles.write(dir.resolve("demo-users.txt"), "admin admin secret\n");

        PosixFileAttributes folder = Files.readAttributes(dir, PosixFileAttributes.class);
        assertThat(PosixFilePermissions.toString(folder.permissions())).isEqualTo("rwx--x---");
        assertThat(folder.group().getName()).isEqualTo("postgres");
        assertThat(folder.owner().getName()).isEqualTo("root");
        assertThat(mode(dir.resolve("demo-users.txt"))).isEqualTo("rw-------");
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
