package io.haven.cluster.agent.digitalocean;

import io.haven.cluster.agent.AgentResult;

/** Ends an operation early with the result to report; carries no stack trace worth logging. */
final class AgentFailure extends Exception {
    private final AgentResult result;

    AgentFailure(AgentResult result) {
        super(result.message(), null, false, false);
        this.result = result;
    }

    AgentResult result() {
        return result;
    }
}
