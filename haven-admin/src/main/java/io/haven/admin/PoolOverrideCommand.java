package io.haven.admin;

import io.haven.core.server.PoolOverride;
import io.haven.core.server.PoolOverrideNote;
import io.haven.core.server.Server;
import java.util.List;
import java.util.Locale;

/**
 * {@code set server <bk>/<srv> pool in|out|auto [reason <text...>]}: an operator's word on a
 * server's pool membership, over what the checks say. {@code out} takes it out of the balancer as
 * DRAIN does, {@code in} keeps a lagging replica in (a failed health check still takes it down),
 * {@code auto} returns to the checks. The server keeps the reason, who (the session's socket and
 * level) and when; {@code show pools} prints them and the event log says them.
 */
final class PoolOverrideCommand {
    static final String USAGE = "'set server <srv> pool' expects 'in', 'out' or 'auto', optionally followed by"
            + " 'reason <text>'.\n";
    /** Enough for a sentence and a ticket number; keeps {@code show pools} rows readable. */
    static final int MAX_REASON = 200;

    private PoolOverrideCommand() {
    }

    static String run(Server s, List<String> args, CliSession session) {
        PoolOverride override = parse(ServerCommands.arg(args, 0));
        if (override == null) {
            return USAGE;
        }
        String reason = "";
        if (args.size() > 1) {
            if (!"reason".equals(args.get(1)) || args.size() < 3) {
                return USAGE;
            }
            // a backslash may have let a control character through: keep log lines and rows on one line
            reason = String.join(" ", args.subList(2, args.size())).replaceAll("\\p{Cntrl}", "?");
            if (reason.length() > MAX_REASON) {
                return "The reason is too long: at most " + MAX_REASON + " characters.\n";
            }
        }
        s.setPoolOverride(new PoolOverrideNote(override, reason, session.peer(),
                session.level().name().toLowerCase(Locale.ROOT), System.currentTimeMillis()));
        return "";
    }

    private static PoolOverride parse(String word) {
        if (word == null) {
            return null;
        }
        return switch (word) {
            case "in" -> PoolOverride.IN;
            case "out" -> PoolOverride.OUT;
            case "auto" -> PoolOverride.AUTO;
            default -> null;
        };
    }
}
