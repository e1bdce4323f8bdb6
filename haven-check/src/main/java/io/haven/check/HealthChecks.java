package io.haven.check;

import io.haven.config.model.HealthCheckConfig;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ServerConfig;
import io.haven.core.Backend;
import io.haven.core.Generation;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health checks of one generation. {@link #start} gives every server with {@code check} a
 * check task and every server with {@code agent-check} an agent task, assigned to the group's
 * event loops round-robin, each first run at a random point of its first interval (HAProxy
 * spreads checks likewise). Checks run asynchronously on the loops: no thread per check and no
 * blocking. After each result the next run waits {@link Server#nextCheckInterval()} (inter,
 * fastinter or downinter), the agent {@code agent-inter}. {@link #stop} cancels every task;
 * an instance serves one generation, so a reload starts a new one and stops the old.
 */
public final class HealthChecks {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelClass;
    private final CheckObserver observer;
    private final List<CheckTask> tasks = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private boolean started;
    private boolean stopped;

    public HealthChecks(EventLoopGroup group, Class<? extends SocketChannel> channelClass) {
        this(group, channelClass, CheckObserver.NONE);
    }

    HealthChecks(EventLoopGroup group, Class<? extends SocketChannel> channelClass, CheckObserver observer) {
        this.group = group;
        this.channelClass = channelClass;
        this.observer = observer;
    }

    /** Starts the checks of {@code generation}; once per instance. */
    public synchronized void start(Generation generation) {
        if (started || stopped) {
            throw new IllegalStateException("HealthChecks is one-shot: create a new one per generation");
        }
        started = true;
        int checks = 0;
        int agents = 0;
        for (Backend backend : generation.backends()) {
            ProxyConfig proxy = backend.config();
            Probe probe = null;
            for (Server server : backend.servers()) {
                ServerConfig sc = server.config();
                if (sc.check()) {
                    if (probe == null) {
                        probe = probeFor(proxy.healthCheck());
                        probes.add(probe);
                    }
                    CheckTarget target = target(server, sc.checkHost(), sc.effectiveCheckPort(), sc.inter(), proxy);
                    launch(new CheckTask(target, probeOrUnresolved(probe, target, sc.checkHost()),
                            server::checkEnabled, server::nextCheckInterval, r -> deliverCheck(server, r)), sc.inter());
                    checks++;
                }
                if (sc.agentCheck()) {
                    CheckTarget target = target(server, sc.agentHost(), sc.agentPort(), sc.agentInter(), proxy);
                    long inter = target.timeouts().inter();
                    launch(new CheckTask(target, probeOrUnresolved(new AgentCheck(), target, sc.agentHost()),
                            server::agentEnabled, () -> inter, r -> deliverAgent(server, r)), inter);
                    agents++;
                }
            }
        }
        LOG.info("generation {}: started {} health checks and {} agent checks", generation.number(), checks, agents);
    }

    /** Cancels every task of this instance; runs in progress are abandoned without a result. */
    public synchronized void stop() {
        stopped = true;
        for (CheckTask t : tasks) {
            t.cancel();
        }
        tasks.clear();
        for (Probe p : probes) {
            p.close();
        }
        probes.clear();
    }

    static Probe probeFor(HealthCheckConfig hc) {
        if (hc == null) {
            return new TcpConnectCheck();
        }
        return switch (hc.type()) {
            case TCP -> new TcpConnectCheck();
            case HTTP -> new HttpCheck(hc.http());
            case TCP_CHECK -> new TcpCheck(hc.tcpRules());
            case MYSQL -> new MysqlCheck(hc.mysqlUser());
            case MYSQL_LAG -> new MysqlLagCheck(hc.mysqlLag());
        };
    }

    private void launch(CheckTask task, long inter) {
        tasks.add(task);
        task.start(ThreadLocalRandom.current().nextLong(Math.max(1, inter)));
    }

    private CheckTarget target(Server server, String host, int port, long inter, ProxyConfig proxy) {
        InetAddress ip = server.address().getAddress();
        if (!host.equals(server.config().host())) {
            try {
                ip = InetAddress.getByName(host); // once, at start: never on an event loop
            } catch (UnknownHostException e) {
                ip = null;
            }
        }
        InetSocketAddress address = ip != null ? new InetSocketAddress(ip, port) : InetSocketAddress.createUnresolved(host, port);
        return new CheckTarget(server, address, CheckTimeouts.of(inter, proxy.timeouts()),
                group.next(), channelClass);
    }

    /** An address that did not resolve at start fails every run with SOCKERR instead of resolving on a loop. */
    private static Probe probeOrUnresolved(Probe probe, CheckTarget target, String host) {
        if (!target.address().isUnresolved()) {
            return probe;
        }
        return t -> new CheckRun(t, 1) {
            @Override
            protected void begin() {
                finish(result(CheckStatus.SOCKERR, 0, "could not resolve '" + host + "'"));
            }
        };
    }

    private void deliverCheck(Server server, CheckResult r) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("health check for server {}: {}", server.fullName(), r.describe());
        }
        server.onCheckResult(r);
        observer.afterCheck(server, r);
    }

    private void deliverAgent(Server server, CheckResult r) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("agent check for server {}: {}", server.fullName(), r.describe());
        }
        AgentCheck.deliver(server, r);
        observer.afterAgent(server, r);
    }
}
