package io.baton.container.web.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whether a request carries the token: as {@code Authorization: Bearer <token>} (scripts, Prometheus),
 * or as the session cookie the login page sets. The cookie holds an HMAC of the token, not the token,
 * so the browser never stores the secret that also opens the control channel; a new token (a restart)
 * invalidates every cookie. Comparisons take constant time.
 */
public final class Credentials {
    /** Name of the session cookie. */
    public static final String COOKIE = "baton_session";

    /** What a request presented. */
    public enum Verdict {
        /** The token or a cookie made from it. */
        OK,
        /** The container has no token (not started by {@code baton.jar run}): nothing can be opened. */
        NO_TOKEN,
        /** Neither a bearer token nor a session cookie. */
        MISSING,
        /** A bearer token or a cookie that does not match. */
        WRONG
    }

    private Credentials() {}

    /**
     * @param token the container's token, or null if it has none
     * @param authorization the {@code Authorization} header, or null
     * @param cookie the session cookie's value, or null
     */
    public static Verdict check(String token, String authorization, String cookie) {
        if (token == null) {
            return Verdict.NO_TOKEN;
        }
        Optional<String> bearer = bearer(authorization);
        if (bearer.isPresent()) {
            return same(bearer.get(), token) ? Verdict.OK : Verdict.WRONG;
        }
        if (cookie != null && !cookie.isEmpty()) {
            return same(cookie, sessionValue(token)) ? Verdict.OK : Verdict.WRONG;
        }
        return authorization == null ? Verdict.MISSING : Verdict.WRONG;
    }

    /** @return the token of an {@code Authorization: Bearer <token>} header */
    static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).strip());
    }

    /** @return the session cookie's value for this token: hex HMAC-SHA256 of a fixed text, keyed by the token */
    public static String sessionValue(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("baton dashboard session".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Constant-time equality, so that a wrong guess tells nothing about how much of it was right. */
    public static boolean same(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
