package io.haven.core.logformat;

import io.haven.core.acl.SampleContext;

/**
 * A {@code %name} variable of a log-format string ({@code %ci}, {@code %b}, {@code %HM} ...). It
 * appends its value, or nothing to let the format print {@code -} for "unknown". The data plane
 * registers the variables only it knows (timers, byte counts, termination state) with
 * {@link LogVariables#register}.
 */
@FunctionalInterface
public interface LogVariable {
    /** The value for {@code ctx}, or null when it is unknown. */
    Object value(SampleContext ctx);
}
