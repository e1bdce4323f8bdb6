package io.haven.check;

import io.haven.core.server.AgentReply;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;

/**
 * {@code agent-check}: connects to {@code agent-addr:agent-port}, reads one line (up to CR or LF,
 * the connection's end, or 1 KiB) and hands the parsed reply to the server with an L7OK result
 * carrying the line. Failing to reach the agent is not an error, per HAProxy ("connectivity is
 * tested by the regular health check"): the failure is recorded as the last agent result and
 * changes nothing else.
 */
final class AgentCheck implements Probe {
    static final int LINE_LIMIT = 1024;
    private static final AgentReply NOTHING = AgentReply.parse("");

    @Override
    public CheckRun newRun(CheckTarget target) {
        return new CheckRun(target, LINE_LIMIT) {
            @Override
            protected void begin() {
                connect(target.address());
            }

            @Override
            protected void onReceived(ReceiveBuffer in, boolean last) {
                int end = 0;
                while (end < in.length() && in.get(end) != '\n' && in.get(end) != '\r') {
                    end++;
                }
                if (end == in.length() && !last) {
                    return;
                }
                finish(result(CheckStatus.L7OK, 0, in.text(0, end)));
            }
        };
    }

    /** Applies a finished agent run to the server. */
    static void deliver(Server server, CheckResult r) {
        if (r.status() == CheckStatus.L7OK) {
            server.onAgentReply(AgentReply.parse(r.info()), r);
        } else {
            server.onAgentReply(NOTHING, r); // recorded, but no word to act on
        }
    }
}
