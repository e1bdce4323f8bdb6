package io.haven.config.model;

/**
 * {@code option mysql-lag-check user NAME [password-file FILE] [heartbeat TABLE | replica-status]
 * [max-lag TIME] [back-in TIME]}: Haven measures each replica's replication lag itself over one
 * persistent connection per server, at every check ({@code inter}, so sub-second with
 * {@code inter 100ms}). A replica whose lag is above {@code maxLagMs}, or unknown, leaves the
 * balancer at once (NOLB: open connections finish); it comes back when the lag is at or below
 * {@code backInMs} (hysteresis). The writer (a server without replica status) is never excluded for lag.
 *
 * @param password read from {@code password-file} when the configuration is loaded, "" without one
 * @param heartbeatTable a pt-heartbeat table ({@code db.table}) whose newest {@code ts} gives the lag,
 *     or null to use {@code Seconds_Behind_Master} from {@code SHOW SLAVE STATUS}
 * @param maxLagMs default 1000
 * @param backInMs default half of {@code maxLagMs}
 * @param minServers {@code min-servers}: the pool's floor. While fewer fresh replicas than this
 *     are usable, the least lagged excluded replicas are served again, in order of lag, up to
 *     the floor (the pool is then "degraded"); 0 (the default) never serves a lagging replica
 * @param hardMaxLagMs {@code hard-max-lag}: a replica lagging more than this, or with unknown
 *     lag, is never served, even to reach the floor; default five times {@code maxLagMs}
 * @param refuseWhenEmpty {@code on-empty refuse}: a client that finds no server to take it gets a
 *     MySQL error packet saying why before the connection closes; {@code on-empty close} (the
 *     default, as HAProxy) just closes it
 */
public record MysqlLagConfig(String user, String password, String heartbeatTable, long maxLagMs, long backInMs,
                             int minServers, long hardMaxLagMs, boolean refuseWhenEmpty) {
    public static final String DEFAULT_HEARTBEAT = "heartbeat.heartbeat";
    public static final long DEFAULT_MAX_LAG_MS = 1000;
}
