package io.haven.agent;

/**
 * An operator's override, given by the presence of a file of that name in the hints directory
 * (GitHub's hint files). The declaration order is the precedence, strongest first:
 * {@code force-outside > force-error > force-into > master = delayed}, all above what MySQL says.
 */
public enum Hint {
    /** 404 everywhere: the server leaves every pool gracefully (HAProxy's NOLB). */
    FORCE_OUTSIDE("force-outside"),
    /** 503 everywhere: the server is DOWN for HAProxy. */
    FORCE_ERROR("force-error"),
    /** 200 on {@code /check-lag} and {@code /ignore-lag}, even when lagging or unreachable. */
    FORCE_INTO("force-into"),
    /** 404 on the read checks: this server is a writer, whatever replication says. */
    MASTER("master"),
    /** 404 on the read checks: a delayed replica must never take reads. */
    DELAYED("delayed");

    private final String fileName;

    Hint(String fileName) {
        this.fileName = fileName;
    }

    /** The file name in the hints directory, also the word used in bodies and logs. */
    public String fileName() {
        return fileName;
    }
}
