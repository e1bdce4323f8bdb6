package io.haven.core.http;

/**
 * Something that answers a request itself instead of a server (HAProxy's applets: the stats
 * page, {@code http-request use-service}). A proxy's services are asked in order once its
 * request rules ran; the first that matches serves.
 */
public interface HttpService {

    /** Whether this service answers the request (e.g. the path is the stats URI). */
    boolean matches(HttpTxn txn);

    /** The reply; {@code body} is the request body, read whole (bounded by {@code tune.bufsize}). */
    HttpReply serve(HttpTxn txn, byte[] body);

    /** What the access log's {@code %s} prints for a request it answered: HAProxy's applet name ({@code <STATS>}, {@code <PROMEX>}). */
    default String logName() {
        return "<NOSRV>";
    }
}
