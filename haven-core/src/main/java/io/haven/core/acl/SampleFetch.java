package io.haven.core.acl;

import java.util.function.Function;

/**
 * A sample fetch bound to its arguments. {@link #fetch} returns a Boolean, Long, InetAddress,
 * String or byte[] matching {@link #type()}, or null when no sample is available.
 */
public interface SampleFetch {
    SampleType type();

    Object fetch(SampleContext ctx);

    /** A fetch of {@code type} computed by {@code getter}. */
    static SampleFetch of(SampleType type, Function<SampleContext, Object> getter) {
        return new SampleFetch() {
            @Override
            public SampleType type() {
                return type;
            }

            @Override
            public Object fetch(SampleContext ctx) {
                return getter.apply(ctx);
            }
        };
    }
}
