package io.haven.config;

/** {@code server} and {@code default-server} with their per-server options. */
final class ServerKeywords {
    private ServerKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.proxy("default-server", Section.WITH_BACKEND, (line, p, ctx) -> options(line, 1, p.defaultServer));
        r.proxy("server", Section.BACKEND_ONLY, ServerKeywords::server);
    }

    private static void server(Line line, ProxyBuilder p, ParseContext ctx) throws ConfigException {
        String name = Values.required(line, 1, "a server name");
        String addr = Values.required(line, 2, "the server's ADDR:PORT");
        Values.HostPort hp = Values.hostPort(line, addr, false);
        if (hp.port() == 0) {
            throw new ConfigException(line.location(), "server",
                    "server '" + name + "' has no port in '" + addr + "' (port-less servers are not implemented)");
        }
        if (hp.host().isEmpty()) {
            throw new ConfigException(line.location(), "server", "server '" + name + "' has no address in '" + addr + "'");
        }
        ServerBuilder s = p.defaultServer.copy();
        s.name = name;
        s.host = hp.host();
        s.port = hp.port();
        options(line, 3, s);
        p.servers.add(s.build(line.location(), ServerTlsOptions.build(line, name, s.tls)));
    }

    private static void options(Line line, int from, ServerBuilder s) throws ConfigException {
        int i = from;
        while (i < line.size()) {
            String opt = line.word(i);
            int tlsEnd = ServerTlsOptions.parse(line, i, s.tls);
            if (tlsEnd >= 0) {
                i = tlsEnd + 1;
                continue;
            }
            switch (opt) {
                case "check" -> s.check = true;
                case "no-check" -> s.check = false;
                case "backup" -> s.backup = true;
                case "no-backup" -> s.backup = false;
                case "disabled" -> s.disabled = true;
                case "enabled" -> s.disabled = false;
                case "agent-check" -> s.agentCheck = true;
                case "no-agent-check" -> s.agentCheck = false;
                case "port" -> s.checkPort = Values.port(line, arg(line, ++i, opt));
                case "addr" -> s.checkAddr = arg(line, ++i, opt);
                case "agent-addr" -> s.agentAddr = arg(line, ++i, opt);
                case "agent-port" -> s.agentPort = Values.port(line, arg(line, ++i, opt));
                case "inter" -> s.inter = positiveTime(line, ++i, opt);
                case "fastinter" -> s.fastinter = positiveTime(line, ++i, opt);
                case "downinter" -> s.downinter = positiveTime(line, ++i, opt);
                case "agent-inter" -> s.agentInter = positiveTime(line, ++i, opt);
                case "drain-deadline" -> s.drainDeadline = positiveTime(line, ++i, opt);
                case "rise" -> s.rise = number(line, ++i, opt, 1, 1_000_000);
                case "fall" -> s.fall = number(line, ++i, opt, 1, 1_000_000);
                case "weight" -> s.weight = number(line, ++i, opt, 0, 256);
                case "maxconn" -> s.maxconn = number(line, ++i, opt, 0, 10_000_000);
                case "maxqueue" -> s.maxqueue = number(line, ++i, opt, 0, 10_000_000);
                case "on-marked-down" -> {
                    String v = arg(line, ++i, opt);
                    if (!v.equals("shutdown-sessions")) {
                        throw new ConfigException(line.location(), opt, "expects 'shutdown-sessions', not '" + v + "'");
                    }
                    s.shutdownSessionsOnDown = true;
                }
                case "on-marked-up" -> {
                    String v = arg(line, ++i, opt);
                    if (!v.equals("shutdown-backup-sessions")) {
                        throw new ConfigException(line.location(), opt, "expects 'shutdown-backup-sessions', not '" + v + "'");
                    }
                    s.shutdownBackupSessionsOnUp = true;
                }
                default -> throw new ConfigException(line.location(), opt,
                        "unknown server option '" + opt + "' in '" + line.keyword() + "' (Haven does not implement it)");
            }
            i++;
        }
    }

    private static String arg(Line line, int i, String opt) throws ConfigException {
        String v = line.word(i);
        if (v == null) {
            throw new ConfigException(line.location(), opt, "'" + opt + "' expects an argument");
        }
        return v;
    }

    private static int number(Line line, int i, String opt, int min, int max) throws ConfigException {
        String v = arg(line, i, opt);
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(line.location(), opt,
                "'" + opt + "' expects an integer between " + min + " and " + max + ", not '" + v + "'");
    }

    private static long positiveTime(Line line, int i, String opt) throws ConfigException {
        arg(line, i, opt);
        long ms;
        try {
            ms = Values.time(line, i);
        } catch (ConfigException e) {
            throw new ConfigException(line.location(), opt, "'" + opt + "' expects a time such as 2s, not '" + line.word(i) + "'");
        }
        if (ms <= 0) {
            throw new ConfigException(line.location(), opt, "'" + opt + "' must be greater than zero");
        }
        return ms;
    }
}
