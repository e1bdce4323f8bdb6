package io.haven.admin;

import io.haven.admin.stats.StatsJson;
import io.haven.config.model.AccessLevel;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code show stat [domain proxy] [{<iid>|<proxy>} <type> <sid>] [up|no-maint] [json]}: HAProxy's CSV (or its JSON form),
 * one FRONTEND line per frontend or listen, one line per server, one BACKEND line per backend or
 * listen, proxies in configuration order. {@code <type>} is a bit mask (1 frontends, 2 backends,
 * 4 servers, -1 all), {@code <iid>} and {@code <sid>} select one proxy and one server (-1 all).
 */
final class ShowStatCommand {
    private final Supplier<Generation> current;

    ShowStatCommand(Supplier<Generation> current) {
        this.current = current;
    }

    void register(CommandTable t) {
        t.add(new CliCommand(List.of("show", "stat"), "show stat [no-maint|up|json]*",
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
        int iid = -1;
        int type = -1;
        int sid = -1;
        if (args.size() >= i + 3) {
            iid = proxyId(g, args.get(i));
            if (iid == 0) {
                return "No such proxy.\n";
            }
            type = atoi(args.get(i + 1));
            sid = atoi(args.get(i + 2));
            i += 3;
        }
        boolean hideDown = false;
        boolean hideMaint = false;
        boolean json = false;
        for (String w : args.subList(i, args.size())) {
            switch (w) {
                case "up" -> hideDown = true;
                case "no-maint" -> hideMaint = true;
                case "json" -> json = true;
                case "typed", "desc" -> {
                    return "Haven does not implement 'show stat " + w + "'; use the CSV form.\n";
                }
                default -> { } // HAProxy ignores words it does not know here
            }
        }
        StatSelection selection = new StatSelection(iid, type, sid, hideDown, hideMaint, StatSelection.ALL_PROXIES);
        List<StatRow> rows = StatTable.rows(g, selection, System.currentTimeMillis(),
                session.level().allows(AccessLevel.OPERATOR));
        return json ? StatsJson.render(rows) + "\n" : StatTable.csv(rows);
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
