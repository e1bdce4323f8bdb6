package io.haven.admin;

import io.haven.config.model.ProxyConfig;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.ProxyCounters;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import io.haven.core.server.ServerCounters;
import io.haven.core.server.ServerStatus;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Builds the FRONTEND, server and BACKEND lines of {@code show stat} from Haven's counters and
 * server state. A column is filled when HAProxy fills it for that object in a TCP proxy and Haven
 * knows the value. Counters of features Haven does not have (compression, header rewrites,
 * connection reuse, idle pools, HTTP sessions) are 0, which is what they are; counters Haven does
 * not keep (aborts, timings, internal errors) stay empty rather than invented.
 */
final class StatRows {
    private final long now;
    private final boolean legends;

    /**
     * @param legends whether to show addresses and algorithms, which HAProxy reserves for the
     *     operator and admin levels on the CLI
     */
    StatRows(long nowMillis, boolean legends) {
        this.now = nowMillis;
        this.legends = legends;
    }

    StatRow frontend(Frontend f) {
        ProxyCounters c = f.counters();
        long total = c.total.sum();
        return proxy(f.config(), "FRONTEND", f.id(), 0, c.http)
                .put("scur", c.current.get()).put("smax", c.max.get()).put("slim", f.maxconn())
                .put("stot", total).put("bin", c.bytesIn.sum()).put("bout", c.bytesOut.sum())
                .put("dreq", c.denied.sum()).put("dresp", 0).put("ereq", c.requestErrors.sum())
                .put("status", "OPEN")
                .put("rate", c.sessionRate.rate()).put("rate_lim", 0).put("rate_max", c.sessionRate.max())
                .putAll(0, "req_rate", "req_rate_max", "comp_in", "comp_out", "comp_byp", "comp_rsp")
                .put("conn_rate", c.sessionRate.rate()).put("conn_rate_max", c.sessionRate.max())
                .put("conn_tot", total).put("wrew", 0)
                .put("sess_other", total)
                .putAll(0, "h1sess", "h2sess", "h3sess", "req_other", "h1req", "h2req", "h3req");
    }

    /**
     * @param upOnly when {@code show stat up} or {@code no-maint} filtered servers, HAProxy adds
     *     the count of servers up and configured to the backend's status
     */
    StatRow backend(Backend b, boolean upOnly) {
        ProxyCounters c = b.counters();
        int uweight = 0;
        for (Server s : b.lb().servers()) {
            uweight += s.weight();
        }
        String status = b.lb().totalWeight() > 0 || b.servers().isEmpty() ? "UP" : "DOWN";
        if (upOnly) {
            long up = b.servers().stream()
                    .filter(s -> s.status() != ServerStatus.DOWN && s.status() != ServerStatus.MAINT).count();
            status += " (" + up + "/" + b.servers().size() + ")";
        }
        return proxy(b.config(), "BACKEND", b.id(), 1, c.http)
                .put("qcur", b.queueLength()).put("qmax", c.queueMax.get())
                .put("scur", c.current.get()).put("smax", c.max.get())
                .put("stot", c.total.sum()).put("bin", c.bytesIn.sum()).put("bout", c.bytesOut.sum())
                .put("dreq", c.denied.sum()).put("dresp", 0)
                .put("econ", c.connectErrors.sum()).put("eresp", c.responseErrors.sum())
                .put("wretr", c.retries.sum()).put("wredis", c.redispatches.sum())
                .put("status", status).put("weight", b.lb().totalWeight())
                .put("act", b.activeCount()).put("bck", b.backupCount())
                .put("lastchg", seconds(now - b.lastChangeMillis()))
                .put("lbtot", c.balanced.sum())
                .put("rate", c.sessionRate.rate()).put("rate_max", c.sessionRate.max())
                .putAll(0, "comp_in", "comp_out", "comp_byp", "comp_rsp", "wrew", "reuse")
                .put("algo", legends ? b.config().balance().keyword() : null)
                .put("uweight", uweight)
                .putAll(0, "agg_server_status", "agg_server_check_status", "agg_check_status");
    }

