package io.haven.cluster.agent;

import java.time.Duration;

/**
 * How a command ended: its exit code (-1 when it was killed at its timeout), its standard output
 * and error interleaved, and how long it ran.
 */
public record CommandResult(int exitCode, String output, boolean timedOut, Duration took) {

    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** The last non-blank output line, or "" : what an operator wants to see in a status line. */
    public String lastLine() {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
