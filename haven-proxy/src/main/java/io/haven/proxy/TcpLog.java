package io.haven.proxy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats HAProxy's {@code option tcplog} line:
 * {@code %ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq}, and the
 * default (no tcplog) connect line {@code Connect from %ci:%cp to %fi:%fp (%f/TCP)}.
 */
final class TcpLog {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private TcpLog() {
    }

    /** Values of one finished session; times in ms, -1 when the phase was not reached. */
    record Entry(String clientIp, int clientPort, long acceptMillis, String frontend, String backend, String server,
                 long tw, long tc, long tt, long bytesOut, char term1, char term2,
                 int actconn, int feconn, int beconn, int srvconn, int retries, boolean redispatched,
                 int srvQueue, int beQueue) {
    }

    static String format(Entry e) {
        StringBuilder b = new StringBuilder(160);
        b.append(e.clientIp()).append(':').append(e.clientPort())
                .append(" [").append(DATE.format(Instant.ofEpochMilli(e.acceptMillis()))).append("] ")
                .append(e.frontend()).append(' ')
                .append(e.backend()).append('/').append(e.server()).append(' ')
                .append(e.tw()).append('/').append(e.tc()).append('/').append(e.tt()).append(' ')
                .append(e.bytesOut()).append(' ')
                .append(e.term1()).append(e.term2()).append(' ')
                .append(e.actconn()).append('/').append(e.feconn()).append('/').append(e.beconn()).append('/')
                .append(e.srvconn()).append('/').append(e.redispatched() ? "+" : "").append(e.retries()).append(' ')
                .append(e.srvQueue()).append('/').append(e.beQueue());
        return b.toString();
    }

    static String connect(String clientIp, int clientPort, String frontendIp, int frontendPort, String frontend) {
        return "Connect from " + clientIp + ":" + clientPort + " to " + frontendIp + ":" + frontendPort
                + " (" + frontend + "/TCP)";
    }
}
