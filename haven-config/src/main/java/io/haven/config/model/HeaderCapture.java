package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * One request or response capture slot of a frontend, printed by the access log's
 * {@code %hr}/{@code %hs}: {@code capture request|response header NAME len N} keeps the last line
 * of header NAME, cut to {@code length} characters; {@code http-request capture SAMPLE len N}
 * (then {@code rule} is where that rule is) keeps the value of SAMPLE when the rule runs.
 *
 * @param name   the header name, or the sample expression of an {@code http-request capture}
 * @param rule   the {@code http-request capture} line filling this slot, null for a header capture
 */
public record HeaderCapture(String name, int length, SourceLocation rule) {
    public HeaderCapture(String name, int length) {
        this(name, length, null);
    }

    /** Whether an {@code http-request capture} rule fills this slot, rather than a header. */
    public boolean bySample() {
        return rule != null;
    }
}
