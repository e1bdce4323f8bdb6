package io.haven.config;

import io.haven.config.model.LogTarget;
import java.util.Set;

/** {@code log} in global and proxy sections, {@code log global}, {@code no log}. */
final class LogKeywords {
    static final Set<String> FACILITIES = Set.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "auth2", "ftp", "ntp", "audit", "alert", "cron2",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    static final Set<String> LEVELS = Set.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");
    static final Set<String> FORMATS = Set.of("raw", "rfc3164", "rfc5424", "short");

    private LogKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.proxy("log", Section.PROXIES, (line, p, ctx) -> {
            if ("global".equals(line.word(1)) && line.size() == 2) {
                p.logGlobal = true;
            } else {
                p.logs.add(target(line));
            }
        });
        r.proxy("no log", Section.PROXIES, (line, p, ctx) -> {
            p.logs.clear();
            p.logGlobal = false;
        });
    }

    /** {@code log TARGET [format FMT] FACILITY [LEVEL [MINLEVEL]]}. */
    static LogTarget target(Line line) throws ConfigException {
        String where = Values.required(line, 1, "stdout, stderr or a syslog ADDR[:PORT]");
        int i = 2;
        String format = "rfc3164";
        while (i < line.size() && (line.word(i).equals("format") || line.word(i).equals("len"))) {
            String opt = line.word(i);
            String v = Values.required(line, i + 1, opt.equals("format") ? "raw, rfc3164, rfc5424 or short" : "a length");
            if (opt.equals("format")) {
                if (!FORMATS.contains(v)) {
                    throw new ConfigException(line.location(), "log", "unknown log format '" + v + "', expected one of " + FORMATS);
                }
                format = v;
            }
            i += 2;
        }
        String facility = Values.required(line, i, "a syslog facility such as local0");
        if (!FACILITIES.contains(facility)) {
            throw new ConfigException(line.location(), "log", "unknown facility '" + facility + "', expected one of " + FACILITIES);
        }
        String level = "debug";
        if (line.size() > i + 1) {
            level = line.word(i + 1);
            if (!LEVELS.contains(level)) {
                throw new ConfigException(line.location(), "log", "unknown level '" + level + "', expected one of " + LEVELS);
            }
        }
        if (line.size() > i + 3) {
            throw new ConfigException(line.location(), "log", "unexpected '" + line.word(i + 3) + "' after the levels");
        }
        switch (where) {
            case "stdout":
                return new LogTarget(LogTarget.Kind.STDOUT, null, 0, format, facility, level);
            case "stderr":
                return new LogTarget(LogTarget.Kind.STDERR, null, 0, format, facility, level);
            default:
                if (where.startsWith("/") || where.startsWith("unix@")) {
                    throw new ConfigException(line.location(), "log",
                            "logging to a unix socket ('" + where + "') is not implemented; use stdout, stderr or a UDP syslog ADDR:PORT");
                }
                String a = where.startsWith("udp@") ? where.substring(4) : where.startsWith("ipv4@") ? where.substring(5) : where;
                Values.HostPort hp = Values.hostPort(line, a, false);
                if (hp.host().isEmpty()) {
                    throw new ConfigException(line.location(), "log", "a syslog address needs a host: '" + where + "'");
                }
                return new LogTarget(LogTarget.Kind.UDP, hp.host(), hp.port() == 0 ? 514 : hp.port(), format, facility, level);
        }
    }
}
