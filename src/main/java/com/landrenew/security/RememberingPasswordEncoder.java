package com.landrenew.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for a few minutes, which password matched which stored hash.
 * GIS and API clients send HTTP Basic credentials with every request (QGIS asks for dozens of tiles a
 * second), and a bcrypt check costs tens of milliseconds on purpose; without this every tile would pay it.
 *
 * <p>Only successful checks are remembered, so guessing stays as slow as bcrypt makes it. The key is the
 * stored hash with an HMAC of the password under a key made at start-up: no password is kept, and a
 * changed password (a new hash) or a restart forgets everything. Whether the user is still enabled is
 * read from the store on every request as before.
 */
final class RememberingPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder checker;
    private final Cache<String, Boolean> matched;
    private final SecretKeySpec key;

    RememberingPasswordEncoder(PasswordEncoder checker, Duration remembered, long maxEntries) {
        this.checker = checker;
        this.matched = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(maxEntries).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return checker.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return checker.matches(rawPassword, encodedPassword);
        }
        if (rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > UserService.MAX_PASSWORD_BYTES) {
            // bcrypt compares only the first 72 bytes: a longer password would match any one it starts with
            return false;
        }
        String entry = encodedPassword + " " + mac(rawPassword);
        if (matched.getIfPresent(entry) != null) {
            return true;
        }
        boolean matches = checker.matches(rawPassword, encodedPassword);
        if (matches) {
            matched.put(entry, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return checker.upgradeEncoding(encodedPassword);
    }

    private String mac(CharSequence rawPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
