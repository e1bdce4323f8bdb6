package io.haven.core.server;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * What an agent-check answered, parsed from HAProxy's agent text protocol: words separated by
 * blanks or commas among {@code up}, {@code down}, {@code stopped}, {@code fail}, {@code maint},
 * {@code ready}, {@code drain}, {@code N%} and {@code maxconn:N}; anything after {@code #} is a
 * comment reported as the reason.
 */
public record AgentReply(Operational operational, Admin admin, OptionalInt weightPercent, String comment) {
    public enum Operational { NONE, UP, DOWN }

    public enum Admin { NONE, READY, DRAIN, MAINT }

    /** Parses one agent line; unknown words are ignored as HAProxy does. */
    public static AgentReply parse(String line) {
        String text = line.trim();
        String comment = "";
        int hash = text.indexOf('#');
        if (hash >= 0) {
            comment = text.substring(hash + 1).trim();
            text = text.substring(0, hash);
        }
        Operational op = Operational.NONE;
        Admin admin = Admin.NONE;
        OptionalInt weight = OptionalInt.empty();
        for (String word : text.split("[\\s,]+")) {
            String w = word.toLowerCase(Locale.ROOT);
            switch (w) {
                case "up" -> op = Operational.UP;
                case "down", "stopped", "fail" -> op = Operational.DOWN;
                case "ready" -> admin = Admin.READY;
                case "drain" -> admin = Admin.DRAIN;
                case "maint" -> admin = Admin.MAINT;
                default -> {
                    if (w.endsWith("%") && w.length() > 1) {
                        try {
                            weight = OptionalInt.of(Integer.parseInt(w.substring(0, w.length() - 1)));
                        } catch (NumberFormatException ignored) {
                            // not a weight: ignored like other unknown words
                        }
                    }
                }
            }
        }
        return new AgentReply(op, admin, weight, comment);
    }
}
