package io.haven.core.acl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * HAProxy's match methods ({@code -m found|bool|int|ip|str|beg|end|sub|dom|dir|reg|len|bin}) compiled from an
 * ACL's patterns. Any pattern matching makes the ACL true.
 */
final class Matchers {
    private Matchers() {
    }

    static Matcher compile(String method, List<String> values, boolean ignoreCase) {
        return switch (method) {
            case "found" -> {
                noValues(method, values);
                yield s -> s != null;
            }
            case "bool" -> {
                noValues(method, values);
                yield Matchers::truthy;
            }
            case "int" -> integers(values);
            case "ip" -> ips(values);
            case "str", "beg", "end", "sub", "dom", "dir" -> strings(method, values, ignoreCase);
            case "reg" -> regexes(values, ignoreCase);
            case "len" -> {
                Matcher lengths = integers(values);
                yield s -> s != null && lengths.matches((long) text(s).length());
            }
            case "bin" -> binaries(values);
            default -> throw new IllegalArgumentException("unknown or unimplemented match method '-m " + method
                    + "', expected found, bool, int, ip, str, beg, end, sub, dom, dir, reg, len or bin");
        };
    }

    static String defaultMethod(SampleType type) {
        return switch (type) {
            case BOOL -> "bool";
            case INT -> "int";
            case IP -> "ip";
            case STR -> "str";
            case BIN -> "bin";
        };
    }

    private static void noValues(String method, List<String> values) {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("match method '" + method + "' takes no pattern, got '" + values.get(0) + "'");
        }
    }

    private static boolean truthy(Object s) {
        if (s instanceof Boolean b) {
            return b;
        }
        if (s instanceof Long l) {
            return l != 0;
        }
        return s != null;
    }

    private static Long asLong(Object s) {
        return s instanceof java.net.InetAddress ? null : io.haven.core.sample.Samples.toLong(s);
    }

    private record Range(long min, long max) {
    }

    private static Matcher integers(List<String> values) {
        if (values.isEmpty()) {
            return s -> false; // as in HAProxy, an integer ACL without pattern never matches
        }
        String op = null;
        List<Range> ranges = new ArrayList<>();
        for (String v : values) {
            if (op == null && ranges.isEmpty() && List.of("eq", "ne", "lt", "le", "gt", "ge").contains(v)) {
                op = v;
                continue;
            }
            ranges.add(range(op, v));
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("operator '" + op + "' needs a value after it");
        }
        if ("ne".equals(op)) {
            return s -> {
                Long n = asLong(s);
                if (n == null) {
                    return false;
                }
                for (Range r : ranges) {
                    if (n == r.min) {
                        return false;
                    }
                }
                return true;
            };
        }
        return s -> {
            Long n = asLong(s);
            if (n == null) {
                return false;
            }
            for (Range r : ranges) {
                if (n >= r.min && n <= r.max) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Range range(String op, String v) {
        try {
            if (op != null) {
                long n = Long.parseLong(v);
                return switch (op) {
                    case "eq", "ne" -> new Range(n, n);
                    case "lt" -> new Range(Long.MIN_VALUE, n - 1);
                    case "le" -> new Range(Long.MIN_VALUE, n);
                    case "gt" -> new Range(n + 1, Long.MAX_VALUE);
                    default -> new Range(n, Long.MAX_VALUE);
                };
            }
            int colon = v.indexOf(':');
            if (colon < 0) {
                long n = Long.parseLong(v);
                return new Range(n, n);
            }
            String lo = v.substring(0, colon);
            String hi = v.substring(colon + 1);
            return new Range(lo.isEmpty() ? Long.MIN_VALUE : Long.parseLong(lo), hi.isEmpty() ? Long.MAX_VALUE : Long.parseLong(hi));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not an integer, a range N:M, or an operator eq, ne, lt, le, gt, ge");
        }
    }

    private static Matcher ips(List<String> values) {
        List<Cidr> nets = new ArrayList<>();
        for (String v : values) {
            nets.add(Cidr.parse(v));
        }
        return s -> {
            InetAddress a = io.haven.core.sample.Samples.toIp(s);
            if (a == null) {
                return false;
            }
            for (Cidr c : nets) {
                if (c.contains(a)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static String text(Object s) {
        return io.haven.core.sample.Samples.toStr(s);
    }

    private static Matcher strings(String method, List<String> values, boolean ignoreCase) {
        List<String> pats = values.stream().map(v -> ignoreCase ? v.toLowerCase(Locale.ROOT) : v).toList();
        return s -> {
            String t = text(s);
            if (t == null) {
                return false;
            }
            if (ignoreCase) {
                t = t.toLowerCase(Locale.ROOT);
            }
            for (String p : pats) {
                boolean m = switch (method) {
                    case "str" -> t.equals(p);
                    case "beg" -> t.startsWith(p);
                    case "end" -> t.endsWith(p);
                    case "dom" -> Patterns.word(t, p, '.', false);
                    case "dir" -> Patterns.word(t, p, '/', false);
                    default -> t.contains(p);
                };
                if (m) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Matcher binaries(List<String> values) {
        List<byte[]> pats = new ArrayList<>();
        for (String v : values) {
            try {
                pats.add(java.util.HexFormat.of().parseHex(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + v + "' is not a hexadecimal string (-m bin)");
            }
        }
        return s -> {
            if (s == null) {
                return false;
            }
            byte[] b = io.haven.core.sample.Samples.toBin(s);
            for (byte[] p : pats) {
                if (java.util.Arrays.equals(b, p)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Matcher regexes(List<String> values, boolean ignoreCase) {
        List<Pattern> pats = new ArrayList<>();
        for (String v : values) {
            try {
                pats.add(Pattern.compile(v, ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression '" + v + "': " + e.getDescription());
            }
        }
        return s -> {
            String t = text(s);
            if (t == null) {
                return false;
            }
            for (Pattern p : pats) {
                if (p.matcher(t).find()) {
                    return true;
                }
            }
            return false;
        };
    }
}
