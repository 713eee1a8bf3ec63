package com.landrenew.security;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me} (who is signed in, for every page), the admin's {@code /api/users} (with the
 * lifting of sign-in lockouts), and a user's own password change. Sign-in and sign-out are Spring
 * Security's POST /login and /logout.
 */
@RestController
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping("/api/me")
    Map<String, Object> me(HttpServletRequest request) {
        // Reading the token makes Spring Security send the XSRF-TOKEN cookie the pages echo on writes.
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (csrf != null) {
            csrf.getToken();
        }
        Viewer viewer = Viewer.current();
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("signedIn", !viewer.isAnonymous());
        me.put("username", viewer.username());
        me.put("displayName", viewer.displayName());
        me.put("role", viewer.isAnonymous() ? "anonymous" : viewer.role().code());
        me.put("enterprise", viewer.enterpriseId() == null ? null : users.enterprise(viewer.enterpriseId()));
        return me;
    }

    @PutMapping("/api/me/password")
    ResponseEntity<Void> changeOwnPassword(@RequestBody(required = false) UserService.PasswordChange change,
            HttpServletRequest request) {
        users.checkOwnPassword(Viewer.current().username(), request.getRemoteAddr(), change);
        users.setOwnPassword(Viewer.current().username(), change);
        return ResponseEntity.noContent().build();
    }

    /** A password change while the username or address is locked out: answered as a sign-in would be. */
    @ExceptionHandler(SignInRefused.class)
    ResponseEntity<ProblemDetail> locked(SignInRefused refused) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                        SecurityAnswers.tooManyFailures(refused.retryAfterSeconds())));
    }

    /** A user as the admin reads them: the stored fields, and until when sign-in is refused for them (null: it is not). */
    record UserAnswer(@JsonUnwrapped UserRepository.UserView user, Instant signInLockedUntil) {
    }

    @GetMapping("/api/users")
    List<UserAnswer> all() {
        return users.all().stream().map(this::answer).toList();
    }

    @GetMapping("/api/users/{username}")
    UserAnswer one(@PathVariable String username) {
        return answer(users.one(username).orElseThrow(() -> UserService.noUser(username)));
    }

    /** Lifts a lockout after failed sign-ins (and forgets the failures), before it would end by itself. */
    @DeleteMapping("/api/users/{username}/lockout")
    ResponseEntity<Void> unlock(@PathVariable String username, HttpServletRequest request) {
        users.unlock(username, request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    private UserAnswer answer(UserRepository.UserView user) {
        return new UserAnswer(user, users.signInLockedUntil(user.username()).orElse(null));
    }

    @PostMapping("/api/users")
    ResponseEntity<UserRepository.UserView> create(@RequestBody(required = false) UserService.UserRequest request) {
        UserRepository.UserView user = users.create(request);
        return ResponseEntity.created(URI.create("/api/users/" + user.username())).body(user);
    }

    @PutMapping("/api/users/{username}")
    UserRepository.UserView change(@PathVariable String username,
            @RequestBody(required = false) UserService.UserRequest request) {
        return users.change(username, request);
    }
}
