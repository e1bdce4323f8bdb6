package io.haven.core.acl;

import java.util.Locale;

/**
 * Single-pattern string matching shared by ACLs and maps: HAProxy's {@code dom} and {@code dir}
 * methods look for the pattern as whole words between delimiters.
 */
public final class Patterns {
    private Patterns() {
    }

    /**
     * Whether {@code pattern} occurs in {@code sample} as a run of whole words delimited by
     * {@code delim} (or the ends of the sample). The pattern's own leading and trailing delimiters
     * are ignored; {@code dir} uses '/', {@code dom} uses '.'.
     */
    public static boolean word(String sample, String pattern, char delim, boolean ignoreCase) {
        int from = 0;
        int to = pattern.length();
        while (from < to && pattern.charAt(from) == delim) {
            from++;
        }
        while (to > from && pattern.charAt(to - 1) == delim) {
            to--;
        }
        String p = pattern.substring(from, to);
        if (p.isEmpty()) {
            return false;
        }
        String s = sample;
        if (ignoreCase) {
            s = s.toLowerCase(Locale.ROOT);
            p = p.toLowerCase(Locale.ROOT);
        }
        int at = s.indexOf(p);
        while (at >= 0) {
            int end = at + p.length();
            boolean before = at == 0 || s.charAt(at - 1) == delim;
            boolean after = end == s.length() || s.charAt(end) == delim;
            if (before && after) {
                return true;
            }
            at = s.indexOf(p, at + 1);
        }
        return false;
    }
}
