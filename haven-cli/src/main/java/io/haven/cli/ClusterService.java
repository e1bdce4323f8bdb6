package io.haven.cli;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.ResourceAgents;
import io.haven.cluster.agent.digitalocean.ArbiterTimings;
import io.haven.cluster.agent.digitalocean.FloatingIpArbiter;
import io.haven.cluster.manager.ClusterManager;
import io.haven.cluster.raft.ClusterSettings;
import io.haven.cluster.raft.QuorumMode;
import io.haven.cluster.raft.TwoNodeArbiter;
import io.haven.cluster.raft.Voter;
import io.haven.cluster.state.ClusterDefinition;
import io.haven.config.model.ClusterConfig;
import io.haven.config.model.ClusterNodeConfig;
import io.haven.config.model.Config;
import io.haven.config.model.QuorumArbiterConfig;
import io.haven.config.model.ResourceConfig;
import io.haven.proxy.ProxyServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster part of a running Haven: this node's {@link ClusterManager}, built from the
 * {@code cluster} and {@code resource} sections and the global {@code node} name (the host name
 * when unset). Each node keeps its Raft log under {@code state-dir/NODE}, so nodes sharing a
 * file system (tests, containers) never share a log.
 */
final class ClusterService {
    private static final Logger LOG = LoggerFactory.getLogger("haven");
    /**
     * How long the leader waits, after the view lost a node that did not refuse a connection,
     * before recovering what it ran. A cut-off node stops its resources when it loses quorum, at
     * about the time the others notice (heartbeat timeout, 1 s). A frozen node keeps its {@code vip}
     * until the lease (1 s) runs out, which the kernel notices up to a second late: at most 2 s
     * after the freeze, while the others act at least 1 s (detection) + this delay after it.
     */
    static final Duration LOSS_DELAY = Duration.ofMillis(1500);

    private final ClusterManager manager;

    private ClusterService(ClusterManager manager) {
        this.manager = manager;
    }

    /**
     * Starts this node's cluster membership and resource manager; null when the file has no cluster
     * section. {@code proxy} runs the {@code haven-proxy} resources (null for a witness).
     */
    static ClusterService start(Config config, ProxyServer proxy) throws Exception {
        ClusterConfig cluster = config.cluster();
        if (cluster == null) {
            return null;
        }
        String me = nodeName(config);
        ClusterNodeConfig self = cluster.node(me).orElseThrow(() -> new IllegalArgumentException(
                "this node is '" + me + "', which is not a member or witness of cluster " + cluster.name()
                        + " (set 'node NAME' in the global section)"));
        List<Voter> voters = cluster.nodes().stream().map(n -> n.witness() ? Voter.witness(n.name(), n.host(), n.port())
                : Voter.member(n.name(), n.host(), n.port())).toList();
        ClusterSettings settings = ClusterSettings.of(me, voters, Path.of(cluster.stateDir()).resolve(me),
                cluster.quorum() == io.haven.config.model.QuorumMode.TWO_NODE ? QuorumMode.TWO_NODE : QuorumMode.MAJORITY);
        ResourceAgents agents = ResourceAgents.builtIn()
                .with(ResourceAgents.HAVEN_PROXY, p -> {
                    if (proxy == null) {
                        throw new IllegalArgumentException("a witness has no frontends to run");
                    }
                    return ProxyResourceAgent.create(p, proxy);
                });
        ClusterManager manager = new ClusterManager(settings, ClusterDefinition.from(cluster), cluster.noQuorumPolicy(),
                def -> agents.create(def.type(), def.name(), def.params()), LOSS_DELAY, arbiter(cluster));
        manager.start();
        LOG.info("cluster {}: node {} ({}) joined on {}:{}", cluster.name(), me, self.witness() ? "witness" : "member",
                self.host(), self.port());
        return new ClusterService(manager);
    }

    /**
     * The two_node arbiter: {@code quorum two_node arbiter digitalocean-floating-ip RESOURCE} uses that
     * resource's IP and API params; without one, a node whose peer went silent does not run alone.
     */
    static TwoNodeArbiter arbiter(ClusterConfig cluster) {
        QuorumArbiterConfig a = cluster.arbiter();
        if (a == null) {
            return TwoNodeArbiter.DENY;
        }
        ResourceConfig r = cluster.resource(a.resource()).orElseThrow(); // the validator checked it
        FloatingIpArbiter arbiter = FloatingIpArbiter.create(new AgentParams(r.name(), r.type(), r.params()),
                System.getenv(), ArbiterTimings.withTimeout(Duration.ofMillis(a.timeoutMs())));
        LOG.info("cluster {}: two_node arbiter is the floating IP of resource {} (timeout {} ms)", cluster.name(),
                r.name(), a.timeoutMs());
        return arbiter;
    }

    static String nodeName(Config config) {
        String node = config.global().node();
        if (node != null) {
            return node;
        }
        try {
            String host = InetAddress.getLocalHost().getHostName();
            int dot = host.indexOf('.');
            return dot > 0 ? host.substring(0, dot) : host;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot tell this node's name: set 'node NAME' in the global section", e);
        }
    }

    ClusterManager manager() {
        return manager;
    }

    /** A reload: the leader loads the new resources and constraints; the voters take a restart. */
    void reconfigure(Config config) {
        if (config.cluster() != null) {
            manager.configure(ClusterDefinition.from(config.cluster()));
        }
    }

    /** Hands this node's resources over to the others (bounded), then leaves the cluster. */
    void leave(Duration max) {
        manager.leave(max);
    }

    void close() {
        manager.close();
    }
}
