package io.haven.admin;

import io.haven.config.model.AccessLevel;
import io.haven.config.model.ServerConfig;
import io.haven.core.Backend;
import io.haven.core.Generation;
import io.haven.core.server.CheckResult;
import io.haven.core.server.Server;
import io.haven.core.server.ServerStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code show servers state [<backend>]} in HAProxy's format version 1, with its numeric
 * encodings (management guide, "show servers state"), and {@code show backend}.
 */
final class ServersStateCommand {
    static final String HEADER = "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight"
            + " srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health"
            + " srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord"
            + " srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n";

    // srv_op_state
    static final int STOPPED = 0;
    static final int RUNNING = 2;
    static final int STOPPING = 3;
    // srv_admin_state bits
    static final int FMAINT = 0x01;
    static final int CMAINT = 0x04;
    static final int FDRAIN = 0x08;
    // srv_check_state / srv_agent_state bits
    static final int CHK_CONFIGURED = 0x02;
    static final int CHK_ENABLED = 0x04;
    static final int CHK_PAUSED = 0x08;
    static final int CHK_AGENT = 0x10;

    private final Supplier<Generation> current;

    ServersStateCommand(Supplier<Generation> current) {
        this.current = current;
    }

    void register(CommandTable t) {
        t.add(new CliCommand(List.of("show", "servers", "state"), "show servers state [<backend>]",
                "dump volatile server information (all or for a single backend)", AccessLevel.USER,
                (args, s) -> state(args)));
        t.add(new CliCommand(List.of("show", "backend"), "show backend",
                "list backends in the current running config", AccessLevel.USER, (args, s) -> backends()));
    }

    private String backends() {
        StringBuilder out = new StringBuilder("# name\n");
        current.get().backends().forEach(b -> out.append(b.name()).append('\n'));
        return out.toString();
    }

    private String state(List<String> args) {
        Generation g = current.get();
        Collection<Backend> backends = g.backends();
        if (!args.isEmpty()) {
            Optional<Backend> one = ServerLookup.backend(g, args.get(0))
                    .or(() -> g.backends().stream().filter(b -> String.valueOf(b.id()).equals(args.get(0))).findFirst());
            if (one.isEmpty()) {
                return "Can't find backend.\n";
            }
            backends = List.of(one.get());
        }
        long now = System.currentTimeMillis();
        StringBuilder out = new StringBuilder("1\n").append(HEADER);
        for (Backend b : backends) {
            for (Server s : b.servers()) {
                row(out, b, s, now);
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, Backend b, Server s, long now) {
        ServerConfig c = s.config();
        CheckResult check = s.lastCheck();
        boolean checked = c.check();
        out.append(b.id()).append(' ').append(b.name()).append(' ')
                .append(s.id()).append(' ').append(s.name()).append(' ')
                .append(s.address().getAddress().getHostAddress()).append(' ')
                .append(opState(s.status())).append(' ')
                .append(adminState(s)).append(' ')
                .append(s.weight()).append(' ').append(c.weight()).append(' ')
                .append(Math.max(0, (now - s.lastChangeMillis()) / 1000)).append(' ')
                .append(checked ? CheckCodes.status(check.status()) : 0).append(' ')
                .append(checked ? CheckCodes.result(check.status()) : 0).append(' ')
                .append(s.health()).append(' ')
                .append(checkState(s)).append(' ')
                .append(agentState(s)).append(' ')
                .append("0 0 - ") // ids are never forced in Haven; no FQDN resolution at run time
                .append(c.port()).append(' ')
                .append("- 0 ") // no SRV record, no TLS to servers
                .append(c.checkPort()).append(' ')
                .append(c.checkAddr() != null ? c.checkAddr() : "-").append(' ')
                .append(c.agentAddr() != null ? c.agentAddr() : "-").append(' ')
                .append(c.agentPort()).append('\n');
    }

    static int opState(ServerStatus status) {
        return switch (status) {
            case UP, DRAIN -> RUNNING;
            case NOLB -> STOPPING;
            case DOWN, MAINT -> STOPPED;
        };
    }

    static int adminState(Server s) {
        int state = 0;
        if (s.inMaintenance()) {
            state |= FMAINT;
            if (s.config().disabled()) {
                state |= CMAINT; // HAProxy marks "disabled" servers with both bits
            }
        }
        if (s.draining()) {
            state |= FDRAIN;
        }
        return state;
    }

    static int checkState(Server s) {
        if (!s.config().check()) {
            return 0;
        }
        int state = CHK_CONFIGURED | (s.checkEnabled() ? CHK_ENABLED : 0);
        return s.inMaintenance() ? state | CHK_PAUSED : state;
    }

    static int agentState(Server s) {
        if (!s.config().agentCheck()) {
            return 0;
        }
        return CHK_AGENT | CHK_CONFIGURED | (s.agentEnabled() ? CHK_ENABLED : 0);
    }
}
