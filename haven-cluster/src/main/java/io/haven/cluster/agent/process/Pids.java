package io.haven.cluster.agent.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Process ids as Linux shows them: alive means {@code /proc/PID} exists and is not a zombie. */
final class Pids {
    private Pids() {
    }

    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // "PID (comm) S ...": the state follows the last ')' since comm may contain one
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid written in a pid file, if the file exists and holds a number. */
    static OptionalLong read(Path pidfile) {
        try {
            String text = Files.readString(pidfile, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text.split("\\s+")[0]));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
