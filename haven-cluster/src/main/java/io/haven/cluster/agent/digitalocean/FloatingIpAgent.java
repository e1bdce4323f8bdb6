package io.haven.cluster.agent.digitalocean;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.Deadline;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.agent.ResourceAgent;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code digitalocean-floating-ip}: the floating IP points at this droplet while the resource runs.
 * <ul>
 * <li>start assigns the IP to this droplet (nothing to do when it already is) and waits for the
 * action to complete;</li>
 * <li>stop unassigns it only when it is assigned to this droplet: another droplet's IP is left alone;</li>
 * <li>monitor is SUCCESS when the API says the IP is assigned to this droplet, NOT_RUNNING otherwise.</li>
 * </ul>
 * DigitalOcean runs one action per IP at a time and assigns an IP to one droplet only, so for a
 * pair without a witness the provider is the arbiter: a start that finds the IP locked by another
 * action waits for it and, if that action gave the IP to another droplet, fails instead of taking
 * it back. Errors map to OCF statuses: a refused token is ERR_PERM, an unknown IP ERR_CONFIGURED,
 * an errored action ERR_GENERIC, the operation's timeout TIMEOUT.
 * <p>
 * Known limit: the API has no conditional unassign, so a stop racing with another droplet's
 * assign in the instant between the read and the unassign could release the other's assignment.
 */
public final class FloatingIpAgent implements ResourceAgent {
    private static final Logger LOG = LoggerFactory.getLogger(FloatingIpAgent.class);

    private final String resourceId;
    private final FloatingIpSettings settings;
    private final DigitalOceanApi api;
    private final DropletMetadata metadata;

    private FloatingIpAgent(String resourceId, FloatingIpSettings settings) {
        this.resourceId = resourceId;
        this.settings = settings;
        this.api = new DigitalOceanApi(settings.apiUrl(), settings.token(), settings.requestTimeout());
        this.metadata = new DropletMetadata(settings);
    }

    /** Builds the agent from its params; environment variables named by {@code token-env} are read from {@code environment}. */
    public static FloatingIpAgent create(AgentParams params, Map<String, String> environment) {
        return new FloatingIpAgent(params.resourceId(), FloatingIpSettings.of(params, environment));
    }

    @Override
    public AgentResult start(Duration timeout) throws InterruptedException {
        return perform(timeout, (deadline, me) -> {
            FloatingIp before = api.floatingIp(settings.ip(), deadline);
            FloatingIp fip = before.locked() ? waitUnlocked(deadline) : before;
            if (fip.assignedTo(me)) {
                return AgentResult.success(settings.ip() + " is already assigned to droplet " + me);
            }
            if (before.locked() && fip.dropletId() != null) {
                return lostRace(fip);
            }
            IpAction action = submit(() -> api.assign(settings.ip(), me, deadline));
            if (action == null) {
                // another action holds the IP: the provider decides who gets it
                fip = waitUnlocked(deadline);
                return fip.assignedTo(me) ? AgentResult.success(settings.ip() + " was assigned to droplet " + me
                        + " by a concurrent action") : lostRace(fip);
            }
            return finish(awaitAction(action, deadline), "assigned " + settings.ip() + " to droplet " + me);
        });
    }

    @Override
    public AgentResult stop(Duration timeout) throws InterruptedException {
        return perform(timeout, (deadline, me) -> {
            FloatingIp fip = api.floatingIp(settings.ip(), deadline);
            if (fip.locked()) {
                fip = waitUnlocked(deadline);
            }
            if (!fip.assignedTo(me)) {
                return AgentResult.success(settings.ip() + " is " + fip.describeAssignment() + ", not droplet " + me
                        + ": nothing to release");
            }
            IpAction action = submit(() -> api.unassign(settings.ip(), deadline));
            if (action == null) {
                fip = waitUnlocked(deadline);
                return fip.assignedTo(me) ? AgentResult.error("cannot unassign " + settings.ip() + ": it stays locked")
                        : AgentResult.success(settings.ip() + " was moved away by a concurrent action");
            }
            return finish(awaitAction(action, deadline), "unassigned " + settings.ip() + " from droplet " + me);
        });
    }

    @Override
    public AgentResult monitor(Duration timeout) throws InterruptedException {
        return perform(timeout, (deadline, me) -> {
            FloatingIp fip = api.floatingIp(settings.ip(), deadline);
            return fip.assignedTo(me)
                    ? AgentResult.success(settings.ip() + " is assigned to droplet " + me)
                    : AgentResult.notRunning(settings.ip() + " is " + fip.describeAssignment() + ", not droplet " + me);
        });
    }

    /** One operation against the API, given its deadline and this droplet's id. */
    private interface Operation {
        AgentResult run(Deadline deadline, long me) throws AgentFailure, ApiError, InterruptedException;
    }

    private interface Submission {
        IpAction submit() throws AgentFailure, ApiError, InterruptedException;
    }

    private AgentResult perform(Duration timeout, Operation operation) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        try {
            return operation.run(deadline, metadata.dropletId(deadline));
        } catch (AgentFailure f) {
            return f.result();
        } catch (ApiError e) {
            return failed(e);
        }
    }

    /** The submitted action, or null when the API refused it with 422 because another action holds the IP. */
    private static IpAction submit(Submission submission) throws AgentFailure, ApiError, InterruptedException {
        try {
            return submission.submit();
        } catch (ApiError e) {
            if (e.status() != 422) {
                throw e;
            }
            return null;
        }
    }

    private FloatingIp waitUnlocked(Deadline deadline) throws AgentFailure, ApiError, InterruptedException {
        return api.unlocked(settings.ip(), settings.pollInterval(), deadline);
    }

    private IpAction awaitAction(IpAction action, Deadline deadline) throws AgentFailure, ApiError, InterruptedException {
        long t0 = System.nanoTime();
        IpAction a = api.finished(action, settings.ip(), settings.pollInterval(), deadline);
        LOG.info("resource {}: {} action {} on {} {} after {} ms", resourceId, a.type(), a.id(), settings.ip(),
                a.status(), (System.nanoTime() - t0) / 1_000_000);
        return a;
    }

    private static AgentResult finish(IpAction action, String what) {
        return action.completed()
                ? AgentResult.success(what + " (action " + action.id() + ")")
                : AgentResult.error("the API reports action " + action.id() + " (" + what + ") errored");
    }

    private AgentResult lostRace(FloatingIp fip) {
        return AgentResult.error(settings.ip() + " is " + fip.describeAssignment()
                + " after a concurrent action; not taking it back");
    }

    private AgentResult failed(ApiError e) {
        OcfStatus status = switch (e.status()) {
            case 401, 403 -> OcfStatus.ERR_PERM;
            case 404 -> OcfStatus.ERR_CONFIGURED;
            default -> OcfStatus.ERR_GENERIC;
        };
        String hint = switch (e.status()) {
            case 401 -> " (check the token in " + settings.token() + ")";
            case 403 -> " (the token needs the reserved_ip:update and droplet:read scopes)";
            case 404 -> " (is " + settings.ip() + " a floating IP of this account, and the droplet id right?)";
            default -> "";
        };
        return new AgentResult(status, e.getMessage() + hint);
    }
}
