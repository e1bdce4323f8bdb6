package io.haven.core.format;

import io.haven.core.acl.SampleContext;

/**
 * A {@code %name} variable of a log-format string ({@code %ci}, {@code %b}, {@code %HM} ...). It
 * gives its value, or null to let the format print {@code -} for "unknown". Other modules add the
 * variables only they know with {@link FormatVariables#register}.
 */
@FunctionalInterface
public interface FormatVariable {
    /** The value for {@code ctx}, or null when it is unknown. */
    Object value(SampleContext ctx);
}
