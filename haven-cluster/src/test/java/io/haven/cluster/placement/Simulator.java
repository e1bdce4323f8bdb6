package io.haven.cluster.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.state.ClusterCommand;
import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs plans against a simulated world, as {@code crm_simulate} does: every planned action of a
 * round runs (concurrently, as executors would), its result is recorded into the state, and the
 * scheduler plans again until nothing is left to do. Checks after every action that no resource
 * runs on two nodes, and that no round both stops or probes and starts the same resource.
 */
public final class Simulator {
    private final Scheduler scheduler = new Scheduler();
    private final Set<String> running = new HashSet<>(); // "resource@node"
    private final Map<String, OcfStatus> failures = new HashMap<>(); // "type resource@node" -> result
    private final List<List<Action>> rounds = new ArrayList<>();
    private ClusterState state;
    private long now;

    public Simulator(ClusterState state, long now) {
        this.state = state;
        this.now = now;
    }

    public ClusterState state() {
        return state;
    }

    public Simulator apply(ClusterCommand... commands) {
        for (ClusterCommand c : commands) {
            state = c.apply(state);
        }
        return this;
    }

    /** The world changes behind the cluster's back (a process dies, an operator starts something). */
    public Simulator worldRuns(String resource, String node, boolean runs) {
        if (runs) {
            running.add(resource + "@" + node);
        } else {
            running.remove(resource + "@" + node);
        }
        return this;
    }

    public boolean runs(String resource, String node) {
        return running.contains(resource + "@" + node);
    }

    /** The next {@code type} of the resource on the node answers {@code result} and changes nothing. */
    public Simulator failNext(ActionType type, String resource, String node, OcfStatus result) {
        failures.put(type + " " + resource + "@" + node, result);
        return this;
    }

    public Simulator at(long time) {
        now = time;
        return this;
    }

    public Plan plan() {
        return scheduler.plan(state, now);
    }

    /** Rounds run by the last {@link #settle()}. */
    public List<List<Action>> rounds() {
        return rounds;
    }

    /** Plans and runs rounds until a plan has no action; at most 30 rounds. */
    public Plan settle() {
        rounds.clear();
        for (int i = 0; i < 30; i++) {
            Plan plan = plan();
            if (plan.actions().isEmpty()) {
                return plan;
            }
            rounds.add(plan.actions());
            checkRound(plan.actions());
            for (Action a : plan.actions()) {
                run(a);
            }
            now += 100;
        }
        throw new AssertionError("no stable plan after 30 rounds: " + rounds);
    }

    private void checkRound(List<Action> actions) {
        for (Action a : actions) {
            if (a.type() == ActionType.START) {
                assertThat(actions).as("a start of %s shares its round with a stop or probe of it", a.resource())
                        .noneMatch(b -> b.resource().equals(a.resource()) && b.type() != ActionType.START);
                assertThat(actions).as("two starts of %s in one round", a.resource())
                        .filteredOn(b -> b.resource().equals(a.resource()) && b.type() == ActionType.START).hasSize(1);
            }
        }
    }

    private void run(Action a) {
        String key = a.resource() + "@" + a.node();
        OcfStatus injected = failures.remove(a.type() + " " + key);
        OcfStatus result;
        Operation op;
        switch (a.type()) {
            case START -> {
                op = Operation.START;
                if (injected == null) {
                    running.add(key);
                }
                result = injected != null ? injected : OcfStatus.SUCCESS;
            }
            case STOP -> {
                op = Operation.STOP;
                if (injected == null) {
                    running.remove(key);
                }
                result = injected != null ? injected : OcfStatus.SUCCESS;
            }
            default -> {
                op = Operation.PROBE;
                result = injected != null ? injected : running.contains(key) ? OcfStatus.SUCCESS : OcfStatus.NOT_RUNNING;
            }
        }
        long onNodes = running.stream().filter(k -> k.startsWith(a.resource() + "@")).count();
        assertThat(onNodes).as("%s runs on %d nodes after %s", a.resource(), onNodes, a).isLessThanOrEqualTo(1);
        state = new ClusterCommand.RecordOperation(a.node(), a.resource(), op, result, now, a.toString()).apply(state);
    }

    /** The executor's recurring monitor on the node reports {@code result}. */
    public Simulator monitor(String resource, String node, OcfStatus result) {
        state = new ClusterCommand.RecordOperation(node, resource, Operation.MONITOR, result, now, "monitor " + result)
                .apply(state);
        return this;
    }
}
