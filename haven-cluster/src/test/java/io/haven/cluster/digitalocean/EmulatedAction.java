package io.haven.cluster.digitalocean;

import java.time.Instant;

/** One floating IP action in the emulator; mutable, guarded by the {@link EmulatedCloud} lock. */
final class EmulatedAction {
    final long id;
    final String type;
    final String ip;
    final Long droplet;
    final Instant startedAt;
    String status = "in-progress";
    Instant completedAt;

    EmulatedAction(long id, String type, String ip, Long droplet, Instant startedAt) {
        this.id = id;
        this.type = type;
        this.ip = ip;
        this.droplet = droplet;
        this.startedAt = startedAt;
    }

    boolean pending() {
        return "in-progress".equals(status);
    }
}
