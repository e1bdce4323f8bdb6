package io.haven.core.acl;

import java.util.Map;

/**
 * HAProxy's ACL-only fetch names that carry a match method: {@code path_beg} is {@code path}
 * matched with {@code -m beg}, {@code hdr_sub(host)} is {@code hdr(host) -m sub},
 * {@code hdr_val} matches as integers, {@code hdr_ip} as addresses.
 */
final class AclShorthands {
    record Shorthand(String fetch, String method) {
    }

    private static final Map<String, String> SUFFIXES = Map.of(
            "beg", "beg", "end", "end", "sub", "sub", "reg", "reg", "dir", "dir", "dom", "dom",
            "len", "len", "val", "int", "ip", "ip");

    private AclShorthands() {
    }

    /** The fetch and method {@code name} stands for, or null if it is not a shorthand of a known fetch. */
    static Shorthand resolve(String name) {
        if (FetchCatalog.factory(name) != null) {
            return null;
        }
        int us = name.lastIndexOf('_');
        if (us <= 0) {
            return null;
        }
        String method = SUFFIXES.get(name.substring(us + 1));
        String fetch = name.substring(0, us);
        if (method == null || FetchCatalog.factory(fetch) == null) {
            return null;
        }
        return new Shorthand(fetch, method);
    }
}
