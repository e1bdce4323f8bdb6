package io.haven.core.http;

/**
 * Something that answers a request itself instead of a server (HAProxy's applets: the stats
 * page, {@code http-request use-service}). A proxy's services are asked in order once its
 * request rules ran; the first that matches serves. A service chosen by name with
 * {@code http-request use-service NAME} is not asked: it serves.
 *
 * <p>A simple service implements {@link #serve}: the data plane reads the body whole first. A
 * streaming one implements {@link #open} and answers through the {@link HttpExchange}, as its
 * body arrives and over as much time as it needs.
 */
public interface HttpService {

    /** Whether this service answers the request (e.g. the path is the stats URI). */
    boolean matches(HttpTxn txn);

    /** The reply; {@code body} is the request body, read whole (bounded by {@code tune.bufsize}). */
    HttpReply serve(HttpTxn txn, byte[] body);

    /**
     * Starts serving {@code txn} as a stream, on the connection's event loop; null (the default)
     * to be served by {@link #serve} instead.
     */
    default HttpApplet open(HttpTxn txn, HttpExchange exchange) {
        return null;
    }

    /** The server name of the log line (HAProxy prints {@code <lua.NAME>}, {@code <STATS>}); null: {@code <NOSRV>}. */
    default String logName() {
        return null;
    }
}
