package io.haven.cluster.agent.vip;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.CommandResult;
import io.haven.cluster.agent.CommandRunner;
import io.haven.cluster.agent.Deadline;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.agent.ResourceAgent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vip}: an IPv4 address added to an interface with {@code ip addr add}, then announced with
 * gratuitous ARP ({@code arping -U}, iputils) so neighbours switch to this host's MAC address at
 * once. The ARPs go out in the background, one a second, so start returns as soon as the address
 * is up; a stop cancels those still pending. Monitor is SUCCESS while the address is on the
 * interface ({@code ip -o addr show dev NIC}).
 * <p>
 * With a {@code lease} (default 1 s) the address carries a kernel lifetime that the agent renews
 * four times per lease while the resource runs: if Haven dies or freezes, the kernel removes the
 * address within about a second of the lease ending, so a node that can no longer act cannot keep
 * a floating address that another node takes over (self-fencing, as SBD's watchdog does).
 */
public final class VipAgent implements ResourceAgent {
    private static final Logger LOG = LoggerFactory.getLogger(VipAgent.class);

    private final String resourceId;
    private final VipSettings settings;
    private final CommandRunner runner;
    private Process announcer;
    private ScheduledFuture<?> renewal;

    private VipAgent(String resourceId, VipSettings settings, CommandRunner runner) {
        this.resourceId = resourceId;
        this.settings = settings;
        this.runner = runner;
    }

    /** Builds the agent from its params; its commands run through {@code runner}. */
    public static VipAgent create(AgentParams params, CommandRunner runner) {
        return new VipAgent(params.resourceId(), VipSettings.of(params), runner);
    }

    /**
     * Adds the address (one command on the usual path: a failover waits for it); only when the add
     * fails does it look at the interface to tell "already there" from a real error.
     */
    @Override
    public synchronized AgentResult start(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        CommandResult add = runner.run(addr("add"), deadline.remaining());
        if (add.timedOut()) {
            return new AgentResult(OcfStatus.TIMEOUT, "ip addr add " + settings.cidr() + " timed out");
        }
        String done = "added " + settings.cidr() + " to " + settings.nic();
        if (!add.ok()) {
            // "File exists" / "Address already assigned" differ between iproute2 versions: look
            switch (presence(deadline)) {
                case NO_INTERFACE -> {
                    return new AgentResult(OcfStatus.ERR_CONFIGURED, "interface " + settings.nic() + " does not exist");
                }
                case UNKNOWN -> {
                    return unknown(deadline);
                }
                case ABSENT -> {
                    return AgentResult.error("ip addr add " + settings.cidr() + " dev " + settings.nic() + " failed: " + add.lastLine());
                }
                case PRESENT -> {
                    done = settings.cidr() + " is already on " + settings.nic();
                    if (settings.leaseSeconds() > 0) {
                        runner.run(addr("change"), deadline.remaining());
                    }
                }
            }
        }
        startRenewal();
        return AgentResult.success(done + (settings.leaseSeconds() > 0 ? " with a " + settings.leaseSeconds() + " s lease" : "")
                + announce());
    }

    /** Removes the address (one command on the usual path); a failed removal looks whether it was there at all. */
    @Override
    public synchronized AgentResult stop(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        cancelAnnouncer();
        cancelRenewal();
        CommandResult del = runner.run(List.of("ip", "addr", "del", settings.cidr(), "dev", settings.nic()), deadline.remaining());
        if (del.timedOut()) {
            return new AgentResult(OcfStatus.TIMEOUT, "ip addr del " + settings.cidr() + " timed out");
        }
        if (del.ok()) {
            return AgentResult.success("removed " + settings.cidr() + " from " + settings.nic());
        }
        return switch (presence(deadline)) {
            case PRESENT -> AgentResult.error("ip addr del " + settings.cidr() + " dev " + settings.nic() + " failed: " + del.lastLine());
            case UNKNOWN -> unknown(deadline);
            case ABSENT, NO_INTERFACE -> AgentResult.success(settings.address() + " is not on " + settings.nic());
        };
    }

    @Override
    public AgentResult monitor(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        return switch (presence(deadline)) {
            case PRESENT -> AgentResult.success(settings.address() + " is on " + settings.nic());
            case ABSENT -> AgentResult.notRunning(settings.address() + " is not on " + settings.nic());
            case NO_INTERFACE -> AgentResult.notRunning("interface " + settings.nic() + " does not exist");
            case UNKNOWN -> unknown(deadline);
        };
    }

    private List<String> addr(String verb) {
        List<String> cmd = new ArrayList<>(List.of("ip", "addr", verb, settings.cidr(), "dev", settings.nic()));
        cmd.addAll(settings.lifetime());
        return cmd;
    }

    /**
     * Renews the lease four times per lease period until stopped; a renewal that fails is left to
     * the monitor. A renewal that comes late (this process was frozen, or starved, for half a lease
     * or more) renews nothing and removes the address instead: by then the lease may have run out and
     * another node may hold the address ({@code ip addr change} would add it back, as IPv4 does not
     * tell change from add). The monitor then finds it gone and the cluster decides.
     */
    private void startRenewal() {
        cancelRenewal();
        if (settings.leaseSeconds() == 0) {
            return;
        }
        long leaseMs = settings.leaseSeconds() * 1000L;
        long every = leaseMs / 4;
        long[] last = {System.nanoTime()};
        renewal = LeaseTimer.INSTANCE.scheduleWithFixedDelay(() -> {
            long late = (System.nanoTime() - last[0]) / 1_000_000 - every;
            try {
                if (late >= leaseMs / 2 - every) {
                    LOG.warn("resource {}: lease renewal of {} is {} ms late (frozen or starved): letting the address go",
                            resourceId, settings.cidr(), late);
                    runner.run(List.of("ip", "addr", "del", settings.cidr(), "dev", settings.nic()), Duration.ofMillis(every));
                    throw new IllegalStateException("lease given up"); // ends the renewal
                }
                CommandResult r = runner.run(addr("change"), Duration.ofMillis(every));
                last[0] = System.nanoTime();
                if (!r.ok()) {
                    LOG.debug("resource {}: lease renewal of {} failed: {}", resourceId, settings.cidr(), r.lastLine());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private void cancelRenewal() {
        if (renewal != null) {
            renewal.cancel(true);
            renewal = null;
        }
    }

    /** What a crash leaves behind: the address stays, nobody renews it (tests). */
    synchronized void abandon() {
        cancelAnnouncer();
        cancelRenewal();
    }

    private enum Presence { PRESENT, ABSENT, NO_INTERFACE, UNKNOWN }

    private Presence presence(Deadline deadline) throws InterruptedException {
        CommandResult r = runner.run(List.of("ip", "-o", "-4", "addr", "show", "dev", settings.nic()), deadline.remaining());
        if (!r.ok()) {
            return r.output().contains("does not exist") ? Presence.NO_INTERFACE : Presence.UNKNOWN;
        }
        // lines look like: "2: eth0    inet 10.0.0.100/24 scope global secondary eth0 ..."
        for (String line : r.output().split("\n")) {
            String[] words = line.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inet") && words[i + 1].startsWith(settings.address() + "/")) {
                    return Presence.PRESENT;
                }
            }
        }
        return Presence.ABSENT;
    }

    private AgentResult unknown(Deadline deadline) {
        return deadline.passed() ? new AgentResult(OcfStatus.TIMEOUT, "ip addr show dev " + settings.nic() + " timed out")
                : AgentResult.error("ip addr show dev " + settings.nic() + " failed");
    }

    private String announce() {
        if (settings.arpCount() == 0) {
            return "";
        }
        cancelAnnouncer();
        List<String> arping = List.of("arping", "-q", "-U", "-c", Integer.toString(settings.arpCount()),
                "-I", settings.nic(), settings.address());
        try {
            Process p = runner.spawn(arping);
            announcer = p;
            p.onExit().thenAccept(done -> {
                if (done.exitValue() != 0 && done.exitValue() != 143 && done.exitValue() != 137) {
                    LOG.warn("resource {}: arping for {} on {} exited {}", resourceId, settings.address(), settings.nic(), done.exitValue());
                }
            });
            return "; announcing it with " + settings.arpCount() + " gratuitous ARPs";
        } catch (IOException e) {
            LOG.warn("resource {}: cannot run arping: {}", resourceId, e.getMessage());
            return "; no gratuitous ARP (cannot run arping: " + e.getMessage() + ")";
        }
    }

    private void cancelAnnouncer() {
        if (announcer != null && announcer.isAlive()) {
            CommandRunner.killTree(announcer.toHandle());
        }
        announcer = null;
    }
}
