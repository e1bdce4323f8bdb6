package io.haven.core.auth;

import io.haven.config.ConfigException;
import io.haven.config.model.UserlistConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled {@code userlist}: checks Basic credentials against SHA-crypt hashes ({@code $5$},
 * {@code $6$}) or insecure clear-text passwords, and knows each user's groups (declared on the
 * user or on the group).
 */
public final class Userlist {
    private final String name;
    private final Map<String, UserlistConfig.User> users = new HashMap<>();
    private final Map<String, Set<String>> groups = new HashMap<>();

    private Userlist(String name) {
        this.name = name;
    }

    /** Compiles a section; a password hash Haven cannot verify is an error naming the user's line. */
    public static Userlist compile(UserlistConfig config) throws ConfigException {
        Userlist u = new Userlist(config.name());
        for (UserlistConfig.User user : config.users()) {
            if (!user.insecure() && !ShaCrypt.supports(user.password())) {
                throw new ConfigException(user.location(), "user", "the password of user '" + user.name()
                        + "' uses a hash scheme Haven does not implement; use SHA-crypt ($5$ or $6$, e.g. from"
                        + " 'mkpasswd -m sha-512') or insecure-password");
            }
            u.users.put(user.name(), user);
            u.groups.computeIfAbsent(user.name(), k -> new HashSet<>()).addAll(user.groups());
        }
        for (UserlistConfig.Group g : config.groups()) {
            for (String member : g.users()) {
                u.groups.computeIfAbsent(member, k -> new HashSet<>()).add(g.name());
            }
        }
        return u;
    }

    public String name() {
        return name;
    }

    /** Whether {@code user} exists and {@code password} is theirs. */
    public boolean check(String user, String password) {
        UserlistConfig.User u = users.get(user);
        if (u == null) {
            return false;
        }
        if (u.insecure()) {
            return MessageDigest.isEqual(u.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        }
        return ShaCrypt.verify(password, u.password());
    }

    /** The user named by a valid {@code Authorization: Basic ...} header value, or null. */
    public String authenticate(String authorization) {
        if (authorization == null || authorization.length() < 6 || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        return check(user, decoded.substring(colon + 1)) ? user : null;
    }

    /** Whether {@code user} belongs to one of {@code anyOf}. */
    public boolean inGroup(String user, List<String> anyOf) {
        Set<String> g = groups.get(user);
        if (g == null) {
            return false;
        }
        for (String name : anyOf) {
            if (g.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
