package io.haven.core;

import io.haven.core.log.LogLevel;
import io.haven.core.log.ProxyLog;
import io.haven.core.server.Server;
import io.haven.core.server.ServerEvent;
import io.haven.core.server.ServerEventListener;
import io.haven.core.server.ServerStatus;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Logs server status changes with HAProxy's wording, e.g. {@code Server be/s1 is DOWN, reason:
 * Layer4 connection problem, info: "Connection refused", check duration: 0ms. 1 active and 0
 * backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.} and
 * {@code backend be has no server available!}. Lines go to the backend's log targets (else the
 * global ones) and to {@code console}.
 */
public final class ServerEventLog implements ServerEventListener {
    private final Supplier<Generation> generation;
    private final Consumer<String> console;

    public ServerEventLog(Supplier<Generation> generation, Consumer<String> console) {
        this.generation = generation;
        this.console = console;
    }

    @Override
    public void onServerEvent(ServerEvent e) {
        Server s = e.server();
        Backend b = s.backend();
        if (e.cause() == ServerEvent.Cause.OVERRIDE) {
            emit(b, LogLevel.NOTICE, override(e, b));
            if (!b.available() && e.from() != e.to()) {
                emit(b, LogLevel.EMERG, "backend " + b.name() + " has no server available!");
            }
            return;
        }
        if (e.from() == e.to()) {
            return;
        }
        String message = message(e, b);
        LogLevel level = e.to() == ServerStatus.DOWN ? LogLevel.ALERT : LogLevel.NOTICE;
        emit(b, level, message);
        if (!b.available() && (e.to() == ServerStatus.DOWN || e.to() == ServerStatus.MAINT)) {
            emit(b, LogLevel.EMERG, "backend " + b.name() + " has no server available!");
        }
    }

    private void emit(Backend b, LogLevel level, String message) {
        console.accept(message);
        ProxyLog log = b.log();
        if (!log.enabled()) {
            Generation g = generation.get();
            log = g == null ? ProxyLog.NONE : g.globalLog();
        }
        log.emit(level, message);
    }

    /**
     * One line per pool override, whether or not the status changed: {@code Server db/r3 forced out
     * of the pool by unix:/run/haven.sock (admin): reason "reindexing"; UP -> DRAIN. 2 active and 0
     * backup servers online.}
     */
    static String override(ServerEvent e, Backend b) {
        String head = "Server " + e.server().fullName() + " " + e.reason() + "; ";
        if (e.from() == e.to()) {
            return head + "still " + e.to() + ".";
        }
        return head + e.from() + " -> " + e.to() + ". " + b.activeCount() + " active and " + b.backupCount()
                + " backup servers online.";
    }

    static String message(ServerEvent e, Backend b) {
        Server s = e.server();
        String who = "Server " + s.fullName();
        String tail = " " + b.activeCount() + " active and " + b.backupCount() + " backup servers ";
        String queue = b.queueLength() + " remaining in queue.";
        return switch (e.to()) {
            case DOWN -> who + " is DOWN, reason: " + e.reason() + "." + tail + "left. "
                    + s.slots().sessionCount() + " sessions active, 0 requeued, " + queue;
            case MAINT -> who + " is going DOWN for maintenance." + tail + "left. "
                    + s.slots().sessionCount() + " sessions active, 0 requeued, " + queue;
            case NOLB -> who + " is stopping, reason: " + e.reason() + "." + tail + "left. "
                    + s.slots().sessionCount() + " sessions active, 0 requeued, " + queue;
            case DRAIN -> who + " is UP/DRAIN (" + e.reason() + ")." + tail + "online.";
            case UP -> who + " is UP, reason: " + e.reason() + "." + tail + "online. 0 sessions requeued, "
                    + b.queueLength() + " total in queue.";
        };
    }
}
