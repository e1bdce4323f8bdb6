package io.haven.agent;

import com.sun.net.httpserver.HttpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code haven agent}: one Netty event loop (epoll, else NIO) measuring MySQL over one
 * connection, and the JDK's HTTP server answering the checks from the latest measurement.
 *
 * <p>Why the JDK's {@code HttpServer} rather than Netty's HTTP codec: a check service sees a
 * few requests per second, each answered from memory plus a few {@code stat} calls, so a small
 * thread pool is ample; the JDK server already parses HTTP/1.0 and 1.1, HEAD and keep-alive
 * correctly, and it needs no dependency (netty-codec-http is not in the build). Request
 * threads never touch the MySQL event loop, so a hung MySQL never delays an answer.
 */
public final class HavenAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HavenAgent.class);
    private static final int HTTP_THREADS = 4;
    private static final int BACKLOG = 64;

    private final AgentSettings settings;
    private final EventLoopGroup group;
    private final MysqlMonitor monitor;
    private final HttpServer http;
    private final ExecutorService httpThreads;

    private HavenAgent(AgentSettings settings, EventLoopGroup group, MysqlMonitor monitor, HttpServer http,
                       ExecutorService httpThreads) {
        this.settings = settings;
        this.group = group;
        this.monitor = monitor;
        this.http = http;
        this.httpThreads = httpThreads;
    }

    /**
     * Binds the HTTP port, then starts measuring. Until the first measurement every check
     * answers 503 (or what a hint says).
     *
     * @throws IOException when the listen address cannot be bound
     */
    public static HavenAgent start(AgentSettings settings) throws IOException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends SocketChannel> channelClass = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("haven-agent-mysql", true), io);
        ExecutorService threads = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
        HttpServer http;
        try {
            http = HttpServer.create(settings.listen(), BACKLOG);
        } catch (IOException e) {
            threads.shutdownNow();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + settings.listen().getHostString() + ":"
                    + settings.listen().getPort() + ": " + e.getMessage(), e);
        }
        StateLog stateLog = new StateLog(settings.mysqlName(), settings.maxLag());
        MysqlMonitor monitor = new MysqlMonitor(settings, group.next(), channelClass, stateLog);
        http.createContext("/", new CheckHandler(monitor::latest, settings.hintsDir(), settings.maxLag(),
                settings.staleAfter(), stateLog));
        http.setExecutor(threads);
        http.start();
        monitor.start();
        LOG.info("haven agent {}", settings.summary());
        if (settings.hintsDir() != null && !Files.isDirectory(settings.hintsDir())) {
            LOG.warn("Hints directory {} does not exist (yet): no hints until it does", settings.hintsDir());
        }
        return new HavenAgent(settings, group, monitor, http, threads);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "haven-agent-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The bound HTTP address (the real port when {@code --listen} said port 0). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    public AgentSettings settings() {
        return settings;
    }

    /** The latest measurement, for tests and diagnostics. */
    public Measurement latest() {
        return monitor.latest();
    }

    /** Stops answering, quits the MySQL connection and stops the event loop. */
    @Override
    public void close() {
        http.stop(0);
        httpThreads.shutdownNow();
        monitor.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("haven agent stopped");
    }
}
