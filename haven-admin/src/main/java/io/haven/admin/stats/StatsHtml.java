package io.haven.admin.stats;

import io.haven.admin.StatRow;
import io.haven.config.model.StatsConfig;
import io.haven.core.Backend;
import io.haven.core.Generation;
import io.haven.core.server.Server;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stats page in HAProxy's spirit: one table per proxy with its FRONTEND line, its servers and
 * its BACKEND line; state colours; the last check (status, code, duration, and its text as a
 * tooltip); sessions, bytes, errors, weights, check failures and downtime; the replication lag of
 * servers checked by {@code option mysql-lag-check}. It reloads itself every {@code stats refresh}
 * (a meta refresh, unless {@code ;norefresh}); in admin mode each backend gets HAProxy's form.
 * Elements carry stable classes and {@code data-} attributes so that scripts and tests can read it.
 */
final class StatsHtml {
    private static final String STYLE = """
            body { font-family: arial, helvetica, sans-serif; font-size: 12px; background: #fff; }
            h1 { font-size: 18px; margin: 0 0 4px 0; } h2 { font-size: 14px; color: #555; margin: 0 0 8px 0; }
            table.px { border-collapse: collapse; margin: 10px 0; }
            table.px th, table.px td { border: 1px solid #999; padding: 1px 4px; text-align: right; }
            table.px th.pxname { background: #48a; color: #fff; text-align: left; font-size: 13px; }
            table.px td.sv { text-align: left; }
            tr.frontend, tr.backend { background: #eef; font-weight: bold; }
            tr.state-up { background: #c0ffc0; } tr.state-nolb { background: #ffe080; }
            tr.state-drain { background: #b0d0ff; } tr.state-down { background: #ff9090; }
            tr.state-maint { background: #c8c8c8; } tr.state-nocheck { background: #e0ffe0; }
            p.st { padding: 4px; border: 1px solid #888; } p.st-DONE { background: #c0ffc0; }
            p.st-PART, p.st-NONE { background: #ffe080; } p.st-ERRP, p.st-DENY { background: #ff9090; }
            """;

    private StatsHtml() {
    }

    static String render(Generation g, List<StatRow> rows, StatsConfig config, StatsRequest req, boolean admin,
                         String version, long now) {
        StringBuilder b = new StringBuilder(16384);
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>Statistics Report for Haven</title>\n");
        if (config.refreshMs() > 0 && !req.noRefresh()) {
            b.append("<meta http-equiv=\"refresh\" content=\"").append(Math.max(1, config.refreshMs() / 1000))
                    .append("\" id=\"refresh\">\n");
        }
        b.append("<style>").append(STYLE).append("</style></head>\n<body>\n");
        b.append("<h1>Haven").append(version == null ? "" : " " + esc(version)).append("</h1>\n");
        b.append("<h2>Statistics Report for pid ").append(ProcessHandle.current().pid()).append("</h2>\n");
        b.append("<p class=\"info\">Generated at <span id=\"generated\">").append(Instant.ofEpochMilli(now))
                .append("</span> &middot; generation ").append(g.number());
        String uri = esc(config.uri());
        b.append(" &middot; <a id=\"csv\" href=\"").append(uri).append(";csv\">CSV export</a>")
                .append(" &middot; <a id=\"json\" href=\"").append(uri).append(";json\">JSON export</a>");
        if (config.refreshMs() > 0) {
            b.append(req.noRefresh()
                    ? " &middot; <a href=\"" + uri + "\">Refresh every " + config.refreshMs() / 1000 + "s</a>"
                    : " &middot; <a href=\"" + uri + ";norefresh\">Stop refresh</a>");
        }
        b.append("</p>\n");
        if (req.actionStatus() != null) {
            b.append("<p class=\"st st-").append(esc(req.actionStatus())).append("\" id=\"action-status\">[")
                    .append(esc(req.actionStatus())).append("] ").append(esc(AdminForm.describe(req.actionStatus())))
                    .append("</p>\n");
        }
        for (Map.Entry<String, List<StatRow>> px : byProxy(rows).entrySet()) {
            proxy(b, g, px.getKey(), px.getValue(), config, admin);
        }
        return b.append("</body></html>\n").toString();
    }

