package io.haven.admin.stats;

import io.haven.admin.StatRow;
import io.haven.core.Generation;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The stats table in Prometheus' text format (0.0.4), with the metric names of HAProxy's built-in
 * exporter (addons/promex): {@code haproxy_frontend_*}, {@code haproxy_backend_*},
 * {@code haproxy_server_*}, labelled {@code proxy} and {@code server}. Status metrics carry a
 * {@code state} label with one series per state (1 for the current one), as HAProxy 2.4+ does;
 * check statuses likewise. Written by hand: prometheus-metrics-core is not among the project's
 * dependencies. Haven's own {@code haven_server_replication_lag_seconds} is the lag measured by
 * {@code option mysql-lag-check} (-1 unknown).
 */
final class PrometheusMetrics {
    /** A metric read from one column of a line. */
    private record Metric(String name, String type, String help, String column, double scale) {
    }

    private static final List<Metric> FRONTEND = List.of(
            gauge("haproxy_frontend_current_sessions", "Number of current sessions on the frontend.", "scur"),
            gauge("haproxy_frontend_max_sessions", "Highest value of current sessions encountered since process started.", "smax"),
            gauge("haproxy_frontend_limit_sessions", "Frontend configured maxconn.", "slim"),
            counter("haproxy_frontend_sessions_total", "Total number of sessions since process started.", "stot"),
            counter("haproxy_frontend_bytes_in_total", "Total number of request bytes since process started.", "bin"),
            counter("haproxy_frontend_bytes_out_total", "Total number of response bytes since process started.", "bout"),
            counter("haproxy_frontend_requests_denied_total", "Total number of denied requests since process started.", "dreq"),
            counter("haproxy_frontend_responses_denied_total", "Total number of denied responses since process started.", "dresp"),
            counter("haproxy_frontend_request_errors_total", "Total number of invalid requests since process started.", "ereq"),
            gauge("haproxy_frontend_max_session_rate", "Highest value of sessions per second observed since the worker process started.", "rate_max"),
            counter("haproxy_frontend_connections_total", "Total number of new connections accepted since process started.", "conn_tot"),
            gauge("haproxy_frontend_connections_rate_max", "Highest value of connections per second observed since the worker process started.", "conn_rate_max"),
            counter("haproxy_frontend_http_requests_total", "Total number of HTTP requests processed by this object since the worker process started.", "req_tot"));

    private static final List<Metric> BACKEND = List.of(
            gauge("haproxy_backend_current_queue", "Number of current queued connections.", "qcur"),
            gauge("haproxy_backend_max_queue", "Highest value of queued connections encountered since process started.", "qmax"),
            gauge("haproxy_backend_current_sessions", "Number of current sessions on the frontend, backend or server.", "scur"),
            gauge("haproxy_backend_max_sessions", "Highest value of current sessions encountered since process started.", "smax"),
            counter("haproxy_backend_sessions_total", "Total number of sessions since process started.", "stot"),
            counter("haproxy_backend_bytes_in_total", "Total number of request bytes since process started.", "bin"),
            counter("haproxy_backend_bytes_out_total", "Total number of response bytes since process started.", "bout"),
            counter("haproxy_backend_requests_denied_total", "Total number of denied requests since process started.", "dreq"),
            counter("haproxy_backend_responses_denied_total", "Total number of denied responses since process started.", "dresp"),
            counter("haproxy_backend_connection_errors_total", "Total number of failed connections to server since the worker process started.", "econ"),
            counter("haproxy_backend_response_errors_total", "Total number of invalid responses since the worker process started.", "eresp"),
            counter("haproxy_backend_retry_warnings_total", "Total number of server connection retries since the worker process started.", "wretr"),
            counter("haproxy_backend_redispatch_warnings_total", "Total number of server redispatches due to connection failures since the worker process started.", "wredis"),
            gauge("haproxy_backend_weight", "Server's effective weight, or sum of active servers' effective weights for a backend.", "weight"),
            gauge("haproxy_backend_active_servers", "Total number of active UP servers with a non-zero weight.", "act"),
            gauge("haproxy_backend_backup_servers", "Total number of backup UP servers with a non-zero weight.", "bck"),
            gauge("haproxy_backend_check_last_change_seconds", "How long ago the last server state changed, in seconds.", "lastchg"),
            counter("haproxy_backend_loadbalanced_total", "Total number of requests routed by load balancing since the worker process started.", "lbtot"),
            gauge("haproxy_backend_max_session_rate", "Highest value of sessions per second observed since the worker process started.", "rate_max"),
            counter("haproxy_backend_http_requests_total", "Total number of HTTP requests processed by this object since the worker process started.", "req_tot"),
            gauge("haproxy_backend_uweight", "Server's user weight, or sum of active servers' user weights for a backend.", "uweight"));

