package io.haven.config.model;

import io.haven.config.SourceLocation;
import java.util.List;

/**
 * The {@code stats ...} settings of one proxy: whether it serves HAProxy's statistics page, where,
 * to whom and with what. Every {@code stats} keyword enables the page by itself, as in HAProxy.
 *
 * @param uri         the prefix a request URI must start with; HAProxy's default {@code /haproxy?stats}
 * @param realm       the Basic authentication realm; default {@code HAProxy Statistics}
 * @param users       {@code stats auth USER:PASS} lines; empty means no authentication
 * @param refreshMs   {@code stats refresh}: how often the page reloads itself, 0 for never
 * @param admin       {@code stats admin if|unless COND}: who may change server states from the
 *                    page; null when nobody may
 * @param scopes      {@code stats scope NAME} lines: the proxies shown ({@code .} is this one);
 *                    empty shows them all
 * @param adminAt     where {@code stats admin} was written
 * @param location    the first {@code stats} line, for diagnostics
 */
public record StatsConfig(boolean enabled, String uri, String realm, List<StatsUser> users, long refreshMs,
                          Condition admin, SourceLocation adminAt, boolean hideVersion, boolean showLegends,
                          List<String> scopes, SourceLocation location) {

    public static final String DEFAULT_URI = "/haproxy?stats";
    public static final String DEFAULT_REALM = "HAProxy Statistics";
    public static final StatsConfig DISABLED = new StatsConfig(false, DEFAULT_URI, DEFAULT_REALM, List.of(), 0,
            null, null, false, false, List.of(), null);

    public StatsConfig {
        users = List.copyOf(users);
        scopes = List.copyOf(scopes);
    }

    /** One {@code stats auth USER:PASSWORD} line. */
    public record StatsUser(String user, String password) {
    }
}