    private static Map<String, List<StatRow>> byProxy(List<StatRow> rows) {
        Map<String, List<StatRow>> out = new LinkedHashMap<>();
        for (StatRow r : rows) {
            out.computeIfAbsent(r.get("pxname"), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static void proxy(StringBuilder b, Generation g, String name, List<StatRow> rows, StatsConfig config,
                              boolean admin) {
        Optional<Backend> backend = g.backend(name);
        boolean form = admin && backend.isPresent() && !backend.get().servers().isEmpty();
        if (form) {
            b.append("<form method=\"post\" action=\"").append(esc(config.uri())).append("\">\n");
        }
        b.append("<table class=\"px\" id=\"px-").append(esc(name)).append("\" data-proxy=\"").append(esc(name)).append("\">\n");
        int columns = 23 + (form ? 1 : 0);
        b.append("<tr><th class=\"pxname\" colspan=\"").append(columns).append("\">").append(esc(name)).append("</th></tr>\n");
        b.append("<tr>").append(form ? "<th rowspan=\"2\"></th>" : "")
                .append("<th rowspan=\"2\">Name</th><th colspan=\"5\">Server</th><th colspan=\"3\">Check</th>")
                .append("<th colspan=\"5\">Sessions</th><th colspan=\"2\">Bytes</th><th colspan=\"2\">Errors</th>")
                .append("<th colspan=\"2\">Warnings</th><th colspan=\"3\">Health</th></tr>\n<tr>")
                .append("<th>Status</th><th>LastChg</th><th>Wght</th><th>Act</th><th>Bck</th>")
                .append("<th>LastChk</th><th>Lag</th><th>Queue</th>")
                .append("<th>Cur</th><th>Max</th><th>Limit</th><th>Total</th><th>LbTot</th>")
                .append("<th>In</th><th>Out</th><th>Conn</th><th>Resp</th><th>Retr</th><th>Redis</th>")
                .append("<th>Chk</th><th>Dwn</th><th>Dwntme</th></tr>\n");
        for (StatRow r : rows) {
            row(b, r, backend, form);
        }
        b.append("</table>\n");
        if (form) {
            b.append("<input type=\"hidden\" name=\"b\" value=\"#").append(backend.get().id()).append("\">")
                    .append("Choose the action to perform on the checked servers: <select name=\"action\">")
                    .append("<option value=\"\"></option>")
                    .append("<option value=\"ready\">Set state to READY</option>")
                    .append("<option value=\"drain\">Set state to DRAIN</option>")
                    .append("<option value=\"maint\">Set state to MAINT</option>")
                    .append("<option value=\"dhlth\">Health: disable checks</option>")
                    .append("<option value=\"ehlth\">Health: enable checks</option>")
                    .append("<option value=\"dagent\">Agent: disable checks</option>")
                    .append("<option value=\"eagent\">Agent: enable checks</option>")
                    .append("</select> <input type=\"submit\" value=\"Apply\"></form>\n");
        }
    }

    private static void row(StringBuilder b, StatRow r, Optional<Backend> backend, boolean form) {
        int type = r.type();
        String sv = r.get("svname");
        String kind = type == 0 ? "frontend" : type == 1 ? "backend" : "server";
        String status = nz(r.get("status"));
        b.append("<tr class=\"").append(kind).append(' ').append(stateClass(status)).append("\" data-sv=\"")
                .append(esc(sv)).append("\">");
        if (form) {
            b.append(type == 2 ? "<td><input type=\"checkbox\" name=\"s\" value=\"" + esc(sv) + "\"></td>" : "<td></td>");
        }
        Optional<Server> server = type == 2 ? backend.flatMap(be -> be.server(sv)) : Optional.empty();
        b.append("<td class=\"sv\">").append(esc(sv)).append("</td>");
        cell(b, "status", status);
        cell(b, "lastchg", type == 0 ? "" : duration(r.get("lastchg")));
        cell(b, "weight", r.get("weight"));
        cell(b, "act", type == 2 ? yesNo(r.get("act")) : r.get("act"));
        cell(b, "bck", type == 2 ? yesNo(r.get("bck")) : r.get("bck"));
        b.append("<td class=\"lastchk\" title=\"").append(esc(checkTitle(r))).append("\">").append(esc(lastCheck(r)))
                .append("</td>");
        cell(b, "lag", server.map(StatsHtml::lag).orElse(""));
        cell(b, "qcur", r.get("qcur"));
        cell(b, "scur", r.get("scur"));
        cell(b, "smax", r.get("smax"));
        cell(b, "slim", r.get("slim"));
        cell(b, "stot", r.get("stot"));
        cell(b, "lbtot", r.get("lbtot"));
        cell(b, "bin", r.get("bin"));
        cell(b, "bout", r.get("bout"));
        cell(b, "econ", r.get("econ"));
        cell(b, "eresp", r.get("eresp"));
        cell(b, "wretr", r.get("wretr"));
        cell(b, "wredis", r.get("wredis"));
        cell(b, "chkfail", r.get("chkfail"));
        cell(b, "chkdown", r.get("chkdown"));
        cell(b, "downtime", r.get("downtime") == null ? "" : duration(r.get("downtime")));
        b.append("</tr>\n");
    }

    private static void cell(StringBuilder b, String cls, String value) {
        b.append("<td class=\"").append(cls).append("\">").append(esc(nz(value))).append("</td>");
    }

    /** HAProxy's LastChk cell: {@code L7OK/200 in 3ms}, {@code L4CON in 0ms}. */
    static String lastCheck(StatRow r) {
        String st = r.get("check_status");
        if (st == null) {
            return "";
        }
        String code = r.get("check_code");
        String d = r.get("check_duration");
        return st + (code == null ? "" : "/" + code) + (d == null ? "" : " in " + d + "ms");
    }

    private static String checkTitle(StatRow r) {
        String desc = r.get("check_desc");
        String info = r.get("last_chk");
        if (desc == null) {
            return "";
        }
        return info == null || info.isEmpty() ? desc : desc + ": " + info;
    }

    /** The replication lag of a server under {@code option mysql-lag-check}; empty for others. */
    static String lag(Server s) {
        if (s.backend().config().healthCheck().mysqlLag() == null) {
            return "";
        }
        long ms = s.replicationLag();
        return ms < 0 ? "unknown" : String.format(Locale.ROOT, "%.3fs", ms / 1000.0);
    }

    static String stateClass(String status) {
        String s = status.toUpperCase(Locale.ROOT);
        if (s.startsWith("MAINT")) {
            return "state-maint";
        }
        if (s.startsWith("DOWN")) {
            return "state-down";
        }
        if (s.startsWith("DRAIN")) {
            return "state-drain";
        }
        if (s.startsWith("NOLB")) {
            return "state-nolb";
        }
        if (s.startsWith("NO CHECK")) {
            return "state-nocheck";
        }
        return s.startsWith("UP") || s.startsWith("OPEN") ? "state-up" : "state-other";
    }

    /** Seconds as HAProxy prints durations: {@code 5s}, {@code 3m12s}, {@code 2h0m}, {@code 1d3h}. */
    static String duration(String seconds) {
        if (seconds == null || seconds.isEmpty()) {
            return "";
        }
        long s = Long.parseLong(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h" + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d" + s % 86400 / 3600 + "h";
    }

    private static String yesNo(String flag) {
        return "1".equals(flag) ? "Y" : "-";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
