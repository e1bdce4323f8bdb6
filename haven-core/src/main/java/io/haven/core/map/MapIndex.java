package io.haven.core.map;

import io.haven.core.acl.Cidr;
import io.haven.core.acl.Patterns;
import io.haven.core.sample.Samples;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A map's entries compiled for one match kind; immutable, so event loops read it without locks.
 * Exact strings use a hash table; prefixes and networks keep the longest match (as HAProxy's
 * trees do); the other kinds take the first matching entry in file order.
 */
final class MapIndex {
    private final MapMatch match;
    private final Map<String, MapEntry> exact;
    private final List<MapEntry> entries;
    private final Object[] compiled;

    private MapIndex(MapMatch match, Map<String, MapEntry> exact, List<MapEntry> entries, Object[] compiled) {
        this.match = match;
        this.exact = exact;
        this.entries = entries;
        this.compiled = compiled;
    }

    /** Compiles {@code entries} for {@code match}; a key that cannot be used throws with its line. */
    static MapIndex build(MapMatch match, List<MapEntry> entries, String file) {
        if (match == MapMatch.STR) {
            Map<String, MapEntry> exact = new HashMap<>();
            for (MapEntry e : entries) {
                exact.putIfAbsent(e.key(), e);
            }
            return new MapIndex(match, exact, entries, null);
        }
        Object[] compiled = new Object[entries.size()];
        for (int i = 0; i < compiled.length; i++) {
            MapEntry e = entries.get(i);
            try {
                compiled[i] = compileKey(match, e.key());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException((e.line() > 0 ? file + ":" + e.line() + ": " : "")
                        + "invalid " + match.word() + " key '" + e.key() + "': " + ex.getMessage());
            }
        }
        return new MapIndex(match, null, entries, compiled);
    }

    static Object compileKey(MapMatch match, String key) {
        return switch (match) {
            case REG -> {
                try {
                    yield Pattern.compile(key);
                } catch (PatternSyntaxException ex) {
                    throw new IllegalArgumentException(ex.getDescription());
                }
            }
            case INT, LEN -> range(key);
            case IP -> Cidr.parse(key);
            default -> key;
        };
    }

    private static long[] range(String key) {
        try {
            int colon = key.indexOf(':');
            if (colon < 0) {
                long n = Long.parseLong(key);
                return new long[] {n, n};
            }
            String lo = key.substring(0, colon);
            String hi = key.substring(colon + 1);
            return new long[] {lo.isEmpty() ? Long.MIN_VALUE : Long.parseLong(lo), hi.isEmpty() ? Long.MAX_VALUE : Long.parseLong(hi)};
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("not an integer or a range N:M");
        }
    }

    /** The matching entry for {@code sample} (already cast to the kind's input type), or null. */
    MapEntry lookup(Object sample) {
        if (match == MapMatch.STR) {
            return exact.get((String) sample);
        }
        if (match == MapMatch.BEG || match == MapMatch.IP) {
            return longest(sample);
        }
        for (int i = 0; i < compiled.length; i++) {
            if (matches(i, sample)) {
                return entries.get(i);
            }
        }
        return null;
    }

    private MapEntry longest(Object sample) {
        MapEntry best = null;
        int bestLength = -1;
        for (int i = 0; i < compiled.length; i++) {
            int length = match == MapMatch.IP ? ((Cidr) compiled[i]).bits() : ((String) compiled[i]).length();
            if (length > bestLength && matches(i, sample)) {
                best = entries.get(i);
                bestLength = length;
            }
        }
        return best;
    }

    private boolean matches(int i, Object sample) {
        Object key = compiled[i];
        return switch (match) {
            case BEG -> ((String) sample).startsWith((String) key);
            case END -> ((String) sample).endsWith((String) key);
            case SUB -> ((String) sample).contains((String) key);
            case DIR -> Patterns.word((String) sample, (String) key, '/', false);
            case DOM -> Patterns.word((String) sample, (String) key, '.', false);
            case REG -> ((Pattern) key).matcher((String) sample).find();
            case LEN -> inRange((long[]) key, ((String) sample).length());
            case INT -> inRange((long[]) key, (Long) sample);
            case IP -> ((Cidr) key).contains((InetAddress) sample);
            case STR -> sample.equals(key);
        };
    }

    private static boolean inRange(long[] r, long n) {
        return n >= r[0] && n <= r[1];
    }

    static Object toInput(MapMatch match, Object sample) {
        return Samples.cast(sample, match.input());
    }
}
