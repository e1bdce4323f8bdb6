package io.haven.config.model;

import java.util.List;
import java.util.Map;

/**
 * The {@code mode http} settings of a proxy: connection handling, header additions, HTTP
 * timeouts, HTTP logging and error pages. Defaults are HAProxy's.
 *
 * @param reuse {@code http-reuse}, {@link HttpReuse#SAFE} by default
 * @param connectionMode keep-alive (default), {@code option http-server-close} or {@code option httpclose}
 * @param forwardFor {@code option forwardfor}, or null
 * @param requestTimeout {@code timeout http-request} in ms, 0 when unset (then {@code timeout client} applies)
 * @param keepAliveTimeout {@code timeout http-keep-alive} in ms, 0 when unset (then {@code timeout http-request})
 * @param httpLog {@code option httplog}
 * @param clf {@code option httplog clf}
 * @param logFormat {@code log-format}, or null for the format {@code option httplog}/tcplog chose
 * @param errorFiles {@code errorfile CODE FILE}: the raw responses by status code
 * @param requestCaptures {@code capture request header}, in the order declared (frontend, listen)
 * @param responseCaptures {@code capture response header}, likewise
 */
public record HttpSettings(HttpReuse reuse, HttpConnectionMode connectionMode, ForwardFor forwardFor,
                           long requestTimeout, long keepAliveTimeout, boolean httpLog, boolean clf, String logFormat,
                           Map<Integer, byte[]> errorFiles, List<HeaderCapture> requestCaptures,
                           List<HeaderCapture> responseCaptures) {
    public static final HttpSettings DEFAULT = new HttpSettings(HttpReuse.SAFE, HttpConnectionMode.KEEP_ALIVE, null,
            0, 0, false, false, null, Map.of(), List.of(), List.of());

    public HttpSettings {
        errorFiles = Map.copyOf(errorFiles);
        requestCaptures = List.copyOf(requestCaptures);
        responseCaptures = List.copyOf(responseCaptures);
    }

    /** {@code http-reuse}: which idle server connections a request may use. */
    public enum HttpReuse { NEVER, SAFE, AGGRESSIVE, ALWAYS }

    /** How connections are kept: both sides alive, only the client side, or neither. */
    public enum HttpConnectionMode { KEEP_ALIVE, SERVER_CLOSE, CLOSE }

    /**
     * {@code option forwardfor [except NETWORK] [header NAME] [if-none]}.
     *
     * @param except a network in CIDR form whose clients get no header, or null
     */
    public record ForwardFor(String header, String except, boolean ifNone) {
    }
}
