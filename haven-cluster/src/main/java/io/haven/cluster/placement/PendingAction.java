package io.haven.cluster.placement;

/** An action the plan needs but may not run yet, and what it waits for (shown by status). */
public record PendingAction(Action action, String waitingFor) {
}
