package com.landrenew.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.OPTIONS;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;

/**
 * Who may call what, checked on the server for every request. The rules read top down; the first that
 * matches decides. Anything under /api, /tiles or /ogc that no rule names is for staff only, so a new
 * endpoint is closed until someone opens it here (or, for a map layer's tiles and features, the layer
 * list does: {@link OpenReads}). Spring Boot Actuator's /actuator is named here too: its health probes are
 * public, its metrics for staff. Rows and fields (available land for visitors, an
 * enterprise's own figures) are filtered in the queries, through {@link Viewer}.
 *
 * <p>Browsers sign in on /login.html (a session cookie) and send the XSRF-TOKEN cookie back as the
 * X-XSRF-TOKEN header on every write (web/api.js does); API clients use HTTP Basic, which a cross-site
 * page cannot forge, so requests signed in by Basic alone need no CSRF token. Both check passwords
 * through {@link ThrottledSignIn}: repeated failures lock a username or an address for a while.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String PLANNER = "PLANNER";
    private static final String ENTERPRISE = "ENTERPRISE";
    private static final String AUDITOR = "AUDITOR";
    private static final String ADMIN = "ADMIN";
    private static final String[] STAFF = {PLANNER, AUDITOR, ADMIN};

    /** What anyone may read: outlines, reference lists, available land and its public indicators. */
    private static final String[] PUBLIC_READS = {
        "/api/config", "/api/me", "/api/states", "/api/land-uses", "/api/zones", "/api/zones/*/blocks",
        "/api/finder", "/api/places", "/api/emission-standards", "/api/buildings",
        // The search box: its query shows each viewer only what they may see (search/SearchRepository).
        "/api/search", "/api/zones/*/basemap-labels",
        // One parcel: visitors see it only when it is available land (the queries check, see Viewer).
        "/api/parcels/*/*", "/api/parcels/*/*/standard-land", "/api/parcels/*/*/readiness", "/api/parcels/*/*/scene",
        // Each layer's tiles and features are opened by tiles/ and ogc/ as the layer list says (OpenReads).
        "/tiles", "/tiles/*.json", "/ogc", "/ogc/", "/ogc/conformance", "/ogc/api", "/ogc/collections",
        "/ogc/collections/*",
    };

    /** What every signed-in user may read (an enterprise sees other parcels' public fields only). */
    private static final String[] SIGNED_IN_READS = {
        "/api/parcels", "/api/parcels/*/*/history", "/api/parcels/*/*/lineage",
        // 亩均评价 results: an enterprise gets its own rows only (the queries check, see Viewer); only a
        // credit code opens the single-enterprise path, so other paths under /api/evaluations stay staff's.
        "/api/evaluations", "/api/evaluations/{creditCode:[0-9A-Z]{18}}",
    };

    @Bean
    PasswordEncoder passwordEncoder(@Value("${landrenew.security.bcrypt-strength:10}") int strength) {
        // Hashes are stored as {bcrypt}..., so a stronger scheme can be added later without a migration.
        PasswordEncoder bcrypt = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(strength)));
        return new RememberingPasswordEncoder(bcrypt, Duration.ofMinutes(10), 10_000);
    }

    /** The limits on failed sign-ins (see SignInThrottle); tests move the clock instead of waiting. */
    @Bean
    SignInThrottle signInThrottle(@Value("${landrenew.sign-in.max-failures-per-user:10}") int maxPerUser,
            @Value("${landrenew.sign-in.max-failures-per-address:100}") int maxPerAddress,
            @Value("${landrenew.sign-in.window:15m}") Duration window,
            @Value("${landrenew.sign-in.first-lockout:1m}") Duration firstLockout,
            @Value("${landrenew.sign-in.longest-lockout:1h}") Duration longestLockout, ObjectProvider<Clock> clock,
            JdbcClient jdbc, TransactionTemplate transaction) {
        if (maxPerUser < 1 || maxPerAddress < 1 || window.compareTo(Duration.ZERO) <= 0
                || firstLockout.compareTo(Duration.ZERO) <= 0 || longestLockout.compareTo(firstLockout) < 0) {
            throw new IllegalStateException("landrenew.sign-in.*: the failure limits must be at least 1, the window and "
                    + "the first lockout positive, the longest lockout no shorter than the first");
        }
        return new SignInThrottle(new SignInThrottle.Limits(maxPerUser, maxPerAddress, window, firstLockout, longestLockout),
                clock.getIfAvailable(Clock::systemUTC), jdbc, transaction);
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, @Value("${landrenew.basemap.url:}") String basemapUrl,
            @Value("${landrenew.basemap.tianditu-key:}") String tiandituKey,
            UserService users, PasswordEncoder passwordEncoder, SignInThrottle throttle, SignInEvents events,
            List<OpenReads> opened) throws Exception {
        SecurityAnswers answers = new SecurityAnswers();
        // Form sign-in and HTTP Basic both check passwords through the throttle.
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        http.authenticationManager(new ProviderManager(new ThrottledSignIn(passwords, throttle, events)));
        // The XSRF-TOKEN cookie the pages read (not HttpOnly), sent on same-site requests only, as the session's is.
        CookieCsrfTokenRepository csrfCookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfCookie.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        http.authorizeHttpRequests(rules -> rules
                .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                .requestMatchers("/error").permitAll()
                // Pages
                .requestMatchers(reads("/users.html")).hasRole(ADMIN)
                .requestMatchers(reads("/zones.html")).hasAnyRole(PLANNER, ADMIN)
                .requestMatchers(reads("/audit.html", "/trail.html", "/supply.html", "/import.html", "/evaluation.html",
                        "/renewal-candidates.html")).hasAnyRole(STAFF)
                // Reads
                // Renewal work after the evaluation: staff only, whatever /api/evaluations/* is opened to below
                .requestMatchers(reads("/api/evaluations/candidates", "/api/evaluations/plans", "/api/evaluations/plans/*",
                        "/api/evaluations/report", "/api/evaluations/report.*", "/api/evaluations/class-map",
                        "/api/evaluations/holder-history")).hasAnyRole(STAFF)
                .requestMatchers(reads(with(PUBLIC_READS, opened, OpenReads::toEveryone))).permitAll()
                .requestMatchers(reads(with(SIGNED_IN_READS, opened, OpenReads::toSignedIn))).authenticated()
                .requestMatchers(reads("/api/users", "/api/users/*")).hasRole(ADMIN)
                .requestMatchers(reads("/api/me/parcels")).hasRole(ENTERPRISE)
                .requestMatchers(reads("/api/**", "/tiles/**", "/ogc/**")).hasAnyRole(STAFF)
                // Operations (docs/operations.md): the probes to anyone (status only, no details), metrics and the rest to staff
                .requestMatchers(reads("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")).permitAll()
                .requestMatchers(reads("/actuator/**")).hasAnyRole(STAFF)
                .requestMatchers(reads("/**")).permitAll()    // the map page, scripts, styles, webjars
                // Writes
                .requestMatchers(PUT, "/api/me/password").authenticated()
                .requestMatchers("/api/users", "/api/users/**").hasRole(ADMIN)
                .requestMatchers(POST, "/api/parcels/*/*/interests").hasAnyRole(ENTERPRISE, PLANNER)
                // Zones and blocks, and imports into them: planners, and admins setting up a zone from nothing
                .requestMatchers("/api/zones", "/api/zones/**", "/api/imports").hasAnyRole(PLANNER, ADMIN)
                .requestMatchers(PUT, "/api/evaluation-schemes/*/*").hasAnyRole(PLANNER, ADMIN)
                // Renewal work (marking land, 一企一策 plans) is planners' alone, as every change of a parcel's state is
                .requestMatchers(POST, "/api/evaluations/low-efficiency", "/api/evaluations/plans").hasRole(PLANNER)
                .requestMatchers(POST, "/api/evaluations/**").hasAnyRole(PLANNER, ADMIN)
                .requestMatchers(POST, "/api/**").hasRole(PLANNER)
                .requestMatchers(PUT, "/api/**").hasRole(PLANNER)
                .requestMatchers(PATCH, "/api/**").hasRole(PLANNER)
                .requestMatchers(DELETE, "/api/**").hasRole(PLANNER)
                // OGC API - Features Part 4: the planners' edits by the standard (ogc/ParcelItemController); zones
                // and blocks by those the zones API lets change them (ogc/ZoneItemController);
                // OPTIONS answers which methods a path takes (QGIS asks before it offers editing)
                .requestMatchers(POST, "/ogc/collections/zones/items", "/ogc/collections/blocks/items")
                    .hasAnyRole(PLANNER, ADMIN)
                .requestMatchers(PUT, "/ogc/collections/zones/items/*", "/ogc/collections/blocks/items/*").hasAnyRole(PLANNER, ADMIN)
                .requestMatchers(PATCH, "/ogc/collections/zones/items/*", "/ogc/collections/blocks/items/*").hasAnyRole(PLANNER, ADMIN)
                .requestMatchers(DELETE, "/ogc/collections/zones/items/*", "/ogc/collections/blocks/items/*").hasAnyRole(PLANNER, ADMIN)
                .requestMatchers(POST, "/ogc/collections/*/items").hasRole(PLANNER)
                .requestMatchers(PUT, "/ogc/collections/*/items/*").hasRole(PLANNER)
                .requestMatchers(PATCH, "/ogc/collections/*/items/*").hasRole(PLANNER)
                .requestMatchers(DELETE, "/ogc/collections/*/items/*").hasRole(PLANNER)
                .requestMatchers(OPTIONS, "/ogc/collections/*/items", "/ogc/collections/*/items/*").permitAll()
                .anyRequest().denyAll())
            .formLogin(login -> login.loginPage("/login.html").loginProcessingUrl("/login")
                .successHandler(answers).failureHandler(answers).permitAll())
            .logout(logout -> logout.logoutUrl("/logout")
                .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler()))
            .httpBasic(basic -> basic.authenticationEntryPoint(answers))
            .exceptionHandling(errors -> errors.authenticationEntryPoint(answers).accessDeniedHandler(answers))
            .csrf(csrf -> csrf.spa().csrfTokenRepository(csrfCookie)
                .ignoringRequestMatchers(SecurityConfig::onlyBasicCredentials))
            // Beside Spring Security's defaults (X-Content-Type-Options: nosniff, X-Frame-Options: DENY, no-store):
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicy.of(basemapUrl, !tiandituKey.isBlank())))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        return http.build();
    }

    /** {@code own} paths and those every room's {@link OpenReads} bean opens as {@code paths} says. */
    private static String[] with(String[] own, List<OpenReads> opened, Function<OpenReads, List<String>> paths) {
        return Stream.concat(Arrays.stream(own), opened.stream().flatMap(o -> paths.apply(o).stream())).toArray(String[]::new);
    }

    /**
     * GET of the paths, and HEAD wherever GET is allowed (same rules, same headers): GDAL's /vsicurl/ and
     * HTTP caches ask with HEAD first.
     */
    private static RequestMatcher reads(String... patterns) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            matchers.add(paths.matcher(GET, pattern));
            matchers.add(paths.matcher(HEAD, pattern));
        }
        return new OrRequestMatcher(matchers);
    }

    /**
     * Requests the CSRF check leaves alone: those whose only credentials are an HTTP Basic header. Such a
     * request is either signed in by that header or refused (401), and a cross-site page cannot send one.
     * A signed-in session always needs the token, whatever Authorization header comes with it: a session
     * cookie plus a bogus header (Bearer, a wrong Basic) must not write.
     */
    private static boolean onlyBasicCredentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        // Runs before sign-in: an authentication here is the session's (SecurityContextHolderFilter loaded it).
        Authentication session = SecurityContextHolder.getContext().getAuthentication();
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6)
                && (session == null || session instanceof AnonymousAuthenticationToken || !session.isAuthenticated());
    }
}