    private static final List<Metric> SERVER = List.of(
            gauge("haproxy_server_current_queue", "Number of current queued connections.", "qcur"),
            gauge("haproxy_server_max_queue", "Highest value of queued connections encountered since process started.", "qmax"),
            gauge("haproxy_server_current_sessions", "Number of current sessions on the frontend, backend or server.", "scur"),
            gauge("haproxy_server_max_sessions", "Highest value of current sessions encountered since process started.", "smax"),
            gauge("haproxy_server_limit_sessions", "Frontend/listener/server's maxconn, backend's fullconn.", "slim"),
            counter("haproxy_server_sessions_total", "Total number of sessions since process started.", "stot"),
            counter("haproxy_server_bytes_in_total", "Total number of request bytes since process started.", "bin"),
            counter("haproxy_server_bytes_out_total", "Total number of response bytes since process started.", "bout"),
            counter("haproxy_server_responses_denied_total", "Total number of denied responses since process started.", "dresp"),
            counter("haproxy_server_connection_errors_total", "Total number of failed connections to server since the worker process started.", "econ"),
            counter("haproxy_server_response_errors_total", "Total number of invalid responses since the worker process started.", "eresp"),
            counter("haproxy_server_retry_warnings_total", "Total number of server connection retries since the worker process started.", "wretr"),
            counter("haproxy_server_redispatch_warnings_total", "Total number of server redispatches due to connection failures since the worker process started.", "wredis"),
            gauge("haproxy_server_weight", "Server's effective weight, or sum of active servers' effective weights for a backend.", "weight"),
            gauge("haproxy_server_active", "Total number of active UP servers with a non-zero weight.", "act"),
            gauge("haproxy_server_backup", "Total number of backup UP servers with a non-zero weight.", "bck"),
            counter("haproxy_server_check_failures_total", "Total number of failed individual health checks per server/backend, since the worker process started.", "chkfail"),
            counter("haproxy_server_check_up_down_total", "Total number of failed checks causing UP to DOWN server transitions, per server/backend, since the worker process started.", "chkdown"),
            gauge("haproxy_server_check_last_change_seconds", "How long ago the last server state changed, in seconds.", "lastchg"),
            counter("haproxy_server_downtime_seconds_total", "Total time spent in DOWN state, for server or backend.", "downtime"),
            gauge("haproxy_server_queue_limit", "Limit on the number of connections in queue, for servers only (maxqueue argument).", "qlimit"),
            counter("haproxy_server_loadbalanced_total", "Total number of requests routed by load balancing since the worker process started.", "lbtot"),
            gauge("haproxy_server_max_session_rate", "Highest value of sessions per second observed since the worker process started.", "rate_max"),
            gauge("haproxy_server_check_code", "layer5-7 code, if available of the last health check.", "check_code"),
            new Metric("haproxy_server_check_duration_seconds", "gauge",
                    "Total duration of the latest server health check, in seconds.", "check_duration", 0.001),
            gauge("haproxy_server_used_connections_current", "Number of current in use connections.", "used_conn_cur"),
            gauge("haproxy_server_uweight", "Server's user weight, or sum of active servers' user weights for a backend.", "uweight"));

    /** HAProxy's server states for {@code haproxy_server_status}. */
    private static final List<String> SERVER_STATES = List.of("DOWN", "UP", "MAINT", "DRAIN", "NOLB");

    private PrometheusMetrics() {
    }

