package io.haven.admin;

import io.haven.config.model.AccessLevel;
import io.haven.config.model.ProxyConfig;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.haven.core.server.Server;
import io.haven.core.server.ServerStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code show stat [domain proxy] [{<iid>|<proxy>} <type> <sid>] [up|no-maint]}: HAProxy's CSV,
 * one FRONTEND line per frontend or listen, one line per server, one BACKEND line per backend or
 * listen, proxies in configuration order. {@code <type>} is a bit mask (1 frontends, 2 backends,
 * 4 servers, -1 all), {@code <iid>} and {@code <sid>} select one proxy and one server (-1 all).
 */
final class ShowStatCommand {
    private static final int FRONTENDS = 1;
    private static final int BACKENDS = 2;
    private static final int SERVERS = 4;

    private final Supplier<Generation> current;

    ShowStatCommand(Supplier<Generation> current) {
        this.current = current;
    }

    void register(CommandTable t) {
        t.add(new CliCommand(List.of("show", "stat"), "show stat [no-maint|up]*",
                "report counters for each proxy and server", AccessLevel.USER, this::run));
    }

    private String run(List<String> args, CliSession session) {
        int i = 0;
        if (args.size() >= 2 && args.get(0).equals("domain")) {
            if (!args.get(1).equals("proxy")) {
                return "Haven has only the 'proxy' statistics domain.\n";
            }
            i = 2;
        }
        Generation g = current.get();
        boolean bound = false;
        int iid = -1;
        int type = -1;
        int sid = -1;
        if (args.size() >= i + 3) {
            iid = proxyId(g, args.get(i));
            if (iid == 0) {
                return "No such proxy.\n";
            }
            bound = true;
            type = atoi(args.get(i + 1));
            sid = atoi(args.get(i + 2));
            i += 3;
        }
        boolean hideDown = false;
        boolean hideMaint = false;
        for (String w : args.subList(i, args.size())) {
            switch (w) {
                case "up" -> hideDown = true;
                case "no-maint" -> hideMaint = true;
                case "typed", "json", "desc" -> {
                    return "Haven does not implement 'show stat " + w + "'; use the CSV form.\n";
                }
                default -> { } // HAProxy ignores words it does not know here
            }
        }
        StatRows rows = new StatRows(System.currentTimeMillis(), session.level().allows(AccessLevel.OPERATOR));
        StringBuilder out = new StringBuilder(StatColumns.header());
        for (ProxyConfig p : g.config().proxies()) {
            Optional<Frontend> f = p.kind().hasFrontend() ? g.frontend(p.name()) : Optional.empty();
            Optional<Backend> b = p.kind().hasBackend() ? g.backend(p.name()) : Optional.empty();
            int id = f.map(Frontend::id).or(() -> b.map(Backend::id)).orElse(0);
            if (bound && iid != -1 && id != iid) {
                continue;
            }
            if (f.isPresent() && (!bound || (type & FRONTENDS) != 0)) {
                rows.frontend(f.get()).appendCsv(out);
            }
            if (b.isEmpty()) {
                continue;
            }
            if (!bound || (type & SERVERS) != 0) {
                for (Server s : b.get().servers()) {
                    if (bound && sid != -1 && s.id() != sid || hidden(s, hideDown, hideMaint)) {
                        continue;
                    }
                    rows.server(b.get(), s).appendCsv(out);
                }
            }
            if (!bound || (type & BACKENDS) != 0) {
                rows.backend(b.get(), hideDown || hideMaint).appendCsv(out);
            }
        }
        return out.toString();
    }

    /** {@code no-maint} hides servers in maintenance; {@code up} also hides servers down and not coming back up. */
    private static boolean hidden(Server s, boolean hideDown, boolean hideMaint) {
        ServerStatus st = s.status();
        if (st == ServerStatus.MAINT) {
            return hideDown || hideMaint;
        }
        return hideDown && st == ServerStatus.DOWN && s.statusText().equals("DOWN");
    }

    /** A proxy name, else a number as C's atoi reads it; 0 means none, as in HAProxy. */
    private static int proxyId(Generation g, String word) {
        Optional<Integer> byName = g.frontend(word).map(Frontend::id).or(() -> g.backend(word).map(Backend::id));
        return byName.orElseGet(() -> atoi(word));
    }

    static int atoi(String s) {
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        v = Math.min(v, Integer.MAX_VALUE);
        return (int) (negative ? -v : v);
    }
}
