package io.haven.core.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * HAProxy's match methods ({@code -m found|bool|int|ip|str|beg|end|sub|reg}) compiled from an
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
            case "str", "beg", "end", "sub" -> strings(method, values, ignoreCase);
            case "reg" -> regexes(values, ignoreCase);
            default -> throw new IllegalArgumentException("unknown or unimplemented match method '-m " + method
                    + "', expected found, bool, int, ip, str, beg, end, sub or reg");
        };
    }

    static String defaultMethod(SampleType type) {
        return switch (type) {
            case BOOL -> "bool";
            case INT -> "int";
            case IP -> "ip";
            case STR -> "str";
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
        if (s instanceof Long l) {
            return l;
        }
        if (s instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (s instanceof String str) {
            try {
                return Long.parseLong(str.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
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

    private record Cidr(byte[] network, int bits) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }
    }

    private static Matcher ips(List<String> values) {
        List<Cidr> nets = new ArrayList<>();
        for (String v : values) {
            nets.add(cidr(v));
        }
        return s -> {
            if (!(s instanceof InetAddress a)) {
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

    private static Cidr cidr(String v) {
        String addr = v;
        String mask = null;
        int slash = v.indexOf('/');
        if (slash >= 0) {
            addr = v.substring(0, slash);
            mask = v.substring(slash + 1);
        }
        if (!addr.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("'" + v + "' is not an IP address or network (host names are not resolved)");
        }
        byte[] net;
        try {
            net = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + v + "' is not an IP address or network");
        }
        int bits = net.length * 8;
        if (mask != null) {
            if (mask.contains(".")) {
                try {
                    bits = Integer.bitCount(java.nio.ByteBuffer.wrap(InetAddress.getByName(mask).getAddress()).getInt());
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("'" + v + "' has an invalid netmask");
                }
            } else {
                try {
                    bits = Integer.parseInt(mask);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + v + "' has an invalid prefix length");
                }
            }
            if (bits < 0 || bits > net.length * 8) {
                throw new IllegalArgumentException("'" + v + "' has an invalid prefix length");
            }
        }
        return new Cidr(net, bits);
    }

    private static String text(Object s) {
        if (s == null) {
            return null;
        }
        if (s instanceof InetAddress a) {
            return a.getHostAddress();
        }
        return s.toString();
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
                    default -> t.contains(p);
                };
                if (m) {
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
