package io.haven.config.model;

/**
 * The {@code timeout} keywords of a proxy, in milliseconds; 0 means not set.
 * HAProxy's fallbacks apply where a value is unset: {@code client-fin} falls back to
 * {@code client}, {@code server-fin} to {@code server}, {@code queue} to {@code connect}.
 */
public record Timeouts(long connect, long client, long server, long check, long queue,
                       long clientFin, long serverFin, long tunnel) {
    public static final Timeouts NONE = new Timeouts(0, 0, 0, 0, 0, 0, 0, 0);

    public long effectiveQueue() {
        return queue > 0 ? queue : connect;
    }

    public long effectiveClientFin() {
        return clientFin > 0 ? clientFin : client;
    }

    public long effectiveServerFin() {
        return serverFin > 0 ? serverFin : server;
    }
}
