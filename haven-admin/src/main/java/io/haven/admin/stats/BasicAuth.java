package io.haven.admin.stats;

import io.haven.config.model.StatsConfig;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code stats auth}: HTTP Basic authentication against the configured users. Without users
 * everybody is let in, as in HAProxy. Passwords are compared in constant time.
 */
final class BasicAuth {
    private BasicAuth() {
    }

    static boolean allows(StatsConfig config, HttpHeaders headers) {
        if (config.users().isEmpty()) {
            return true;
        }
        String value = headers.first("Authorization");
        if (value == null || value.length() < 6 || !value.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(value.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean ok = false;
        for (StatsConfig.StatsUser u : config.users()) {
            byte[] expected = (u.user() + ":" + u.password()).getBytes(StandardCharsets.UTF_8);
            ok |= MessageDigest.isEqual(expected, given);
        }
        return ok;
    }

    /** HAProxy's 401: a challenge naming the realm, and a short page. */
    static HttpReply challenge(String realm) {
        HttpHeaders h = new HttpHeaders()
                .add("Content-Type", "text/html")
                .add("Cache-Control", "no-cache")
                .add("WWW-Authenticate", "Basic realm=\"" + realm.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        byte[] body = ("<html><body><h1>401 Unauthorized</h1>\n"
                + "You need a valid user and password to access this content.\n</body></html>\n")
                .getBytes(StandardCharsets.UTF_8);
        return new HttpReply(401, "Unauthorized", h, body, false);
    }
}
