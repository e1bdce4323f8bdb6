package io.haven.admin;

import io.haven.config.model.ProxyConfig;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.haven.core.server.Server;
import io.haven.core.server.ServerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines of the stats table for one generation, in HAProxy's order: per proxy in configuration
 * order its FRONTEND line, its servers, its BACKEND line. {@code show stat} prints them as CSV;
 * the stats page renders the same lines as HTML, JSON and Prometheus metrics.
 */
public final class StatTable {
    private StatTable() {
    }

    /**
     * @param legends whether addresses and algorithms are shown (operator level and above on the
     *     CLI, {@code stats show-legends} on the page)
     */
    public static List<StatRow> rows(Generation g, StatSelection sel, long nowMillis, boolean legends) {
        StatRows rows = new StatRows(nowMillis, legends);
        List<StatRow> out = new ArrayList<>();
        for (ProxyConfig p : g.config().proxies()) {
            if (!sel.proxies().test(p.name())) {
                continue;
            }
            Optional<Frontend> f = p.kind().hasFrontend() ? g.frontend(p.name()) : Optional.empty();
            Optional<Backend> b = p.kind().hasBackend() ? g.backend(p.name()) : Optional.empty();
            int id = f.map(Frontend::id).or(() -> b.map(Backend::id)).orElse(0);
            if (sel.iid() != -1 && id != sel.iid()) {
                continue;
            }
            if (f.isPresent() && sel.shows(StatSelection.FRONTENDS)) {
                out.add(rows.frontend(f.get()));
            }
            if (b.isEmpty()) {
                continue;
            }
            if (sel.shows(StatSelection.SERVERS)) {
                for (Server s : b.get().servers()) {
                    if (sel.sid() != -1 && s.id() != sel.sid() || hidden(s, sel.hideDown(), sel.hideMaint())) {
                        continue;
                    }
                    out.add(rows.server(b.get(), s));
                }
            }
            if (sel.shows(StatSelection.BACKENDS)) {
                out.add(rows.backend(b.get(), sel.hideDown() || sel.hideMaint()));
            }
        }
        return out;
    }

    /** The header line and every row, as {@code show stat} prints them. */
    public static String csv(List<StatRow> rows) {
        StringBuilder out = new StringBuilder(StatColumns.header());
        for (StatRow r : rows) {
            r.appendCsv(out);
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
}
