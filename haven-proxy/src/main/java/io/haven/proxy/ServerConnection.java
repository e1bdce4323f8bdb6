package io.haven.proxy;

import io.haven.core.server.Server;
import io.netty.channel.Channel;

/**
 * One HTTP connection to a server. It belongs to the session whose request it carries, or to
 * the idle pool between requests; its handler forwards events to whichever owns it.
 */
final class ServerConnection {
    final Server server;
    /** The SNI it was opened with ({@code sni EXPR}), null for none: only requests with the same one may reuse it. */
    final String sni;
    Channel channel;
    /** The session using it, or null while idle in the pool. */
    HttpSession owner;
    /** Requests it carried, this one included. */
    int requests;

    ServerConnection(Server server, HttpSession owner, String sni) {
        this.server = server;
        this.sni = sni;
        this.owner = owner;
    }

    boolean usable() {
        return channel != null && channel.isActive();
    }
}
