package io.haven.core.log;

import java.util.HashMap;
import java.util.Map;

/** The {@code %} variables of HAProxy's log-format that Haven fills (configuration manual, section 8.2.4). */
public enum LogVariable {
    CLIENT_IP("ci"), CLIENT_PORT("cp"), FRONTEND_IP("fi"), FRONTEND_PORT("fp"),
    BACKEND_SOURCE_IP("bi"), BACKEND_SOURCE_PORT("bp"), SERVER_IP("si"), SERVER_PORT("sp"),
    FRONTEND("f"), FRONTEND_TRANSPORT("ft"), BACKEND("b"), SERVER("s"),
    ACCEPT_DATE("t"), REQUEST_DATE("tr"), REQUEST_DATE_GMT("trg"), REQUEST_DATE_LOCAL("trl"),
    ACCEPT_DATE_GMT("T"), ACCEPT_DATE_LOCAL("Tl"), ACCEPT_MS("ms"), ACCEPT_EPOCH("Ts"),
    HANDSHAKE_TIME("Th"), IDLE_TIME("Ti"), REQUEST_TIME("TR"), TQ("Tq"), QUEUE_TIME("Tw"), CONNECT_TIME("Tc"),
    RESPONSE_TIME("Tr"), ACTIVE_TIME("Ta"), TOTAL_TIME("Tt"), DATA_TIME("Td"),
    STATUS("ST"), BYTES_READ("B"), BYTES_UPLOADED("U"), CAPTURED_REQUEST_COOKIE("CC"), CAPTURED_RESPONSE_COOKIE("CS"),
    TERMINATION("ts"), TERMINATION_COOKIE("tsc"),
    ACTCONN("ac"), FECONN("fc"), BECONN("bc"), SRVCONN("sc"), RETRIES("rc"), SRV_QUEUE("sq"), BACKEND_QUEUE("bq"),
    CAPTURED_REQUEST_HEADERS("hr"), CAPTURED_RESPONSE_HEADERS("hs"),
    CAPTURED_REQUEST_HEADERS_LIST("hrl"), CAPTURED_RESPONSE_HEADERS_LIST("hsl"),
    REQUEST_LINE("r"), METHOD("HM"), PATH("HP"), URI("HU"), VERSION("HV"), QUERY("HQ"),
    PID("pid"), HOSTNAME("H"), LOG_COUNTER("rt"), UNIQUE_ID("ID");

    private static final Map<String, LogVariable> BY_NAME = new HashMap<>();

    static {
        for (LogVariable v : values()) {
            BY_NAME.put(v.token, v);
        }
    }

    private final String token;

    LogVariable(String token) {
        this.token = token;
    }

    /** The name after {@code %}. */
    public String token() {
        return token;
    }

    public static LogVariable byToken(String token) {
        return BY_NAME.get(token);
    }
}
