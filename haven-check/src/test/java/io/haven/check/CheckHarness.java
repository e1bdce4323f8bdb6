package io.haven.check;

import io.haven.config.ConfigParser;
import io.haven.config.model.Config;
import io.haven.core.Generation;
import io.haven.core.GenerationBuilder;
import io.haven.core.server.CheckResult;
import io.haven.core.server.Server;
import io.haven.core.server.ServerEvents;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A generation built from configuration text with its health checks running on a NIO event
 * loop group, recording every check and agent result with the server state that followed.
 */
final class CheckHarness implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Map<String, List<Observation>> checks = new ConcurrentHashMap<>();
    private final Map<String, List<Observation>> agents = new ConcurrentHashMap<>();
    private final Generation generation;
    private final HealthChecks healthChecks;

    private CheckHarness(String config) throws Exception {
        Config c = new ConfigParser(Map.of()).parseText("test.cfg", config);
        generation = new GenerationBuilder(algo -> (lb, client, avoid) -> lb.servers()[0])
                .build(c, null, new ServerEvents());
        healthChecks = new HealthChecks(group, NioSocketChannel.class, new CheckObserver() {
            @Override
            public void afterCheck(Server server, CheckResult result) {
                record(checks, server, result);
            }

            @Override
            public void afterAgent(Server server, CheckResult result) {
                record(agents, server, result);
            }
        });
    }

    static CheckHarness start(String config) throws Exception {
        CheckHarness h = new CheckHarness(config);
        h.healthChecks.start(h.generation);
        return h;
    }

    private static void record(Map<String, List<Observation>> log, Server s, CheckResult r) {
        List<Observation> list = log.computeIfAbsent(s.fullName(), k -> new ArrayList<>());
        synchronized (list) {
            list.add(Observation.of(s, r));
        }
    }

    Server server(String ref) {
        return generation.server(ref).orElseThrow();
    }

    HealthChecks healthChecks() {
        return healthChecks;
    }

    /** Every check result of {@code backend/server} so far, oldest first. */
    List<Observation> checks(String ref) {
        return snapshot(checks, ref);
    }

    List<Observation> agents(String ref) {
        return snapshot(agents, ref);
    }

    /** The latest check result, or null before the first. */
    Observation lastCheck(String ref) {
        List<Observation> l = checks(ref);
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }

    Observation lastAgent(String ref) {
        List<Observation> l = agents(ref);
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }

    private static List<Observation> snapshot(Map<String, List<Observation>> log, String ref) {
        List<Observation> list = log.get(ref);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    @Override
    public void close() {
        healthChecks.stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
