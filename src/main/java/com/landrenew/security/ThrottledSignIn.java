package com.landrenew.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Sign-in (the form's and HTTP Basic's alike) through {@link SignInThrottle}: a locked username or
 * address is refused before its password is looked at, so neither a guess nor the remembered matches of
 * {@link RememberingPasswordEncoder} get past a lockout; each failure is counted, logged and recorded
 * for the audit trail ({@link SignInEvents}).
 */
final class ThrottledSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledSignIn.class);

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final SignInEvents events;

    ThrottledSignIn(AuthenticationProvider passwords, SignInThrottle throttle, SignInEvents events) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        try {
            return throttled(attempt);
        } catch (DataAccessException e) {
            // the throttle's counts (in the database) could not be read or written: the store failed, not the user
            throw new AuthenticationServiceException("sign-in throttle unavailable", e);
        }
    }

    private Authentication throttled(Authentication attempt) {
        String username = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
        refuseIfLocked(username, address);
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(attempt);
        } catch (AuthenticationServiceException e) {
            throw e;   // the store failed, not the user
        } catch (AuthenticationException e) {
            SignInThrottle.Failure failure = throttle.failed(username, address);
            log.info("Sign-in failed for '{}' from {} ({} failures for the username, {} from the address)",
                    SignInEvents.printable(username), address, failure.userFailures(), failure.addressFailures());
            if (failure.userLockedUntil() != null) {
                log.warn("Sign-in locked for username '{}' until {} after {} failures", SignInEvents.printable(username),
                        failure.userLockedUntil(), failure.userFailures());
            }
            if (failure.addressLockedUntil() != null) {
                log.warn("Sign-in locked for address {} until {} after {} failures", address, failure.addressLockedUntil(),
                        failure.addressFailures());
            }
            events.failed(username, address, failure);
            throw e;
        }
        // A lockout that began while the password was checked (guesses sent in parallel) holds for this one too.
        refuseIfLocked(username, address);
        return signedIn;
    }

    private void refuseIfLocked(String username, String address) {
        throttle.refusal(username, address).ifPresent(wait -> {
            log.debug("Sign-in refused for '{}' from {}: locked for {}", SignInEvents.printable(username), address, wait);
            throw new SignInRefused(wait);
        });
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
