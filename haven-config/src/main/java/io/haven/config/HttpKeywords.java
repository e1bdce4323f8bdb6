package io.haven.config;

import io.haven.config.model.HeaderCapture;
import io.haven.config.model.HttpSettings.ForwardFor;
import io.haven.config.model.HttpSettings.HttpConnectionMode;
import io.haven.config.model.HttpSettings.HttpReuse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Keywords of {@code mode http} proxies: {@code http-reuse}, {@code option forwardfor},
 * {@code option http-server-close|httpclose|http-keep-alive}, {@code option httplog [clf]},
 * {@code log-format}, {@code errorfile}, {@code capture request|response header},
 * {@code timeout http-request|http-keep-alive} and the
 * global {@code tune.bufsize}.
 */
final class HttpKeywords {
    /** The codes HAProxy 2.6 accepts in {@code errorfile}. */
    static final Set<Integer> ERROR_CODES = Set.of(200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429,
            500, 501, 502, 503, 504);

    private HttpKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.global("tune.bufsize", (line, g, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            g.bufsize = Values.integer(line, 1, 1024, 1 << 26);
        });
        r.proxy("http-reuse", Section.WITH_BACKEND, (line, p, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            try {
                p.httpSettings.reuse = HttpReuse.valueOf(line.word(1).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Values.bad(line, line.word(1), "never, safe, aggressive or always");
            }
        });
        r.option("forwardfor", Section.PROXIES, true, HttpKeywords::forwardFor);
        connectionMode(r, "http-keep-alive", HttpConnectionMode.KEEP_ALIVE);
        connectionMode(r, "http-server-close", HttpConnectionMode.SERVER_CLOSE);
        connectionMode(r, "httpclose", HttpConnectionMode.CLOSE);
        r.option("httplog", Section.WITH_FRONTEND, true, (line, at, p, on) -> {
            if (line.size() > at && !(on && line.size() == at + 1 && line.word(at).equals("clf"))) {
                throw new ConfigException(line.location(), "option httplog",
                        "unexpected argument '" + line.word(at) + "' (accepted: 'clf')");
            }
            p.httpSettings.httpLog = on;
            p.httpSettings.clf = on && line.size() > at;
            if (on) {
                p.httpSettings.logFormat = null; // the last of option httplog / log-format wins, as in HAProxy
            }
        });
        r.proxy("log-format", Section.WITH_FRONTEND, (line, p, ctx) -> {
            if (line.size() < 2) {
                throw new ConfigException(line.location(), "log-format", "expects a format string");
            }
            p.httpSettings.logFormat = String.join(" ", line.words().subList(1, line.size()));
        });
        r.proxy("errorfile", Section.PROXIES, HttpKeywords::errorFile);
        r.proxy("capture", Section.FRONTEND_ONLY, HttpKeywords::capture);
    }

    /** {@code capture request|response header NAME len N}; {@code capture cookie} is not implemented. */
    private static void capture(Line line, ProxyBuilder p, ParseContext ctx) throws ConfigException {
        String what = Values.required(line, 1, "'request header', 'response header' or 'cookie'");
        if (what.equals("cookie")) {
            throw new ConfigException(line.location(), "capture cookie", "is not implemented (Haven captures headers:"
                    + " 'capture request header NAME len N', 'capture response header NAME len N')");
        }
        if (!what.equals("request") && !what.equals("response") || line.size() != 6 || !line.word(2).equals("header")
                || !line.word(4).equals("len")) {
            throw new ConfigException(line.location(), "capture",
                    "expects 'capture request header NAME len N' or 'capture response header NAME len N'");
        }
        HeaderCapture c = new HeaderCapture(line.word(3), Values.integer(line, 5, 1, 65536));
        (what.equals("request") ? p.httpSettings.requestCaptures : p.httpSettings.responseCaptures).add(c);
    }

    private static void connectionMode(KeywordRegistry r, String name, HttpConnectionMode mode) {
        r.option(name, Section.PROXIES, true, (line, at, p, on) -> {
            ProxyKeywords.noArgs(line, at);
            if (on) {
                p.httpSettings.connectionMode = mode;
            } else if (p.httpSettings.connectionMode == mode) {
                p.httpSettings.connectionMode = HttpConnectionMode.KEEP_ALIVE;
            }
        });
    }

    /** {@code timeout http-request|http-keep-alive}; false when {@code which} is neither. */
    static boolean timeout(String which, long ms, ProxyBuilder p) {
        switch (which) {
            case "http-request" -> p.httpSettings.requestTimeout = ms;
            case "http-keep-alive" -> p.httpSettings.keepAliveTimeout = ms;
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void forwardFor(Line line, int at, ProxyBuilder p, boolean on) throws ConfigException {
        if (!on) {
            ProxyKeywords.noArgs(line, at);
            p.httpSettings.forwardFor = null;
            return;
        }
        String header = "X-Forwarded-For";
        String except = null;
        boolean ifNone = false;
        for (int i = at; i < line.size(); i++) {
            String w = line.word(i);
            switch (w) {
                case "except" -> {
                    except = Values.required(line, ++i, "a network such as 10.0.0.0/8");
                    if (!except.matches("[0-9.]+(/\\d{1,2})?|[0-9a-fA-F:]+(/\\d{1,3})?")) {
                        throw Values.bad(line, except, "an IP address or network such as 10.0.0.0/8");
                    }
                }
                case "header" -> header = Values.required(line, ++i, "a header name");
                case "if-none" -> ifNone = true;
                default -> throw new ConfigException(line.location(), "option forwardfor",
                        "unexpected argument '" + w + "', expected except, header or if-none");
            }
        }
        p.httpSettings.forwardFor = new ForwardFor(header, except, ifNone);
    }

    private static void errorFile(Line line, ProxyBuilder p, ParseContext ctx) throws ConfigException {
        GlobalKeywords.expectArgs(line, 2);
        int code = Values.integer(line, 1, 100, 599);
        if (!ERROR_CODES.contains(code)) {
            throw new ConfigException(line.location(), "errorfile", "status code '" + code
                    + "' not handled, expected one of 200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429, 500, 501, 502, 503 or 504");
        }
        Path file = Path.of(line.word(2));
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(line.location(), "errorfile", "cannot read '" + file + "': " + e.getMessage());
        }
        String problem = ErrorFileCheck.problem(content);
        if (problem != null) {
            throw new ConfigException(line.location(), "errorfile", "'" + file + "' is not a valid HTTP response: " + problem);
        }
        p.httpSettings.errorFiles.put(code, content);
    }
}
