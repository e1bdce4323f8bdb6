package io.haven.config.model;

/**
 * {@code option httpchk [METHOD] [URI] [VERSION]} and {@code http-check ...}.
 * Defaults are HAProxy's: {@code OPTIONS / HTTP/1.0}; no expect rule means 2xx and 3xx pass.
 *
 * @param expect null when no {@code http-check expect} was given
 */
public record HttpCheckConfig(String method, String uri, String version, Expect expect, boolean disableOn404) {
    public static final HttpCheckConfig DEFAULT = new HttpCheckConfig("OPTIONS", "/", "HTTP/1.0", null, false);

    public HttpCheckConfig withExpect(Expect e) {
        return new HttpCheckConfig(method, uri, version, e, disableOn404);
    }

    public HttpCheckConfig withDisableOn404() {
        return new HttpCheckConfig(method, uri, version, expect, true);
    }

    /** {@code http-check expect [!] status|rstatus|string|rstring PATTERN}. */
    public record Expect(boolean negated, Kind kind, String pattern) {
        public enum Kind { STATUS, RSTATUS, STRING, RSTRING }
    }
}
