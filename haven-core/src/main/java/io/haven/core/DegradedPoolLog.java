package io.haven.core;

import io.haven.core.log.LogLevel;
import io.haven.core.server.Server;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when a pool serves lagging replicas to stay at its {@code min-servers} floor, and when it
 * no longer does, in the backend's log and on the console.
 */
final class DegradedPoolLog {
    private static final Logger LOG = LoggerFactory.getLogger("haven");

    private DegradedPoolLog() {
    }

    static void report(Backend b, List<Server> before, List<Server> now, int fresh) {
        if (new java.util.HashSet<>(before).equals(new java.util.HashSet<>(now))) {
            return; // the same replicas, perhaps re-sorted by lag: nothing to say
        }
        String message;
        if (now.isEmpty()) {
            message = "backend " + b.name() + " is no longer degraded: " + fresh + " fresh server(s)";
        } else {
            int floor = b.config().healthCheck().mysqlLag().minServers();
            message = "backend " + b.name() + " is degraded: " + fresh + " fresh server(s), below min-servers " + floor
                    + "; serving lagging " + now.stream().map(s -> s.name() + " (lag "
                            + String.format(Locale.ROOT, "%.3fs", s.replicationLag() / 1000.0) + ")")
                    .collect(Collectors.joining(", "));
        }
        LOG.warn(message);
        b.log().emit(now.isEmpty() ? LogLevel.NOTICE : LogLevel.WARNING, message);
    }
}