    StatRow server(Backend b, Server s) {
        ServerCounters c = s.counters();
        ServerStatus status = s.status();
        StatRow row = proxy(b.config(), s.name(), b.id(), 2, c.http)
                .put("sid", s.id())
                .put("qcur", 0).put("qmax", 0) // Haven queues per backend, never per server
                .put("scur", c.current.get()).put("smax", c.max.get())
                .put("slim", s.config().maxconn() > 0 ? s.config().maxconn() : null)
                .put("stot", c.total.sum()).put("bin", c.bytesIn.sum()).put("bout", c.bytesOut.sum())
                .put("dresp", 0)
                .put("econ", c.connectErrors.sum()).put("eresp", c.responseErrors.sum())
                .put("wretr", c.retries.sum()).put("wredis", c.redispatches.sum())
                .put("status", s.statusText())
                .put("weight", status == ServerStatus.DRAIN ? 0 : s.weight())
                .put("act", s.isBackup() ? 0 : 1).put("bck", s.isBackup() ? 1 : 0)
                .put("lastchg", seconds(now - s.lastChangeMillis()))
                .put("qlimit", s.config().maxqueue() > 0 ? s.config().maxqueue() : null)
                .put("lbtot", c.total.sum())
                .put("rate", c.sessionRate.rate()).put("rate_max", c.sessionRate.max())
                .put("addr", legends ? address(s.address()) : null)
                .putAll(0, "wrew", "reuse", "srv_icur", "idle_conn_cur", "safe_conn_cur", "srid")
                .put("used_conn_cur", c.current.get())
                .put("uweight", s.weight());
        if (s.checkEnabled()) {
            row.put("chkfail", c.failedChecks.sum()).put("chkdown", c.downTransitions.sum())
                    .put("downtime", seconds(s.downtimeMillis()));
        }
        // HAProxy pauses checks during maintenance and then leaves their columns empty
        if (s.checkEnabled() && !s.inMaintenance()) {
            CheckResult r = s.lastCheck();
            row.put("check_status", r.status().name())
                    .put("check_code", r.status().hasCode() ? r.code() : null)
                    .put("check_duration", finished(r.status()) ? r.durationMs() : null)
                    .put("check_desc", r.status().description()).put("last_chk", r.info())
                    .put("check_rise", s.config().rise()).put("check_fall", s.config().fall())
                    .put("check_health", s.health());
        }
        if (s.agentEnabled()) {
            CheckResult r = s.lastAgent();
            row.put("agent_status", r.status().name())
                    .put("agent_code", r.status().hasCode() ? r.code() : null)
                    .put("agent_duration", r.durationMs())
                    .put("agent_desc", r.status().description()).put("last_agt", r.info());
        }
        return row;
    }

    private static StatRow proxy(ProxyConfig p, String svname, int iid, int type, io.haven.core.http.HttpCounters http) {
        StatRow row = proxy(p, svname, iid, type);
        if (p.mode() == io.haven.config.model.ProxyMode.HTTP) {
            // HAProxy's per-status counters and request total, filled for HTTP proxies only
            row.put("hrsp_1xx", http.responses(1)).put("hrsp_2xx", http.responses(2)).put("hrsp_3xx", http.responses(3))
                    .put("hrsp_4xx", http.responses(4)).put("hrsp_5xx", http.responses(5))
                    .put("hrsp_other", http.responses(0)).put("req_tot", http.requests.sum());
        } else if (type == 0) {
            row.put("req_tot", 0);
        }
        return row;
    }

    private static StatRow proxy(ProxyConfig p, String svname, int iid, int type) {
        return new StatRow().put("pxname", p.name()).put("svname", svname)
                .put("pid", 1).put("iid", iid).put("sid", 0).put("type", type)
                .put("mode", p.mode().name().toLowerCase(Locale.ROOT));
    }

    private static boolean finished(CheckStatus s) {
        return s != CheckStatus.UNK && s != CheckStatus.INI;
    }

    private static long seconds(long millis) {
        return Math.max(0, millis / 1000);
    }

    /** {@code ip:port}, IPv6 in brackets, as HAProxy prints {@code addr}. */
    static String address(InetSocketAddress a) {
        String ip = a.getAddress().getHostAddress();
        return (a.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }
}
