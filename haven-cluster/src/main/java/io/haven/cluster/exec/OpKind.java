package io.haven.cluster.exec;

/** The operations the executor runs, as Pacemaker names them; a probe is a one-shot monitor ({@code monitor_0}). */
public enum OpKind {
    START("start"),
    STOP("stop"),
    MONITOR("monitor"),
    PROBE("probe");

    private final String label;

    OpKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
