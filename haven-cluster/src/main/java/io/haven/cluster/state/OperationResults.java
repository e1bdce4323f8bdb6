package io.haven.cluster.state;

import io.haven.cluster.agent.OcfStatus;
import java.util.TreeMap;

/**
 * How an operation's result changes the state, following Pacemaker: a failed start or stop sets
 * the failure count to INFINITY (start-failure-is-fatal; a failed stop without fencing blocks the
 * resource), a failed monitor or probe adds one, and a count whose failure-timeout has passed starts
 * again from zero. A recurring monitor only matters for a resource recorded as started: a late
 * report about one already stopped or failed is stale and ignored.
 */
final class OperationResults {
    private OperationResults() {
    }

    static ClusterState record(ClusterState s, ClusterCommand.RecordOperation op) {
        Observation previous = s.observation(op.node(), op.resource()).orElse(null);
        boolean ok = op.result() == OcfStatus.SUCCESS;
        boolean notRunning = op.result() == OcfStatus.NOT_RUNNING;
        Role role;
        int addFailures;
        switch (op.operation()) {
            case START -> {
                role = ok ? Role.STARTED : Role.FAILED;
                addFailures = ok ? 0 : Score.INFINITY;
            }
            case STOP -> {
                role = ok || notRunning ? Role.STOPPED : Role.FAILED;
                addFailures = ok || notRunning ? 0 : Score.INFINITY;
            }
            case PROBE -> {
                role = ok ? Role.STARTED : notRunning ? Role.STOPPED : Role.FAILED;
                addFailures = ok || notRunning ? 0 : 1;
            }
            case MONITOR -> {
                if (previous == null || previous.role() != Role.STARTED) {
                    return s;
                }
                role = ok ? Role.STARTED : notRunning ? Role.STOPPED : Role.FAILED;
                addFailures = ok ? 0 : 1;
            }
            default -> throw new IllegalStateException("unknown operation " + op.operation());
        }
        var observed = ClusterState.editable(s.observed());
        observed.computeIfAbsent(op.node(), k -> new TreeMap<>())
                .put(op.resource(), new Observation(role, op.operation(), op.result(), op.at(), op.message()));
        ClusterState next = s.withObserved(observed);
        if (addFailures == 0) {
            return next;
        }
        long failureTimeout = s.definition().resource(op.resource()).map(ResourceDefinition::failureTimeoutMs).orElse(0L);
        int base = s.failCount(op.resource(), op.node())
                .filter(f -> !f.expired(failureTimeout, op.at()))
                .map(FailCount::count).orElse(0);
        var failures = ClusterState.editable(s.failures());
        failures.computeIfAbsent(op.resource(), k -> new TreeMap<>())
                .put(op.node(), new FailCount((int) Math.min(Score.INFINITY, (long) base + addFailures), op.at()));
        return next.withFailures(failures);
    }
}
