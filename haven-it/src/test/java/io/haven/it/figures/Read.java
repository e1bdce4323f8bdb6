package io.haven.it.figures;

/**
 * One read of {@link ReadClient}: a new connection through the proxy, {@code @@server_id} and the
 * heartbeat lag as that server computed it. Times are wall-clock microseconds since the epoch,
 * the clock MariaDB's {@code UTC_TIMESTAMP(6)} reads on this machine.
 *
 * @param startMicros when the client began to connect (the proxy picks the server then)
 * @param endMicros when the result had arrived, or the failure
 * @param serverId the server that answered; 0 when the read failed
 * @param lagMicros the heartbeat lag measured by the query; -1 if failed or NULL
 * @param error the failure in one line; null for a successful read
 */
record Read(long startMicros, long endMicros, int serverId, long lagMicros, String error) {
    boolean ok() {
        return error == null;
    }

    /** Served, by any server, with a measured lag over {@code thresholdMicros}. */
    boolean staleOver(long thresholdMicros) {
        return ok() && lagMicros > thresholdMicros;
    }
}