    static String render(Generation g, List<StatRow> rows) {
        List<StatRow> frontends = new ArrayList<>();
        List<StatRow> backends = new ArrayList<>();
        List<StatRow> servers = new ArrayList<>();
        for (StatRow r : rows) {
            (r.type() == 0 ? frontends : r.type() == 1 ? backends : servers).add(r);
        }
        StringBuilder b = new StringBuilder(32768);
        header(b, "haproxy_frontend_status", "gauge", "Current status of the service.");
        for (StatRow r : frontends) {
            sample(b, "haproxy_frontend_status", labels(r, false), "OPEN".equals(r.get("status")) ? 1 : 0);
        }
        columns(b, FRONTEND, frontends, false);
        responses(b, "haproxy_frontend_http_responses_total", frontends, false);
        header(b, "haproxy_backend_status", "gauge", "Current status of the service, per state label value.");
        for (StatRow r : backends) {
            boolean up = r.get("status").startsWith("UP");
            sample(b, "haproxy_backend_status", labels(r, false) + ",state=\"UP\"", up ? 1 : 0);
            sample(b, "haproxy_backend_status", labels(r, false) + ",state=\"DOWN\"", up ? 0 : 1);
        }
        columns(b, BACKEND, backends, false);
        responses(b, "haproxy_backend_http_responses_total", backends, false);
        header(b, "haproxy_server_status", "gauge", "Current status of the service, per state label value.");
        for (StatRow r : servers) {
            String state = serverState(r.get("status"));
            for (String s : SERVER_STATES) {
                sample(b, "haproxy_server_status", labels(r, true) + ",state=\"" + s + "\"", s.equals(state) ? 1 : 0);
            }
        }
        header(b, "haproxy_server_check_status", "gauge", "Status of last health check, per state label value.");
        for (StatRow r : servers) {
            String current = r.get("check_status");
            if (current == null) {
                continue;
            }
            for (CheckStatus s : CheckStatus.values()) {
                sample(b, "haproxy_server_check_status", labels(r, true) + ",state=\"" + s.name() + "\"",
                        s.name().equals(current) ? 1 : 0);
            }
        }
        columns(b, SERVER, servers, true);
        responses(b, "haproxy_server_http_responses_total", servers, true);
        header(b, "haven_server_replication_lag_seconds", "gauge",
                "Replication lag measured by option mysql-lag-check, in seconds; -1 when unknown.");
        for (StatRow r : servers) {
            Optional<Server> s = g.backend(r.get("pxname")).flatMap(be -> be.server(r.get("svname")));
            if (s.isPresent() && s.get().backend().config().healthCheck().mysqlLag() != null) {
                long ms = s.get().replicationLag();
                sample(b, "haven_server_replication_lag_seconds", labels(r, true), ms < 0 ? -1 : ms / 1000.0);
            }
        }
        return b.toString();
    }

    /** HAProxy's per-class response counters ({@code hrsp_*}), one series per {@code code} label; HTTP proxies only. */
    private static void responses(StringBuilder b, String name, List<StatRow> rows, boolean server) {
        boolean headed = false;
        for (StatRow r : rows) {
            if (r.get("hrsp_2xx") == null) {
                continue;
            }
            if (!headed) {
                header(b, name, "counter", "Total number of HTTP responses.");
                headed = true;
            }
            for (String code : List.of("1xx", "2xx", "3xx", "4xx", "5xx", "other")) {
                sample(b, name, labels(r, server) + ",code=\"" + code + "\"", Double.parseDouble(r.get("hrsp_" + code)));
            }
        }
    }

    /** HAProxy's state word for a stats status such as {@code UP 1/3} or {@code DRAIN (forced out)}. */
    static String serverState(String status) {
        String s = status.toUpperCase(Locale.ROOT);
        for (String st : SERVER_STATES) {
            if (s.startsWith(st)) {
                return st;
            }
        }
        return "UP"; // "no check": HAProxy counts an unchecked server as up
    }

    private static void columns(StringBuilder b, List<Metric> metrics, List<StatRow> rows, boolean server) {
        for (Metric m : metrics) {
            boolean headed = false;
            for (StatRow r : rows) {
                String v = r.get(m.column());
                if (v == null || v.isEmpty()) {
                    continue;
                }
                double value;
                try {
                    value = Double.parseDouble(v) * m.scale();
                } catch (NumberFormatException e) {
                    continue;
                }
                if (!headed) {
                    header(b, m.name(), m.type(), m.help());
                    headed = true;
                }
                sample(b, m.name(), labels(r, server), value);
            }
        }
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, double value) {
        b.append(name).append('{').append(labels).append("} ");
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            b.append((long) value);
        } else {
            b.append(value);
        }
        b.append('\n');
    }

    private static String labels(StatRow r, boolean server) {
        String l = "proxy=\"" + escape(r.get("pxname")) + "\"";
        return server ? l + ",server=\"" + escape(r.get("svname")) + "\"" : l;
    }

    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static Metric gauge(String name, String help, String column) {
        return new Metric(name, "gauge", help, column, 1);
    }

    private static Metric counter(String name, String help, String column) {
        return new Metric(name, "counter", help, column, 1);
    }
}
