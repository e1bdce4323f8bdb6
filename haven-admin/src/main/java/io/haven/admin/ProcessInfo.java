package io.haven.admin;

import java.time.Instant;

/**
 * What the running process knows about itself, printed by {@code show info}. Only values the
 * process really has belong here; {@code show info} leaves out HAProxy fields Haven cannot fill.
 *
 * @param version Haven's version string ({@code Version:})
 * @param releaseDate the release date as HAProxy prints it, {@code YYYY/MM/DD}
 * @param pid the operating system process id
 * @param started when the process started ({@code Uptime}, {@code Start_time_sec})
 * @param nbthread the number of event-loop threads running
 * @param maxconn the process-wide connection limit in force
 * @param currentConnections client connections open now ({@code CurrConns})
 * @param cumulativeConnections client connections accepted since the start ({@code CumConns})
 * @param stopping true while a soft stop is in progress
 * @param node the node name, by default the host name
 */
public record ProcessInfo(String version, String releaseDate, long pid, Instant started, int nbthread, int maxconn,
                          long currentConnections, long cumulativeConnections, boolean stopping, String node) {
}
