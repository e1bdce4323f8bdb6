package io.haven.config;

import io.haven.config.model.Condition;
import io.haven.config.model.StatsConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code stats} keywords of proxy sections (HAProxy 2.6 manual, 4.2): {@code enable},
 * {@code uri}, {@code realm}, {@code auth}, {@code refresh}, {@code admin}, {@code hide-version},
 * {@code show-legends}, {@code scope}. The others ({@code show-node}, {@code show-desc},
 * {@code http-request}, {@code show-modules}, {@code bind-process}) are refused by name.
 */
final class StatsKeywords {
    private StatsKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.proxy("stats", Section.PROXIES, StatsKeywords::stats);
    }

    private static void stats(Line line, ProxyBuilder p, ParseContext ctx) throws ConfigException {
        String what = Values.required(line, 1, "enable, uri, realm, auth, refresh, admin, hide-version, show-legends or scope");
        String keyword = "stats " + what;
        StatsConfig s = p.stats;
        StatsConfig next = switch (what) {
            case "enable" -> {
                noMore(line, 2, keyword);
                yield with(s, line, s.uri(), s.realm(), s.users(), s.refreshMs(), s.admin(), s.adminAt(),
                        s.hideVersion(), s.showLegends(), s.scopes());
            }
            case "uri" -> {
                String uri = one(line, keyword, "a URI prefix such as /stats");
                if (!uri.startsWith("/")) {
                    throw new ConfigException(line.location(), keyword, "the URI prefix must start with '/', got '" + uri + "'");
                }
                yield with(s, line, uri, s.realm(), s.users(), s.refreshMs(), s.admin(), s.adminAt(),
                        s.hideVersion(), s.showLegends(), s.scopes());
            }
            case "realm" -> with(s, line, s.uri(), one(line, keyword, "a realm name (escape spaces with '\\')"), s.users(),
                    s.refreshMs(), s.admin(), s.adminAt(), s.hideVersion(), s.showLegends(), s.scopes());
            case "auth" -> {
                String pair = one(line, keyword, "USER:PASSWORD");
                int colon = pair.indexOf(':');
                if (colon <= 0) {
                    throw new ConfigException(line.location(), keyword, "expects USER:PASSWORD, got '" + pair + "'");
                }
                List<StatsConfig.StatsUser> users = new ArrayList<>(s.users());
                users.add(new StatsConfig.StatsUser(pair.substring(0, colon), pair.substring(colon + 1)));
                yield with(s, line, s.uri(), s.realm(), users, s.refreshMs(), s.admin(), s.adminAt(),
                        s.hideVersion(), s.showLegends(), s.scopes());
            }
            case "refresh" -> {
                GlobalKeywords.expectArgs(line, 2);
                yield with(s, line, s.uri(), s.realm(), s.users(), Values.time(line, 2), s.admin(), s.adminAt(),
                        s.hideVersion(), s.showLegends(), s.scopes());
            }
            case "admin" -> {
                if (p.isDefaults()) {
                    throw new ConfigException(line.location(), keyword, "is not allowed in a 'defaults' section");
                }
                if (line.size() < 3) {
                    throw new ConfigException(line.location(), keyword, "expects 'if' or 'unless' followed by a condition");
                }
                Condition c = AclKeywords.condition(line, 2);
                yield with(s, line, s.uri(), s.realm(), s.users(), s.refreshMs(), c, line.location(),
                        s.hideVersion(), s.showLegends(), s.scopes());
            }
            case "hide-version" -> {
                noMore(line, 2, keyword);
                yield with(s, line, s.uri(), s.realm(), s.users(), s.refreshMs(), s.admin(), s.adminAt(),
                        true, s.showLegends(), s.scopes());
            }
            case "show-legends" -> {
                noMore(line, 2, keyword);
                yield with(s, line, s.uri(), s.realm(), s.users(), s.refreshMs(), s.admin(), s.adminAt(),
                        s.hideVersion(), true, s.scopes());
            }
            case "scope" -> {
                List<String> scopes = new ArrayList<>(s.scopes());
                scopes.add(one(line, keyword, "a proxy name or '.'"));
                yield with(s, line, s.uri(), s.realm(), s.users(), s.refreshMs(), s.admin(), s.adminAt(),
                        s.hideVersion(), s.showLegends(), scopes);
            }
            case "show-node", "show-desc", "show-modules", "http-request", "bind-process" ->
                    throw new ConfigException(line.location(), keyword, "'" + keyword + "' is not implemented (Haven implements"
                            + " stats enable, uri, realm, auth, refresh, admin, hide-version, show-legends and scope)");
            case "socket", "timeout", "maxconn" -> throw new ConfigException(line.location(), keyword,
                    "'" + keyword + "' belongs to the 'global' section");
            default -> throw new ConfigException(line.location(), keyword, "unknown keyword '" + keyword
                    + "', expected stats enable, uri, realm, auth, refresh, admin, hide-version, show-legends or scope");
        };
        p.stats = next;
    }

    /** The settings with this line's changes; any {@code stats} line enables the page, as in HAProxy. */
    private static StatsConfig with(StatsConfig old, Line line, String uri, String realm, List<StatsConfig.StatsUser> users,
                                    long refreshMs, Condition admin, io.haven.config.SourceLocation adminAt,
                                    boolean hideVersion, boolean showLegends, List<String> scopes) {
        var location = old.location() != null ? old.location() : line.location();
        return new StatsConfig(true, uri, realm, users, refreshMs, admin, adminAt, hideVersion, showLegends,
                scopes, location);
    }

    private static String one(Line line, String keyword, String expected) throws ConfigException {
        String v = Values.required(line, 2, expected);
        noMore(line, 3, keyword);
        return v;
    }

    private static void noMore(Line line, int at, String keyword) throws ConfigException {
        if (line.size() > at) {
            throw new ConfigException(line.location(), keyword, "unexpected argument '" + line.word(at) + "'");
        }
    }
}
