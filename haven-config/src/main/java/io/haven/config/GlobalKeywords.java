package io.haven.config;

import io.haven.config.model.AccessLevel;
import io.haven.config.model.StatsSocket;
import java.util.Locale;

/** Keywords of the {@code global} section. */
final class GlobalKeywords {
    private GlobalKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.global("maxconn", (line, g, ctx) -> {
            expectArgs(line, 1);
            g.maxconn = Values.integer(line, 1, 1, 10_000_000);
        });
        r.global("nbthread", (line, g, ctx) -> {
            expectArgs(line, 1);
            g.nbthread = Values.integer(line, 1, 1, 256);
        });
        r.global("hard-stop-after", (line, g, ctx) -> {
            expectArgs(line, 1);
            g.hardStopAfter = Values.time(line, 1);
        });
        r.global("grace", (line, g, ctx) -> {
            expectArgs(line, 1);
            g.grace = Values.time(line, 1);
        });
        r.global("pidfile", (line, g, ctx) -> {
            expectArgs(line, 1);
            g.pidfile = line.word(1);
        });
        r.global("stats timeout", (line, g, ctx) -> {
            expectArgs(line, 2);
            g.statsTimeout = Values.time(line, 2);
        });
        r.global("stats socket", GlobalKeywords::statsSocket);
        r.global("node", (line, g, ctx) -> {
            expectArgs(line, 1);
            g.node = ClusterKeywords.name(line, 1, "node");
            g.nodeAt = line.location();
        });
        r.global("log", (line, g, ctx) -> g.logs.add(LogKeywords.target(line)));
    }

    static void expectArgs(Line line, int n) throws ConfigException {
        if (line.size() != n + 1) {
            throw new ConfigException(line.location(), line.keyword(),
                    "expects exactly " + n + " argument" + (n > 1 ? "s" : "") + ", got " + (line.size() - 1));
        }
    }

    private static void statsSocket(Line line, GlobalBuilder g, ParseContext ctx) throws ConfigException {
        String addr = Values.required(line, 2, "a unix socket path or ADDR:PORT");
        AccessLevel level = AccessLevel.OPERATOR; // HAProxy's default level
        int mode = 0;
        for (int i = 3; i < line.size(); i++) {
            String opt = line.word(i);
            switch (opt) {
                case "level" -> {
                    String v = Values.required(line, ++i, "user, operator or admin");
                    try {
                        level = AccessLevel.valueOf(v.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(line.location(), "stats socket",
                                "'level' accepts user, operator or admin, not '" + v + "'");
                    }
                }
                case "mode" -> {
                    String v = Values.required(line, ++i, "octal permission bits such as 600");
                    try {
                        mode = Integer.parseInt(v, 8);
                    } catch (NumberFormatException e) {
                        throw new ConfigException(line.location(), "stats socket",
                                "'mode' expects octal permission bits such as 600, not '" + v + "'");
                    }
                }
                case "expose-fd" -> {
                    // "expose-fd listeners" hands listening sockets to a new process on reload; Haven
                    // reloads in-process and keeps its listeners, so there is nothing to hand over.
                    throw new ConfigException(line.location(), "stats socket",
                            "'expose-fd' is not implemented: Haven reloads in-process and keeps its listeners open");
                }
                default -> throw new ConfigException(line.location(), "stats socket",
                        "unknown bind option '" + opt + "' (Haven implements 'level' and 'mode')");
            }
        }
        StatsSocket socket;
        if (addr.startsWith("/") || addr.startsWith("unix@")) {
            socket = new StatsSocket(addr.startsWith("unix@") ? addr.substring(5) : addr, null, 0, level, mode);
        } else {
            String a = addr.startsWith("ipv4@") ? addr.substring(5) : addr;
            Values.HostPort hp = Values.hostPort(line, a, true);
            socket = new StatsSocket(null, hp.host().isEmpty() ? "0.0.0.0" : hp.host(), hp.port(), level, mode);
        }
        g.statsSockets.add(socket);
    }
}
