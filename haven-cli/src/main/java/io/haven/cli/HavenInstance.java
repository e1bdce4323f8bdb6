package io.haven.cli;

import io.haven.check.HealthChecks;
import io.haven.config.ConfigException;
import io.haven.config.model.Config;
import io.haven.config.model.GlobalSettings;
import io.haven.core.Generation;
import io.haven.core.ServerEventLog;
import io.haven.core.log.ProxyLog;
import io.haven.core.server.ServerEvents;
import io.haven.proxy.DrainDeadlines;
import io.haven.proxy.ProxyServer;
import io.haven.proxy.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Haven: the event loops, the data plane, health checks and the runtime API, wired
 * around the current generation. Reload builds the next generation beside the running one and
 * swaps it in only when it is complete; a stop closes the listeners and lets connections end.
 */
public final class HavenInstance {
    private static final Logger LOG = LoggerFactory.getLogger("haven");
    /** How long a stop waits for connections when {@code hard-stop-after} is not set. */
    static final long DEFAULT_STOP_GRACE_MS = 10_000;

    private final ConfigLoader loader;
    private final ServerEvents events = new ServerEvents();
    private final Transport transport;
    private final ProxyServer proxy;
    private final AdminServices admin;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "haven-housekeeping");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startMillis = System.currentTimeMillis();
    private HealthChecks checks;
    private ClusterService cluster;
    private volatile boolean stopping;

    private HavenInstance(ConfigLoader loader, GlobalSettings g) {
        this.loader = loader;
        int threads = g.nbthread() > 0 ? g.nbthread() : Runtime.getRuntime().availableProcessors();
        this.transport = new Transport(threads);
        this.proxy = new ProxyServer(transport);
        loader.serving(proxy::current);
        this.admin = new AdminServices(this);
        loader.lua().info(admin::showInfo);
        loader.lua().api(admin.api());
        loader.lua().socketChannel(transport.socketChannel());
        events.add(new ServerEventLog(proxy::current, LOG::warn));
        events.add(new DrainDeadlines(transport.group()));
    }

    /** Builds the first generation and starts serving it; a bad file or an unbindable address fails here. */
    public static HavenInstance start(ConfigLoader loader) throws ConfigException, IOException {
        Config config = loader.parse();
        HavenInstance h = new HavenInstance(loader, config.global());
        try {
            Generation g = loader.build(config, null, h.events);
            h.proxy.apply(g);
            h.loader.lua().serve(g, h.transport.group());
            h.startChecks(g);
            h.cluster = ClusterService.start(config, h.proxy);
            if (h.cluster != null) {
                ClusterAdminCommands.register(h.admin.api(), h.cluster.manager());
            }
            h.admin.start(g.config().global());
            h.writePidfile(g.config().global());
            LOG.info("Haven {} started: {} frontend(s), {} backend(s), {} event loop(s){}, listening on {}",
                Version.version(), g.frontends().size(), g.backends().size(), h.threads(),
                    h.transport.isEpoll() ? " (epoll)" : " (nio)", h.proxy.boundAddresses());
        } catch (ConfigException | IOException | RuntimeException e) {
            h.shutdownNow();
            throw e;
        } catch (Exception e) {
            h.shutdownNow();
            throw new IOException("cannot join the cluster: " + e.getMessage(), e);
        }
        return h;
    }

    public Generation current() {
        return proxy.current();
    }

    public ProxyServer proxy() {
        return proxy;
    }

    public long startMillis() {
        return startMillis;
    }

    public boolean isStopping() {
        return stopping;
    }

    public int threads() {
        return ((io.netty.channel.MultiThreadIoEventLoopGroup) transport.group()).executorCount();
    }

    /**
     * Re-reads the files. An invalid configuration or an address that cannot be bound changes
     * nothing; the reason is logged and returned. Returns null on success.
     */
    public synchronized String reload() {
        if (stopping) {
            return "stopping";
        }
        Generation old = proxy.current();
        Generation next;
        try {
            next = loader.build(loader.parse(), old, events);
        } catch (ConfigException e) {
            LOG.error("reload failed, configuration unchanged:\n{}", e.getMessage());
            return e.getMessage();
        }
        int newThreads = next.config().global().nbthread();
        if (newThreads > 0 && newThreads != threads()) {
            LOG.warn("nbthread changed from {} to {}: it takes effect at the next restart, not at reload", threads(), newThreads);
        }
        HealthChecks previousChecks = checks;
        try {
            proxy.apply(next);
        } catch (IOException e) {
            loader.lua().discard(next);
            LOG.error("reload failed, configuration unchanged: {}", e.getMessage());
            return e.getMessage();
        }
        loader.lua().serve(next, transport.group());
        previousChecks.stop();
        startChecks(next);
        admin.reconfigure(next.config().global());
        if (cluster != null) {
            cluster.reconfigure(next.config());
        }
        long hardStop = next.config().global().hardStopAfterMs();
        if (hardStop > 0) {
            long number = next.number();
            housekeeping.schedule(() -> {
                int killed = proxy.killOlderThan(number);
                if (killed > 0) {
                    LOG.warn("hard-stop-after: closed {} connection(s) of older generations", killed);
                }
            }, hardStop, TimeUnit.MILLISECONDS);
        }
        LOG.info("reloaded: generation {} serves new connections; {} connection(s) of older generations finish",
                next.number(), proxy.sessionsOlderThan(next.number()));
        return null;
    }

    private void startChecks(Generation g) {
        checks = new HealthChecks(transport.group(), transport.socketChannel());
        checks.start(g);
    }

    /**
     * Graceful stop: closes listeners and the runtime API, stops checks, waits for connections
     * up to {@code hard-stop-after} (or {@value #DEFAULT_STOP_GRACE_MS} ms), then closes the rest.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        Generation g = proxy.current();
        long grace = g.config().global().hardStopAfterMs() > 0 ? g.config().global().hardStopAfterMs() : DEFAULT_STOP_GRACE_MS;
        long keepAccepting = g.config().global().graceMs();
        if (keepAccepting > 0) {
            // HAProxy's 'grace': keep accepting for a while so a peer load balancer notices first
            LOG.info("stopping in {} ms ('grace'); still accepting until then", keepAccepting);
            try {
                Thread.sleep(keepAccepting);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cluster != null) {
            cluster.leave(Duration.ofMillis(grace));
        }
        LOG.info("stopping: listeners closed, waiting up to {} ms for {} connection(s)", grace, proxy.actconn());
        proxy.stopAccepting();
        if (checks != null) {
            checks.stop();
        }
        admin.close();
        try {
            if (!proxy.awaitSessions(grace)) {
                LOG.warn("grace period over: closing {} remaining connection(s)", proxy.killAll());
                proxy.awaitSessions(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownNow();
        LOG.info("stopped");
        ProxyLog.flushAll(1000);
        stopped.countDown();
    }

    private void shutdownNow() {
        if (cluster != null) {
            cluster.close();
        }
        loader.lua().close();
        housekeeping.shutdownNow();
        admin.close();
        transport.close();
        removePidfile();
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private Path pidfile;

    private void writePidfile(GlobalSettings g) throws IOException {
        if (g.pidfile() != null) {
            pidfile = Path.of(g.pidfile());
            Files.writeString(pidfile, ProcessHandle.current().pid() + "\n");
        }
    }

    private void removePidfile() {
        if (pidfile != null) {
            try {
                Files.deleteIfExists(pidfile);
            } catch (IOException e) {
                LOG.warn("cannot remove pidfile {}: {}", pidfile, e.getMessage());
            }
        }
    }
}
