package io.haven.agent;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything {@code haven agent} is told, validated once. Defaults are the command's:
 * {@code max-lag} {@value #DEFAULT_MAX_LAG}, {@code interval} {@value #DEFAULT_INTERVAL}, no
 * hints directory, lag from {@code SHOW SLAVE STATUS}'s {@code Seconds_Behind_Master} unless a
 * heartbeat table is named. Timings derived from the interval: a measurement older than
 * {@link #staleAfter()} counts as unknown; a round gets {@link #queryTimeout()}; a reconnection
 * waits from one interval doubling up to {@link #maxBackoff()}.
 *
 * @param listen         where the HTTP check service listens
 * @param mysql          the MySQL server measured (normally the local one)
 * @param user           MySQL user; needs REPLICATION CLIENT (or SLAVE MONITOR) and SELECT on the heartbeat table
 * @param password       its password (may be empty)
 * @param maxLag         default lag threshold of {@code /check-lag}
 * @param hintsDir       directory of hint files, or null for none
 * @param heartbeatTable {@code db.table} written by pt-heartbeat {@code --utc}, or null for {@code Seconds_Behind_Master}
 * @param interval       time between the end of one measurement round and the start of the next
 */
public record AgentSettings(InetSocketAddress listen, InetSocketAddress mysql, String user, String password,
                            Duration maxLag, Path hintsDir, String heartbeatTable, Duration interval) {
    public static final String DEFAULT_MAX_LAG = "1s";
    public static final String DEFAULT_INTERVAL = "200ms";
    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_$]+\\.[A-Za-z0-9_$]+");
    private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    public AgentSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(mysql, "mysql");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        maxLag = maxLag == null ? Times.parse(DEFAULT_MAX_LAG) : maxLag;
        interval = interval == null ? Times.parse(DEFAULT_INTERVAL) : interval;
        if (maxLag.isNegative()) {
            throw new IllegalArgumentException("max-lag must not be negative");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("interval must be at least " + MIN_INTERVAL.toMillis() + "ms");
        }
        if (heartbeatTable != null && !TABLE.matcher(heartbeatTable).matches()) {
            throw new IllegalArgumentException("heartbeat table '" + heartbeatTable
                    + "' must be DATABASE.TABLE (letters, digits, _ and $), e.g. heartbeat.heartbeat");
        }
    }

    /** Three intervals: an older measurement means the monitor is stuck, so the lag is unknown. */
    public Duration staleAfter() {
        return interval.multipliedBy(3);
    }

    /**
     * How long a round may take before the connection is given up and replaced: the connect
     * timeout. Answers do not wait for it: after {@link #staleAfter()} they say unknown anyway;
     * a longer bound only avoids reconnecting to a server that is slow for a moment.
     */
    public Duration queryTimeout() {
        return connectTimeout();
    }

    /** Connecting (TCP, handshake, authentication) may take the larger of 1 s and two intervals. */
    public Duration connectTimeout() {
        Duration twice = interval.multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(1)) > 0 ? twice : Duration.ofSeconds(1);
    }

    /** Reconnection backoff ceiling: the larger of 2 s and one interval. */
    public Duration maxBackoff() {
        return interval.compareTo(Duration.ofSeconds(2)) > 0 ? interval : Duration.ofSeconds(2);
    }

    /** {@code 127.0.0.1:3306}, for logs. */
    public String mysqlName() {
        return mysql.getHostString() + ":" + mysql.getPort();
    }

    /** The effective settings, logged at start (never the password). */
    public String summary() {
        return "listening on " + listen.getHostString() + ":" + listen.getPort() + ", MySQL " + mysqlName()
                + " as " + user + ", max-lag " + Times.format(maxLag) + ", lag from "
                + (heartbeatTable != null ? "heartbeat table " + heartbeatTable : "Seconds_Behind_Master")
                + ", interval " + Times.format(interval) + " (stale after " + Times.format(staleAfter()) + ")"
                + ", hints " + (hintsDir != null ? "in " + hintsDir : "off");
    }

    @Override
    public String toString() {
        return "AgentSettings[" + summary() + "]";
    }
}
