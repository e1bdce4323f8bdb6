package io.haven.cluster.agent;

/** What one start, stop or monitor action found: the OCF status and a one-line reason for logs and status. */
public record AgentResult(OcfStatus status, String message) {

    public static AgentResult success(String message) {
        return new AgentResult(OcfStatus.SUCCESS, message);
    }

    public static AgentResult notRunning(String message) {
        return new AgentResult(OcfStatus.NOT_RUNNING, message);
    }

    public static AgentResult error(String message) {
        return new AgentResult(OcfStatus.ERR_GENERIC, message);
    }

    public boolean ok() {
        return status == OcfStatus.SUCCESS;
    }
}
