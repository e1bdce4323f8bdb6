package io.haven.cli;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.ResourceAgent;
import io.haven.config.model.ClusterConfig;
import io.haven.proxy.ProxyServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The {@code haven-proxy} resource agent: Haven's own frontends as a cluster resource. Start binds
 * the frontends' listeners (with IP_FREEBIND, so a floating address may arrive just after; a bind
 * that fails, e.g. the port is taken, fails the start), stop closes them (connections in flight
 * finish), monitor says whether they listen. Param {@code frontend}: one name or several,
 * comma-separated.
 */
final class ProxyResourceAgent implements ResourceAgent {
    private final ProxyServer proxy;
    private final List<String> frontends;

    private ProxyResourceAgent(ProxyServer proxy, List<String> frontends) {
        this.proxy = proxy;
        this.frontends = frontends;
    }

    static ProxyResourceAgent create(AgentParams params, ProxyServer proxy) {
        List<String> names = ClusterConfig.frontendNames(params.required("frontend"));
        if (names.isEmpty()) {
            throw params.invalid("frontend", "names no frontend");
        }
        return new ProxyResourceAgent(proxy, names);
    }

    @Override
    public AgentResult start(Duration timeout) {
        return each(proxy::release, "listening: ");
    }

    @Override
    public AgentResult stop(Duration timeout) {
        return each(proxy::hold, "not listening: ");
    }

    private interface FrontendAction {
        void apply(String frontend) throws IOException;
    }

    /** Applies {@code action} to every frontend in order; the first failure is the result. */
    private AgentResult each(FrontendAction action, String done) {
        for (String f : frontends) {
            try {
                action.apply(f);
            } catch (IOException e) {
                return AgentResult.error("frontend " + f + ": " + e.getMessage());
            }
        }
        return AgentResult.success(done + String.join(", ", frontends));
    }

    @Override
    public AgentResult monitor(Duration timeout) {
        List<String> up = frontends.stream().filter(proxy::listening).toList();
        if (up.isEmpty()) {
            return AgentResult.notRunning("not listening: " + String.join(", ", frontends));
        }
        if (up.size() < frontends.size()) {
            return AgentResult.error("only " + String.join(", ", up) + " of " + String.join(", ", frontends) + " listen");
        }
        return AgentResult.success("listening: " + String.join(", ", frontends));
    }
}
