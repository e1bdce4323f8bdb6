package io.haven.proxy;

import io.haven.core.server.Server;
import io.haven.core.server.ServerEvent;
import io.haven.core.server.ServerEventListener;
import io.haven.core.server.ServerStatus;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Haven's {@code drain-deadline}: a server that leaves the balancer without going down (NOLB
 * for lag or a 404, DRAIN from an operator or agent) keeps its open connections for the
 * deadline, then Haven closes those still open. A server that is back to UP, or changed state
 * again, before the deadline is left alone: the timer compares the server's last change time.
 */
public final class DrainDeadlines implements ServerEventListener {
    private static final Logger LOG = LoggerFactory.getLogger("haven");
    private final EventLoopGroup timers;

    public DrainDeadlines(EventLoopGroup timers) {
        this.timers = timers;
    }

    @Override
    public void onServerEvent(ServerEvent e) {
        Server s = e.server();
        long deadline = s.config().drainDeadlineMs();
        if (deadline <= 0 || e.from() == e.to() || (e.to() != ServerStatus.NOLB && e.to() != ServerStatus.DRAIN)) {
            return;
        }
        long since = s.lastChangeMillis();
        timers.next().schedule(() -> {
            if (s.lastChangeMillis() == since && (s.status() == ServerStatus.NOLB || s.status() == ServerStatus.DRAIN)) {
                int closed = s.slots().shutdownSessions("drain-deadline reached");
                if (closed > 0) {
                    LOG.warn("Server {} is still {} after drain-deadline {} ms: closed {} connection(s)",
                            s.fullName(), s.status(), deadline, closed);
                }
            }
        }, deadline, TimeUnit.MILLISECONDS);
    }
}
