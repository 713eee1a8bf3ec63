package com.landrenew.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberingPasswordEncoderTest {

    /** Real bcrypt underneath, counting how often it is asked. */
    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            bcryptChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    private final RememberingPasswordEncoder encoder = new RememberingPasswordEncoder(counting, Duration.ofMinutes(1), 100);

    @Test
    void aMatchingPasswordIsCheckedByBcryptOnceAndThenRemembered() {
        String hash = encoder.encode("correct horse battery");

        for (int i = 0; i < 5; i++) {
            assertThat(encoder.matches("correct horse battery", hash)).isTrue();
        }

        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void wrongPasswordsAreNeverRememberedSoEveryGuessPaysForBcrypt() {
        String hash = encoder.encode("correct horse battery");

        for (int i = 0; i < 3; i++) {
            assertThat(encoder.matches("wrong horse battery", hash)).isFalse();
        }

        assertThat(bcryptChecks).hasValue(3);
    }

    @Test
    void aNewHashForgetsWhatMatchedTheOldOne() {
        String old = encoder.encode("correct horse battery");
        assertThat(encoder.matches("correct horse battery", old)).isTrue();

        String changed = encoder.encode("another staple here");

        assertThat(encoder.matches("correct horse battery", changed)).isFalse();
        assertThat(encoder.matches("another staple here", changed)).isTrue();
        assertThat(bcryptChecks).hasValue(3);
    }
}
