package io.haven.cluster.agent.digitalocean;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.Deadline;
import io.haven.cluster.raft.TwoNodeArbiter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code quorum two_node arbiter digitalocean-floating-ip RESOURCE}: when the peer went away without
 * leaving cleanly (silent, or its sockets closed), this node may run alone only if DigitalOcean,
 * which runs one action per IP at a time, gave it the floating IP. Each side claims the IP with an {@code assign} to its own droplet; the rule, which
 * lets at most one side say yes (CLUSTER.md has the argument and its assumptions):
 * <ol>
 * <li>wait until no action holds the IP; note the newest action id on it (H), then who holds it.
 * This node holds it if the IP is assigned to its droplet, or unassigned since this node assigned
 * it (its own resource stop released it when quorum was lost);</li>
 * <li>a node that does not hold it yields at once if the other side assigned it less than
 * {@link ArbiterTimings#recent} ago (a claim for this partition), else lets the holder claim
 * first ({@link ArbiterTimings#grace}) and yields if the other side assigned it meanwhile;</li>
 * <li>assign the IP to this droplet. Refused with 422 while another action holds the IP: yield if
 * that was the other side's assign (the provider serialised it before ours), retry if it was an
 * unassign;</li>
 * <li>yes only if this assign completed and the other side made no assign newer than H (an
 * unassign since is this node's own resource stop: the IP is assigned again once this node has
 * quorum).</li>
 * </ol>
 * The API does not say which droplet an assign was for: this node's own assigns are those this
 * process made ({@link OwnAssigns}); any other counts as the other side's. Any API error, an
 * errored action, or the {@link ArbiterTimings#timeout} is a no: no quorum, the safe side. The
 * token goes only into the {@code Authorization} header.
 */
public final class FloatingIpArbiter implements TwoNodeArbiter {
    private static final Logger LOG = LoggerFactory.getLogger(FloatingIpArbiter.class);

    private final String resourceId;
    private final FloatingIpSettings settings;
    private final ArbiterTimings timings;
    private final DigitalOceanApi api;
    private final DropletMetadata metadata;

    private record Verdict(boolean allowed, String why) {
    }

    private FloatingIpArbiter(String resourceId, FloatingIpSettings settings, ArbiterTimings timings) {
        this.resourceId = resourceId;
        this.settings = settings;
        this.timings = timings;
        this.api = new DigitalOceanApi(settings.apiUrl(), settings.token(), settings.requestTimeout());
        this.metadata = new DropletMetadata(settings);
    }

    /**
     * The arbiter for the IP of a {@code digitalocean-floating-ip} resource, with that resource's
     * params (ip, token, URLs, droplet id, request timeout, poll interval); token variables are read
     * from {@code environment}.
     */
    public static FloatingIpArbiter create(AgentParams resourceParams, Map<String, String> environment,
                                           ArbiterTimings timings) {
        return new FloatingIpArbiter(resourceParams.resourceId(), FloatingIpSettings.of(resourceParams, environment),
                timings);
    }

    /** The provider decides crashes too: a partition that resets connections must not put the IP on both. */
    @Override
    public boolean decidesCrashes() {
        return true;
    }

    @Override
    public boolean mayRunAlone(String peer) throws InterruptedException {
        long t0 = System.nanoTime();
        Verdict v;
        try {
            v = decide(Deadline.after(timings.timeout()));
        } catch (AgentFailure | ApiError e) {
            v = new Verdict(false, e.getMessage());
        }
        LOG.warn("two_node arbiter (floating IP {} of resource {}), {} lost: {} after {} ms: {}", settings.ip(),
                resourceId, peer, v.allowed() ? "run alone" : "do not run alone", (System.nanoTime() - t0) / 1_000_000,
                v.why());
        return v.allowed();
    }

    private Verdict decide(Deadline deadline) throws AgentFailure, ApiError, InterruptedException {
        String ip = settings.ip();
        long me = metadata.dropletId(deadline);
        // 1. the history first, then the holder: a claim listed in the history has settled by the second read
        List<IpAction> history;
        FloatingIp before;
        do {
            api.unlocked(ip, settings.pollInterval(), deadline);
            history = api.actions(ip, deadline);
            before = api.floatingIp(ip, deadline);
        } while (before.locked());
        long seen = newestId(history);
        Optional<IpAction> last = history.stream().filter(IpAction::assigns).filter(IpAction::completed)
                .reduce((a, b) -> b.id() > a.id() ? b : a);
        boolean mine = last.isPresent() && api.ownAssign(ip, me, last.get().id());
        // the holder: the IP is here, or this node's resource stop released it since this node assigned it
        boolean holder = before.assignedTo(me) || before.dropletId() == null && mine;
        if (!holder) { // 2. yield to a recent claim, and let the holder claim first
            if (last.isPresent() && !mine && recent(last.get())) {
                return no(ip + " is " + before.describeAssignment() + " and was assigned by action " + last.get().id()
                        + " less than " + timings.recent().toSeconds() + " s ago: the other side claimed it");
            }
            Thread.sleep(deadline.cap(timings.grace()).toMillis()); // the holder claims first
            Optional<IpAction> rival = assignAfter(api.actions(ip, deadline), seen, me);
            if (rival.isPresent()) {
                return no("the other side claimed " + ip + " first (action " + rival.get().id() + ")");
            }
        }
        long explained = seen;
        while (true) { // 3. claim
            IpAction claim;
            try {
                claim = api.assign(ip, me, deadline);
            } catch (ApiError e) {
                if (e.status() != 422) {
                    throw e;
                }
                // refused while another action holds the IP: whose was it?
                api.unlocked(ip, settings.pollInterval(), deadline);
                List<IpAction> now = api.actions(ip, deadline);
                Optional<IpAction> rival = assignAfter(now, seen, me);
                if (rival.isPresent()) {
                    return no("the provider ran the other side's claim first (action " + rival.get().id() + ")");
                }
                if (newestId(now) <= explained) {
                    throw e; // no action explains the refusal: a real 422, e.g. a droplet in another region
                }
                explained = newestId(now); // an unassign (this node stopping the resource): claim again
                continue;
            }
            IpAction done = api.finished(claim, ip, settings.pollInterval(), deadline);
            if (!done.completed()) {
                return no("this node's assign action " + claim.id() + " " + done.status());
            }
            // 4. only claims count: an unassign since is this node's own resource stop (no quorum meanwhile),
            // and the resource manager assigns the IP again once this node has quorum
            Optional<IpAction> rival = assignAfter(api.actions(ip, deadline), seen, me);
            if (rival.isPresent()) {
                return no("the other side claimed " + ip + " too (action " + rival.get().id() + ")");
            }
            return new Verdict(true, ip + " was assigned to droplet " + me + " by action " + claim.id()
                    + " and the other side made no claim");
        }
    }

    private static Verdict no(String why) {
        return new Verdict(false, why);
    }

    /** True if {@code a} completed less than {@code recent} ago; an unknown or future time counts as recent. */
    private boolean recent(IpAction a) {
        if (a.completedAt() == null) {
            return true;
        }
        // the API gives whole seconds: the action may have completed up to a second later than it says
        Duration age = Duration.between(a.completedAt().plusSeconds(1), Instant.now());
        return age.isNegative() || age.compareTo(timings.recent()) < 0;
    }

    private static long newestId(List<IpAction> actions) {
        return actions.stream().mapToLong(IpAction::id).max().orElse(0);
    }

    /** An assign newer than {@code seen} that this process did not make for droplet {@code me}: the other side's claim. */
    private Optional<IpAction> assignAfter(List<IpAction> actions, long seen, long me) {
        return actions.stream().filter(IpAction::assigns)
                .filter(a -> a.id() > seen && !api.ownAssign(settings.ip(), me, a.id())).findFirst();
    }
}
