package io.haven.core.log;

import io.haven.core.acl.SampleContext;

/**
 * One finished transaction or session as a log line sees it: the data plane implements it and
 * {@link LogFormat} asks it for each variable of the format.
 */
public interface LogRecord {

    /** Appends the value of {@code v} ({@code -} or nothing when unknown, as HAProxy prints it). */
    void append(LogVariable v, StringBuilder out);

    /** Appends the value of {@code v} under the {@code +Q} flag: in double quotes, unless the variable quotes its parts itself. */
    default void appendQuoted(LogVariable v, StringBuilder out) {
        out.append('"');
        append(v, out);
        out.append('"');
    }

    /** What {@code %[expr]} items are evaluated against. */
    SampleContext sampleContext();
}
