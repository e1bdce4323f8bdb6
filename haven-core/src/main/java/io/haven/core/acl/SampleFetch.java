package io.haven.core.acl;

/**
 * A sample fetch bound to its arguments. {@link #fetch} returns a Boolean, Long, InetAddress
 * or String matching {@link #type()}, or null when no sample is available.
 */
public interface SampleFetch {
    SampleType type();

    Object fetch(SampleContext ctx);
}
