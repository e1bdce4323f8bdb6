package io.haven.config;

import io.haven.config.model.CheckType;
import io.haven.config.model.HttpCheckConfig;
import io.haven.config.model.TcpCheckRule;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Health check options: {@code option httpchk|tcp-check|mysql-check}, {@code http-check}, {@code tcp-check}. */
final class CheckKeywords {
    private CheckKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.option("httpchk", Section.WITH_BACKEND, false, (line, at, p, on) -> {
            int args = line.size() - at;
            HttpCheckConfig d = HttpCheckConfig.DEFAULT;
            HttpCheckConfig base = p.checkType == CheckType.HTTP ? p.http : d;
            p.checkType = CheckType.HTTP;
            p.http = switch (args) {
                case 0 -> new HttpCheckConfig(d.method(), d.uri(), d.version(), base.expect(), base.disableOn404());
                case 1 -> new HttpCheckConfig(d.method(), line.word(at), d.version(), base.expect(), base.disableOn404());
                case 2 -> new HttpCheckConfig(line.word(at), line.word(at + 1), d.version(), base.expect(), base.disableOn404());
                case 3 -> new HttpCheckConfig(line.word(at), line.word(at + 1), line.word(at + 2), base.expect(), base.disableOn404());
                default -> throw new ConfigException(line.location(), "option httpchk",
                        "expects at most METHOD URI VERSION, got " + args + " arguments");
            };
        });
        r.option("tcp-check", Section.WITH_BACKEND, false, (line, at, p, on) -> {
            ProxyKeywords.noArgs(line, at);
            p.checkType = CheckType.TCP_CHECK;
        });
        r.option("mysql-check", Section.WITH_BACKEND, false, (line, at, p, on) -> {
            p.checkType = CheckType.MYSQL;
            p.mysqlUser = null;
            if (line.size() > at) {
                if (!line.word(at).equals("user") || line.size() < at + 2) {
                    throw new ConfigException(line.location(), "option mysql-check", "expects 'user NAME' or nothing");
                }
                p.mysqlUser = line.word(at + 1);
                if (line.size() > at + 2) {
                    String v = line.word(at + 2);
                    if (!v.equals("post-41") || line.size() > at + 3) {
                        throw new ConfigException(line.location(), "option mysql-check",
                                "unexpected '" + v + "' (Haven speaks the post-4.1 protocol only)");
                    }
                }
            }
        });
        r.proxy("http-check", Section.WITH_BACKEND, CheckKeywords::httpCheck);
        r.proxy("tcp-check", Section.WITH_BACKEND, CheckKeywords::tcpCheck);
    }

    private static void httpCheck(Line line, ProxyBuilder p, ParseContext ctx) throws ConfigException {
        String what = Values.required(line, 1, "expect or disable-on-404");
        switch (what) {
            case "disable-on-404" -> {
                ProxyKeywords.noArgs(line, 2);
                p.http = p.http.withDisableOn404();
            }
            case "expect" -> {
                int i = 2;
                boolean negated = false;
                if ("!".equals(line.word(i))) {
                    negated = true;
                    i++;
                }
                String kind = Values.required(line, i, "status, rstatus, string or rstring");
                HttpCheckConfig.Expect.Kind k = switch (kind) {
                    case "status" -> HttpCheckConfig.Expect.Kind.STATUS;
                    case "rstatus" -> HttpCheckConfig.Expect.Kind.RSTATUS;
                    case "string" -> HttpCheckConfig.Expect.Kind.STRING;
                    case "rstring" -> HttpCheckConfig.Expect.Kind.RSTRING;
                    default -> throw new ConfigException(line.location(), "http-check expect",
                            "unknown or unimplemented match '" + kind + "', expected status, rstatus, string or rstring");
                };
                String pattern = Values.required(line, i + 1, "a pattern");
                if (line.size() > i + 2) {
                    throw new ConfigException(line.location(), "http-check expect",
                            "unexpected '" + line.word(i + 2) + "' after the pattern");
                }
                if (k == HttpCheckConfig.Expect.Kind.RSTATUS || k == HttpCheckConfig.Expect.Kind.RSTRING) {
                    regex(line, "http-check expect", pattern);
                }
                p.http = p.http.withExpect(new HttpCheckConfig.Expect(negated, k, pattern));
            }
            default -> throw new ConfigException(line.location(), "http-check " + what,
                    "unknown or unimplemented 'http-check " + what + "', expected expect or disable-on-404");
        }
    }

    private static void tcpCheck(Line line, ProxyBuilder p, ParseContext ctx) throws ConfigException {
        String what = Values.required(line, 1, "connect, send, send-binary or expect");
        TcpCheckRule rule = switch (what) {
            case "connect" -> {
                int port = 0;
                for (int i = 2; i < line.size(); i++) {
                    if (line.word(i).equals("port") && line.word(i + 1) != null) {
                        port = Values.port(line, line.word(++i));
                    } else {
                        throw new ConfigException(line.location(), "tcp-check connect",
                                "unknown or unimplemented option '" + line.word(i) + "' (Haven implements 'port N')");
                    }
                }
                yield new TcpCheckRule(TcpCheckRule.Action.CONNECT, port, null, false, null, null, line.location());
            }
            case "send" -> {
                GlobalKeywords.expectArgs(line, 2);
                yield new TcpCheckRule(TcpCheckRule.Action.SEND, 0, line.word(2).getBytes(StandardCharsets.ISO_8859_1),
                        false, null, null, line.location());
            }
            case "send-binary" -> {
                GlobalKeywords.expectArgs(line, 2);
                yield new TcpCheckRule(TcpCheckRule.Action.SEND, 0, Values.hex(line, line.word(2)), false, null, null,
                        line.location());
            }
            case "expect" -> {
                int i = 2;
                boolean negated = false;
                if ("!".equals(line.word(i))) {
                    negated = true;
                    i++;
                }
                String kind = Values.required(line, i, "string, rstring or binary");
                TcpCheckRule.Match m = switch (kind) {
                    case "string" -> TcpCheckRule.Match.STRING;
                    case "rstring" -> TcpCheckRule.Match.RSTRING;
                    case "binary" -> TcpCheckRule.Match.BINARY;
                    default -> throw new ConfigException(line.location(), "tcp-check expect",
                            "unknown or unimplemented match '" + kind + "', expected string, rstring or binary");
                };
                String pattern = Values.required(line, i + 1, "a pattern");
                if (line.size() > i + 2) {
                    throw new ConfigException(line.location(), "tcp-check expect",
                            "unexpected '" + line.word(i + 2) + "' after the pattern");
                }
                if (m == TcpCheckRule.Match.RSTRING) {
                    regex(line, "tcp-check expect", pattern);
                } else if (m == TcpCheckRule.Match.BINARY) {
                    Values.hex(line, pattern);
                }
                yield new TcpCheckRule(TcpCheckRule.Action.EXPECT, 0, null, negated, m, pattern, line.location());
            }
            default -> throw new ConfigException(line.location(), "tcp-check " + what,
                    "unknown or unimplemented 'tcp-check " + what + "', expected connect, send, send-binary or expect");
        };
        p.tcpRules.add(rule);
    }

    private static void regex(Line line, String keyword, String pattern) throws ConfigException {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(line.location(), keyword, "invalid regular expression '" + pattern + "': "
                    + e.getDescription());
        }
    }
}
