package io.haven.admin;

import io.haven.config.model.StatsSocket;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the runtime API on the {@code stats socket} lines of the configuration: unix sockets
 * (with their {@code mode} applied) and TCP sockets, each at its own level. Connections are
 * served by a small pool of daemon threads on blocking channels; this is not a hot path. The
 * server reads the current generation for every command and for the idle timeout
 * ({@code stats timeout}), so one instance lives as long as the process, across reloads.
 */
public final class StatsSocketServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(StatsSocketServer.class);
    /** Connections served at once; more wait in a short queue, and beyond it are closed. */
    static final int THREADS = 8;
    static final int QUEUE = 32;
    private static final long DEFAULT_TIMEOUT_MS = 10_000;

    private final RuntimeApi api;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Set<CliConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private record Listener(StatsSocket config, ServerSocketChannel channel, Path unixPath) {
    }

    public StatsSocketServer(RuntimeApi api) {
        this.api = api;
        this.workers = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), daemon("haven-cli"));
        this.workers.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("haven-cli-timeout"));
    }

    /**
     * Binds every socket and starts accepting. A stale unix socket file is replaced; a socket this
     * server already listens on is left as it is, so calling again after a reload is harmless. If
     * one socket cannot be bound, those bound by this call are released and the error names the
     * address.
     */
    public synchronized void start(List<StatsSocket> sockets) throws IOException {
        if (closed) {
            throw new IllegalStateException("the stats socket server is closed");
        }
        List<Listener> started = new ArrayList<>();
        try {
            for (StatsSocket s : sockets) {
                boolean bound = listeners.stream().anyMatch(l -> l.config().describe().equals(s.describe()))
                        || started.stream().anyMatch(l -> l.config().describe().equals(s.describe()));
                if (!bound) {
                    started.add(bind(s));
                }
            }
        } catch (IOException e) {
            started.forEach(this::release);
            throw e;
        }
        for (Listener l : started) {
            listeners.add(l);
            Thread t = daemon("haven-cli-accept").newThread(() -> accept(l));
            t.start();
            LOG.info("runtime API listening on {} (level {})", l.config().describe(), l.config().level());
        }
    }

    /**
     * Makes the server listen on exactly {@code sockets}, for a reload that changed the
     * {@code stats socket} lines: sockets that are gone or changed (level, mode) are released,
     * new ones bound, unchanged ones and every open connection kept, including the one that may
     * be running the {@code reload} command. If a new socket cannot be bound, the error names it;
     * the sockets released stay released.
     */
    public synchronized void rebind(List<StatsSocket> sockets) throws IOException {
        for (Listener l : listeners) {
            if (!sockets.contains(l.config())) {
                listeners.remove(l);
                release(l);
                LOG.info("runtime API no longer listening on {}", l.config().describe());
            }
        }
        start(sockets.stream().filter(s -> listeners.stream().noneMatch(l -> l.config().equals(s))).toList());
    }

    /** The addresses bound, in the order of the sockets given to {@link #start}; for TCP port 0, the port chosen. */
    public List<SocketAddress> localAddresses() {
        List<SocketAddress> out = new ArrayList<>();
        for (Listener l : listeners) {
            try {
                out.add(l.channel().getLocalAddress());
            } catch (IOException e) {
                LOG.debug("address of a closed stats socket", e);
            }
        }
        return out;
    }

    /** Stops accepting, closes every connection and deletes the unix socket files. */
    @Override
    public synchronized void close() {
        closed = true;
        listeners.forEach(this::release);
        listeners.clear();
        connections.forEach(CliConnection::close);
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private Listener bind(StatsSocket s) throws IOException {
        ServerSocketChannel ch = null;
        try {
            if (s.isUnix()) {
                Path path = Path.of(s.path());
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path)) {
                    Files.delete(path); // left by a process that did not stop cleanly
                }
                ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                ch.bind(UnixDomainSocketAddress.of(path), QUEUE);
                if (s.mode() != 0) {
                    Files.setPosixFilePermissions(path, permissions(s.mode()));
                }
                return new Listener(s, ch, path);
            }
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(s.host(), s.port()), QUEUE);
            return new Listener(s, ch, null);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            throw new IOException("cannot bind stats socket " + s.describe() + ": " + e.getMessage(), e);
        }
    }

    private void accept(Listener l) {
        while (!closed) {
            SocketChannel client;
            try {
                client = l.channel().accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed || !l.channel().isOpen()) {
                    return;
                }
                LOG.warn("runtime API accept on {} failed: {}", l.config().describe(), e.toString());
                continue;
            }
            serve(l, client);
        }
    }

    private void serve(Listener l, SocketChannel client) {
        CliConnection[] self = new CliConnection[1];
        self[0] = new CliConnection(client, api, l.config().level(), peer(l, client), timer, this::idleTimeoutMillis,
                () -> connections.remove(self[0]));
        connections.add(self[0]);
        try {
            workers.execute(self[0]);
        } catch (RejectedExecutionException e) {
            LOG.warn("runtime API on {}: too many connections, closing a new one", l.config().describe());
            self[0].close();
        }
    }

    /** Who is talking, as operator overrides record it: {@code unix:PATH} of the socket, or the TCP peer's {@code ip:port}. */
    private static String peer(Listener l, SocketChannel client) {
        if (l.unixPath() != null) {
            return "unix:" + l.unixPath();
        }
        try {
            if (client.getRemoteAddress() instanceof InetSocketAddress a) {
                String ip = a.getAddress().getHostAddress();
                return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + a.getPort();
            }
        } catch (IOException e) {
            LOG.debug("peer of a runtime API connection", e);
        }
        return "tcp:" + l.config().describe();
    }

    private long idleTimeoutMillis() {
        try {
            long t = api.generation().config().global().statsTimeoutMs();
            return t > 0 ? t : DEFAULT_TIMEOUT_MS;
        } catch (RuntimeException e) {
            return DEFAULT_TIMEOUT_MS;
        }
    }

    private void release(Listener l) {
        try {
            l.channel().close();
        } catch (IOException e) {
            LOG.debug("closing stats socket {}", l.config().describe(), e);
        }
        if (l.unixPath() != null) {
            try {
                Files.deleteIfExists(l.unixPath());
            } catch (IOException e) {
                LOG.warn("could not delete stats socket {}: {}", l.unixPath(), e.toString());
            }
        }
    }

    /** Octal {@code mode} bits to permissions: 0400 owner read down to 0001 others execute. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < all.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                perms.add(all[i]);
            }
        }
        return perms;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
