package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * A {@code server} line, with {@code default-server} values already applied.
 * Times are milliseconds. Defaults are HAProxy's: inter 2000, fastinter and downinter equal
 * to inter when unset (0 here), rise 2, fall 3, weight 1, maxconn and maxqueue 0 (unlimited),
 * agent-inter 2000.
 *
 * @param checkAddr {@code addr}: where checks connect instead of the server's address, or null
 * @param checkPort {@code port}: where checks connect instead of the server's port, 0 for the same
 * @param agentPort {@code agent-port}, required with {@code agent-check}
 * @param agentAddr {@code agent-addr}, or null for the check address
 * @param drainDeadlineMs Haven's {@code drain-deadline}: how long connections may stay on a server
 *     that left the balancer without going down (NOLB: lag or 404; DRAIN) before Haven closes them;
 *     0 (the default) lets them run, as HAProxy does
 * @param tls {@code ssl} towards the server, null for plain TCP
 */
public record ServerConfig(
        String name, String host, int port,
        boolean check, String checkAddr, int checkPort,
        long inter, long fastinter, long downinter, int rise, int fall,
        int weight, boolean backup, boolean disabled, int maxconn, int maxqueue,
        boolean shutdownSessionsOnDown, boolean shutdownBackupSessionsOnUp,
        boolean agentCheck, String agentAddr, int agentPort, long agentInter,
        long drainDeadlineMs, SourceLocation location, TlsServerConfig tls) {

    public String checkHost() {
        return checkAddr != null ? checkAddr : host;
    }

    public int effectiveCheckPort() {
        return checkPort > 0 ? checkPort : port;
    }

    public long effectiveFastinter() {
        return fastinter > 0 ? fastinter : inter;
    }

    public long effectiveDowninter() {
        return downinter > 0 ? downinter : inter;
    }

    public String agentHost() {
        return agentAddr != null ? agentAddr : checkHost();
    }
}
