package io.haven.core.server;

/** Receives server status changes; called on the thread that caused the change, outside any lock. */
@FunctionalInterface
public interface ServerEventListener {
    void onServerEvent(ServerEvent event);
}
