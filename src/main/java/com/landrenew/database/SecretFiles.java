package com.landrenew.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files that hold passwords (the private server's logins, the demo users'): mode 0600 from the moment
 * they exist, in a folder of mode 0700, so no other local user can read or list them. Files made by
 * older versions are tightened on start.
 *
 * <p>One exception: when the application runs as root, the private PostGIS server runs as the
 * {@code postgres} system user and must pass through the folder that holds its own (the default
 * {@code .landrenew/} holds {@code postgis/} and {@code demo-users.txt}). Such a folder is 0710 with
 * group {@code postgres}: passage only, no listing, and the secrets in it stay 0600 and root's.
 */
public final class SecretFiles {

    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FOLDER_WITH_PASSAGE = PosixFilePermissions.fromString("rwx--x---");
    static final String SERVER_USER = "postgres";

    private SecretFiles() {
    }

    /** Writes a secret file, replacing any old one: the new file is 0600 from its creation, in a private folder. */
    public static void write(Path file, String text) {
        try {
            privateFolder(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            createPrivateFile(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret file " + file, e);
        }
    }

    /** Makes an existing secret file 0600 and its folder private; does nothing when the file is absent. */
    public static void tighten(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, FILE);
            privateFolder(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the secret file " + file + " to its owner", e);
        }
    }

    /** Creates the folder (0700) if absent, or makes it 0700; 0710 for the private server's passage, see above. */
    public static void privateFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        }
        if (holdsFolderOf(dir, SERVER_USER)) {
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            GroupPrincipal group = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(SERVER_USER);
            view.setGroup(group);
            view.setPermissions(FOLDER_WITH_PASSAGE);
        } else {
            Files.setPosixFilePermissions(dir, FOLDER);
        }
    }

    /** Creates a file of mode 0600 (set at creation, so it is never readable by others, not even briefly). */
    static void createPrivateFile(Path file, byte[] content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Whether {@code dir}, not {@code user}'s own, holds a folder of {@code user}'s (only root can make that so). */
    private static boolean holdsFolderOf(Path dir, String user) throws IOException {
        if (!"root".equals(System.getProperty("user.name")) || Files.getOwner(dir).getName().equals(user)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(child -> {
                try {
                    return Files.isDirectory(child) && Files.getOwner(child).getName().equals(user);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
