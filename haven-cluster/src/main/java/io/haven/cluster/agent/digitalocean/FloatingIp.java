package io.haven.cluster.agent.digitalocean;

/** The API's view of one floating IP: the droplet it is assigned to (null: none) and whether an action is pending. */
record FloatingIp(String ip, Long dropletId, boolean locked) {

    boolean assignedTo(long droplet) {
        return dropletId != null && dropletId == droplet;
    }

    String describeAssignment() {
        return dropletId == null ? "unassigned" : "assigned to droplet " + dropletId;
    }
}
