package io.haven.proxy;

import io.haven.core.server.Server;
import io.netty.channel.Channel;

/**
 * One HTTP connection to a server. It belongs to the session whose request it carries, or to
 * the idle pool between requests; its handler forwards events to whichever owns it.
 */
final class ServerConnection {
    final Server server;
    Channel channel;
    /** The session using it, or null while idle in the pool. */
    HttpSession owner;
    /** Requests it carried, this one included. */
    int requests;

    ServerConnection(Server server, HttpSession owner) {
        this.server = server;
        this.owner = owner;
    }

    boolean usable() {
        return channel != null && channel.isActive();
    }
}
