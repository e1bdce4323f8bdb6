package io.haven.agent;

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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code haven agent}: one Netty event loop (epoll, else NIO) measuring MySQL over one
 * connection ({@link MysqlMonitor}), and an HTTP server ({@link CheckServer}) answering the checks
 * from the latest measurement and the hint files ({@link CheckHandler}, {@link CheckPolicy}).
 */
public final class HavenAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HavenAgent.class);

    private final AgentSettings settings;
    private final EventLoopGroup group;
    private final MysqlMonitor monitor;
    private final CheckServer http;

    private HavenAgent(AgentSettings settings, EventLoopGroup group, MysqlMonitor monitor, CheckServer http) {
        this.settings = settings;
        this.group = group;
        this.monitor = monitor;
        this.http = http;
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
        StateLog stateLog = new StateLog(settings.mysqlName(), settings.maxLag());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("haven-agent-mysql", true), io);
        MysqlMonitor monitor = new MysqlMonitor(settings, group.next(), channelClass, stateLog);
        CheckServer http;
        try {
            http = CheckServer.start(settings.listen(), new CheckHandler(monitor::latest, settings.hintsDir(),
                    settings.maxLag(), settings.staleAfter(), stateLog));
        } catch (IOException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + settings.listen().getHostString() + ":"
                    + settings.listen().getPort() + ": " + e.getMessage(), e);
        }
        monitor.start();
        LOG.info("haven agent {}", settings.summary());
        if (settings.hintsDir() != null && !Files.isDirectory(settings.hintsDir())) {
            LOG.warn("Hints directory {} does not exist (yet): no hints until it does", settings.hintsDir());
        }
        return new HavenAgent(settings, group, monitor, http);
    }

    /** The bound HTTP address (the real port when {@code --listen} said port 0). */
    public InetSocketAddress address() {
        return http.address();
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
        http.close();
        monitor.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("haven agent stopped");
    }
}
