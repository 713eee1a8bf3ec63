package com.landrenew.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Content-Security-Policy header of every answer. Scripts come only from this server and never
 * inline: the pages load theirs from files and build HTML without on…= handlers or javascript: URLs.
 * The one exception is an import map (scene.html maps "three" to its webjar), which browsers read only
 * inline; it is allowed by its SHA-256, computed here at start-up from the pages themselves, so editing
 * it needs no change here. Styles may be inline (Leaflet and the pages set style attributes). Images
 * also from data: and blob: URLs, from the optional basemap's host ({@code landrenew.basemap.url}) and from
 * 天地图's servers when a Tianditu key is set ({@code landrenew.basemap.tianditu-key}).
 */
final class ContentSecurityPolicy {

    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private ContentSecurityPolicy() {
    }

    /** Tianditu's tile servers, t0 to t7. */
    static final String TIANDITU_SOURCE = "https://*.tianditu.gov.cn";

    /**
     * The policy for pages served from classpath:static/, with the basemap URL template (may be blank) and
     * whether Tianditu's tiles may be shown.
     */
    static String of(String basemapUrl, boolean tianditu) {
        StringBuilder scripts = new StringBuilder("'self'");
        importMapHashes().forEach(hash -> scripts.append(" 'sha256-").append(hash).append('\''));
        String basemap = basemapSource(basemapUrl);
        return String.join("; ",
                "default-src 'self'",
                "script-src " + scripts,
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: blob:" + (basemap == null ? "" : " " + basemap)
                        + (tianditu ? " " + TIANDITU_SOURCE : ""),
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    /**
     * The basemap's scheme and host (and port) as a CSP source; a template in the first label of the
     * host (t{s}.tianditu.gov.cn: one of several servers) becomes a wildcard (*.tianditu.gov.cn).
     */
    static String basemapSource(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        Matcher origin = Pattern.compile("^(https?)://([^/?#]+)").matcher(url.strip());
        if (!origin.find()) {
            throw new IllegalStateException("landrenew.basemap.url must start with http:// or https://, got '" + url + "'");
        }
        String host = origin.group(2);
        if (host.contains("{")) {
            int dot = host.indexOf('.');
            if (dot < 0 || host.substring(dot).contains("{")) {
                throw new IllegalStateException("landrenew.basemap.url may hold a {template} only in the first part of its "
                        + "host name (t{s}.example.com), got '" + url + "'");
            }
            host = "*" + host.substring(dot);
        }
        if (!host.matches("[A-Za-z0-9*.:\\[\\]-]+")) {
            throw new IllegalStateException("landrenew.basemap.url has an odd host name: '" + url + "'");
        }
        return origin.group(1) + "://" + host;
    }

    /** SHA-256 (base64) of each import map in the pages, as the browser hashes the element's text. */
    private static Set<String> importMapHashes() {
        Set<String> hashes = new TreeSet<>();
        try {
            for (Resource page : new PathMatchingResourcePatternResolver().getResources("classpath*:static/*.html")) {
                String html = page.getContentAsString(StandardCharsets.UTF_8);
                Matcher map = IMPORT_MAP.matcher(html);
                while (map.find()) {
                    hashes.add(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(map.group(1).getBytes(StandardCharsets.UTF_8))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pages under classpath:static/", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        return hashes;
    }
}
