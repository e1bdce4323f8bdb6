package io.haven.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The static columns of HAProxy's stats CSV, in HAProxy's order (management guide, section 9.1
 * "CSV format", fields 0 to 99, then the fields HAProxy 2.5 to 3.x added up to {@code proto}).
 * HAProxy ends the static fields with a column named {@code -}; Haven prints it too and has no
 * module fields after it.
 */
public final class StatColumns {
    public static final List<String> NAMES = List.of(
            "pxname", "svname", "qcur", "qmax", "scur", "smax", "slim", "stot", "bin", "bout",
            "dreq", "dresp", "ereq", "econ", "eresp", "wretr", "wredis", "status", "weight", "act",
            "bck", "chkfail", "chkdown", "lastchg", "downtime", "qlimit", "pid", "iid", "sid", "throttle",
            "lbtot", "tracked", "type", "rate", "rate_lim", "rate_max", "check_status", "check_code",
            "check_duration", "hrsp_1xx", "hrsp_2xx", "hrsp_3xx", "hrsp_4xx", "hrsp_5xx", "hrsp_other",
            "hanafail", "req_rate", "req_rate_max", "req_tot", "cli_abrt", "srv_abrt", "comp_in", "comp_out",
            "comp_byp", "comp_rsp", "lastsess", "last_chk", "last_agt", "qtime", "ctime", "rtime", "ttime",
            "agent_status", "agent_code", "agent_duration", "check_desc", "agent_desc", "check_rise",
            "check_fall", "check_health", "agent_rise", "agent_fall", "agent_health", "addr", "cookie", "mode",
            "algo", "conn_rate", "conn_rate_max", "conn_tot", "intercepted", "dcon", "dses", "wrew", "connect",
            "reuse", "cache_lookups", "cache_hits", "srv_icur", "src_ilim", "qtime_max", "ctime_max",
            "rtime_max", "ttime_max", "eint", "idle_conn_cur", "safe_conn_cur", "used_conn_cur",
            "need_conn_est", "uweight", "agg_server_status", "agg_server_check_status", "agg_check_status",
            "srid", "sess_other", "h1sess", "h2sess", "h3sess", "req_other", "h1req", "h2req", "h3req", "proto");

    /** The column after the static ones, which HAProxy names and fills with {@code -}. */
    static final String END_OF_STATIC = "-";

    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.size(); i++) {
            INDEX.put(NAMES.get(i), i);
        }
    }

    private StatColumns() {
    }

    static int count() {
        return NAMES.size();
    }

    static int index(String name) {
        Integer i = INDEX.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no stats column named '" + name + "'");
        }
        return i;
    }

    /** The header line: {@code # } and every column followed by a comma, as HAProxy prints it. */
    static String header() {
        StringBuilder b = new StringBuilder("# ");
        for (String n : NAMES) {
            b.append(n).append(',');
        }
        return b.append(END_OF_STATIC).append(",\n").toString();
    }
}
