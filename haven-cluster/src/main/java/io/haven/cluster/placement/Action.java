package io.haven.cluster.placement;

/** Run {@code type} of {@code resource} on {@code node}; {@code reason} says why, for logs and status. */
public record Action(ActionType type, String resource, String node, String reason) {
    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " " + resource + " on " + node + " (" + reason + ")";
    }
}
