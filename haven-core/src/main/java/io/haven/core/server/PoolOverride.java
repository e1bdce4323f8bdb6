package io.haven.core.server;

import java.util.Locale;

/**
 * An operator's word on whether a server belongs to its pool, over what the checks say
 * ({@code set server B/S pool in|out|auto}). It is kept on the server with a
 * {@link PoolOverrideNote} and carried over a reload by backend/server name.
 */
public enum PoolOverride {
    /** The checks decide: the default. */
    AUTO,
    /**
     * Replication lag never excludes the server (a lag result of {@code option mysql-lag-check}
     * leaves it UP and in the balancer); a failed health check still takes it DOWN, and a 404
     * under {@code disable-on-404} still puts it in NOLB.
     */
    IN,
    /** No new connections whatever the checks say, as in DRAIN; open connections finish (drain-deadline applies). */
    OUT;

    /** The word of the runtime API command and of {@code show pools}: auto, in or out. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
