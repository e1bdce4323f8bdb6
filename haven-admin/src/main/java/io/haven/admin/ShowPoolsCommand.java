package io.haven.admin;

import io.haven.config.model.AccessLevel;
import io.haven.config.model.MysqlLagConfig;
import io.haven.core.Backend;
import io.haven.core.Generation;
import io.haven.core.LbSnapshot;
import io.haven.core.server.PoolOverride;
import io.haven.core.server.PoolOverrideNote;
import io.haven.core.server.Server;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code show pools [<backend>]}: one block per backend with {@code option mysql-lag-check}, in
 * configuration order, each a summary line and one line per server:
 * <pre>
 * # pool mysql_ro: 1/3 fresh, min-servers 2, max-lag 1.000s, back-in 0.500s, hard-max-lag 5.000s, state degraded
 * # server status lag served override reason who when
 * r1 UP 0.012s yes auto - - -
 * r2 NOLB 2.310s degraded auto - - -
 * r3 DRAIN 0.020s no out "reindexing" unix:/run/haven.sock(admin) 2026-11-25T09:40:01Z
 * </pre>
 * <b>fresh</b> counts the active servers in the balancer on their own merit and not lagging (a
 * replica forced in while lagging is not fresh); <b>state</b> is {@code ok}, {@code degraded}
 * (lagging replicas served to reach {@code min-servers}), {@code short} (below
 * {@code min-servers} with no replica within {@code hard-max-lag} to add), {@code backup} (only
 * backup servers serve) or {@code down} (nothing serves). Per server: <b>status</b> UP, NOLB,
 * DRAIN, DOWN or MAINT; <b>lag</b> the last measured replication lag, {@code unknown} when it
 * could not be measured; <b>served</b> whether the balancer gives it new connections:
 * {@code yes}, {@code degraded} (only to reach {@code min-servers}) or {@code no};
 * <b>override</b> auto, in or out, with the operator's <b>reason</b> (quoted), <b>who</b> (session
 * identity and level) and <b>when</b> (UTC), {@code -} under auto. Fields never contain blanks,
 * except the quoted reason.
 */
final class ShowPoolsCommand {
    static final String HEADER = "# server status lag served override reason who when\n";

    private final Supplier<Generation> current;

    ShowPoolsCommand(Supplier<Generation> current) {
        this.current = current;
    }

    void register(CommandTable t) {
        t.add(new CliCommand(List.of("show", "pools"), "show pools [<backend>]",
                "lag-checked pools; per server: status lag served override reason who when", AccessLevel.USER,
                (args, s) -> show(args)));
    }

    private String show(List<String> args) {
        Generation g = current.get();
        List<Backend> backends = g.backends().stream().toList();
        if (!args.isEmpty()) {
            Optional<Backend> one = ServerLookup.backend(g, args.get(0));
            if (one.isEmpty()) {
                return ServerLookup.NO_BACKEND;
            }
            if (lag(one.get()) == null) {
                return "Backend " + one.get().name() + " is not a pool: it has no 'option mysql-lag-check'.\n";
            }
            backends = List.of(one.get());
        }
        StringBuilder out = new StringBuilder();
        for (Backend b : backends) {
            MysqlLagConfig lag = lag(b);
            if (lag != null) {
                pool(out, b, lag);
            }
        }
        return out.toString();
    }

    private static MysqlLagConfig lag(Backend b) {
        return b.config().healthCheck() == null ? null : b.config().healthCheck().mysqlLag();
    }

    private static void pool(StringBuilder out, Backend b, MysqlLagConfig lag) {
        LbSnapshot lb = b.lb();
        List<Server> active = b.servers().stream().filter(s -> !s.isBackup()).toList();
        long fresh = active.stream().filter(s -> s.usable() && !s.lagExcluded()).count();
        out.append("# pool ").append(b.name()).append(": ").append(fresh).append('/').append(active.size())
                .append(" fresh, min-servers ").append(lag.minServers())
                .append(", max-lag ").append(secs(lag.maxLagMs()))
                .append(", back-in ").append(secs(lag.backInMs()))
                .append(", hard-max-lag ").append(secs(lag.hardMaxLagMs()))
                .append(", state ").append(state(lb, lag)).append('\n')
                .append(HEADER);
        for (Server s : b.servers()) {
            boolean served = Arrays.asList(lb.servers()).contains(s);
            long millis = s.replicationLag();
            PoolOverrideNote note = s.poolOverride();
            boolean auto = note.override() == PoolOverride.AUTO;
            out.append(s.name()).append(' ')
                    .append(s.status()).append(' ')
                    .append(millis < 0 ? "unknown" : secs(millis)).append(' ')
                    .append(!served ? "no" : s.servedDegraded() ? "degraded" : "yes").append(' ')
                    .append(note.override().word()).append(' ')
                    .append(note.reason().isEmpty() ? "-" : PoolOverrideNote.quoted(note.reason())).append(' ')
                    .append(auto ? "-" : note.who().replace(' ', '_') + "(" + note.level() + ")").append(' ')
                    .append(auto ? "-" : Instant.ofEpochMilli(note.atMillis()).truncatedTo(ChronoUnit.SECONDS))
                    .append('\n');
        }
    }

    static String state(LbSnapshot lb, MysqlLagConfig lag) {
        if (lb.size() == 0) {
            return "down";
        }
        if (lb.backup()) {
            return "backup";
        }
        if (lb.degraded() > 0) {
            return "degraded";
        }
        return lb.fresh() < lag.minServers() ? "short" : "ok";
    }

    private static String secs(long millis) {
        return String.format(Locale.ROOT, "%.3fs", millis / 1000.0);
    }
}
