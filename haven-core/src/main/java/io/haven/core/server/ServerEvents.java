package io.haven.core.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fan-out of server events to listeners; a failing listener is logged and does not stop the others. */
public final class ServerEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ServerEvents.class);
    private final List<ServerEventListener> listeners = new CopyOnWriteArrayList<>();

    public void add(ServerEventListener l) {
        listeners.add(l);
    }

    public void remove(ServerEventListener l) {
        listeners.remove(l);
    }

    void publish(ServerEvent e) {
        for (ServerEventListener l : listeners) {
            try {
                l.onServerEvent(e);
            } catch (RuntimeException ex) {
                LOG.error("server event listener {} failed on {}", l, e, ex);
            }
        }
    }
}
