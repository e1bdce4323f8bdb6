package io.haven.cluster.agent.digitalocean;

/** A floating IP action as the API reports it: {@code status} is {@code in-progress}, {@code completed} or {@code errored}. */
record IpAction(long id, String status, String type) {

    boolean completed() {
        return "completed".equals(status);
    }

    boolean errored() {
        return "errored".equals(status);
    }
}
