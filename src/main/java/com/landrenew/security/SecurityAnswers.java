package com.landrenew.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.landrenew.web.DatabaseUnavailable;
import com.landrenew.web.ProblemResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * How security answers: API calls get RFC 9457 problem JSON (401 not signed in, 403 role may not),
 * like every other error; a page a visitor may not open sends them to the sign-in page and back.
 * Only the OGC API challenges with {@code WWW-Authenticate: Basic}, for GIS clients (QGIS, GDAL); the
 * pages never do, so a browser never caches Basic credentials it would send along cross-site.
 * A sign-in that could not read the users (the database is away) is a 503, never "wrong password".
 */
final class SecurityAnswers implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationSuccessHandler,
        AuthenticationFailureHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (answeredWithoutCredentials(response, e)) {
            return;
        }
        if (isPage(request)) {
            response.sendRedirect(request.getContextPath() + "/login.html?next=" + next(request));
            return;
        }
        if (path(request).startsWith("/ogc")) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"LandRenew\", charset=\"UTF-8\"");
        }
        problem(response, HttpStatus.UNAUTHORIZED, request.getHeader("Authorization") != null
                ? "用户名或密码错误。Wrong username or password."
                : "请先登录再" + request.getMethod() + " " + path(request) + "（登录页 /login.html，API 客户端用 HTTP Basic）。Sign in to "
                        + request.getMethod() + " " + path(request) + " (the page /login.html, or HTTP Basic for API clients).");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Viewer viewer = Viewer.current();
        if (viewer.isAnonymous() && e instanceof org.springframework.security.web.csrf.CsrfException) {
            commence(request, response, null);   // not signed in is the problem, not the token
            return;
        }
        if (isPage(request)) {
            response.sendRedirect(request.getContextPath() + "/login.html?denied=1&next=" + next(request));
            return;
        }
        String whoZh = viewer.isAnonymous() ? "访客" : viewer.role().nameZh() + " " + viewer.username();
        String who = viewer.isAnonymous() ? "a visitor" : viewer.username() + " (" + viewer.role().code() + ")";
        String detail = e instanceof org.springframework.security.web.csrf.CsrfException
                ? "CSRF 令牌缺失或过期：请把 XSRF-TOKEN cookie 的值放进 X-XSRF-TOKEN 请求头（刷新页面即可）。Missing or stale CSRF"
                        + " token: send the XSRF-TOKEN cookie's value as the X-XSRF-TOKEN header."
                : whoZh + " 无权 " + request.getMethod() + " " + path(request) + "。" + who + " may not " + request.getMethod()
                        + " " + path(request) + ".";
        problem(response, HttpStatus.FORBIDDEN, detail);
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        Viewer viewer = ((SignedInUser) authentication.getPrincipal()).viewer();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), java.util.Map.of("username", viewer.username(),
                "displayName", viewer.displayName(), "role", viewer.role().code()));
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException e) throws IOException {
        if (answeredWithoutCredentials(response, e)) {
            return;
        }
        // One answer for every failure, so the answer does not tell which usernames exist.
        problem(response, HttpStatus.UNAUTHORIZED, "用户名或密码错误，或该用户已停用。Wrong username or password, or the user is disabled.");
    }

    /**
     * Lockouts (429) and database outages (503) are answered before anything about the credentials:
     * true when {@code e} was one of them and the answer is written.
     */
    private static boolean answeredWithoutCredentials(HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof SignInRefused refused) {
            tooManyFailures(response, refused);
            return true;
        }
        if (DatabaseUnavailable.causedBy(e)) {
            databaseUnavailable(response);
            return true;
        }
        return false;
    }

    /** 429 while the username or the address is locked out: for whoever asks, usernames that exist or not. */
    private static void tooManyFailures(HttpServletResponse response, SignInRefused refused) throws IOException {
        long seconds = refused.retryAfterSeconds();
        response.setHeader("Retry-After", Long.toString(seconds));
        problem(response, HttpStatus.TOO_MANY_REQUESTS, tooManyFailures(seconds));
    }

    static String tooManyFailures(long seconds) {
        return "登录失败次数过多，已暂时锁定：请 " + seconds + " 秒后再试，或请管理员解锁。"
                + "Too many failed sign-ins for this username or from this address: try again in " + seconds
                + " s, or ask an admin to unlock it.";
    }

    /** The users could not be read (the database is away): not a wrong password, a 503 to retry (web/ApiErrors' answer). */
    private static void databaseUnavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        problem(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL);
    }

    /** A browser asking for an HTML page (not an API call, not a script fetching JSON). */
    private static boolean isPage(HttpServletRequest request) {
        return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) && path(request).endsWith(".html");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static String next(HttpServletRequest request) {
        String query = request.getQueryString();
        return URLEncoder.encode(path(request) + (query == null ? "" : "?" + query), StandardCharsets.UTF_8);
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemResponse.write(response, status, detail);
    }
}
