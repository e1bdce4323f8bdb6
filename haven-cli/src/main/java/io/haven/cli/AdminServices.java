package io.haven.cli;

import io.haven.admin.AdminHooks;
import io.haven.admin.ProcessInfo;
import io.haven.admin.RuntimeApi;
import io.haven.admin.StatsSocketServer;
import io.haven.config.model.GlobalSettings;
import io.haven.config.model.StatsSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime API of a running instance: one stats socket server for the life of the process,
 * rebound only when a reload changes the {@code stats socket} lines.
 */
final class AdminServices implements AdminHooks {
    private static final Logger LOG = LoggerFactory.getLogger("haven");
    private final HavenInstance instance;
    private final RuntimeApi api;
    private StatsSocketServer server;
    private List<StatsSocket> sockets = List.of();

    AdminServices(HavenInstance instance) {
        this.instance = instance;
        this.api = new RuntimeApi(instance::current, this);
    }

    /** The runtime API, for commands other modules contribute (the cluster's). */
    RuntimeApi api() {
        return api;
    }

    synchronized void start(GlobalSettings g) throws IOException {
        sockets = g.statsSockets();
        if (!sockets.isEmpty()) {
            server = new StatsSocketServer(api);
            server.start(sockets);
        }
    }

    /** Rebinds the stats sockets if a reload changed them; a failure keeps the old ones. */
    synchronized void reconfigure(GlobalSettings g) {
        if (g.statsSockets().equals(sockets)) {
            return;
        }
        try {
            if (server == null) {
                start(g);
            } else {
                // rebind, not close: a 'reload' typed on the socket runs on one of its threads
                server.rebind(g.statsSockets());
                sockets = g.statsSockets();
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.error("cannot rebind stats sockets after reload: {}", e.getMessage());
        }
    }

    synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public ProcessInfo info() {
        GlobalSettings g = instance.current().config().global();
        return new ProcessInfo(Version.version(), Version.RELEASE_DATE, ProcessHandle.current().pid(),
                Instant.ofEpochMilli(instance.startMillis()), instance.threads(), g.effectiveMaxconn(),
                instance.proxy().actconn(), instance.proxy().cumulatedConnections(), instance.isStopping(), hostname());
    }

    @Override
    public String reload() {
        String error = instance.reload();
        return error == null ? "Success=1\n--\n" : "Success=0\n--\n" + error + "\n";
    }

    /** {@code show info}'s fields by name, for Lua's core.get_info(). */
    java.util.Map<String, String> showInfo() {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String line : api.execute("show info", io.haven.config.model.AccessLevel.ADMIN).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return fields;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
