package io.haven.agent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A check request as the policy needs it: which endpoint and which lag threshold. The threshold
 * is the agent's {@code --max-lag} unless the query overrides it with {@code max-lag=TIME} or
 * {@code max_lag=TIME} (HAProxy's time syntax; a bare number is milliseconds, so
 * {@code ?max_lag=2000} and {@code ?max-lag=2s} are the same), so one agent serves pools with
 * different thresholds. Any other parameter is an error, never silently ignored.
 *
 * @param endpoint the check, or null for an unknown path
 * @param maxLag   the lag threshold for this request
 */
public record CheckRequest(Endpoint endpoint, Duration maxLag) {

    /** Thrown for a query the agent does not understand; the message is the 400 body. */
    public static final class BadQueryException extends Exception {
        BadQueryException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses the path and raw (still percent-encoded) query of a request.
     *
     * @throws BadQueryException for an unknown parameter or a value that is not a time
     */
    public static CheckRequest parse(String path, String rawQuery, Duration defaultMaxLag) throws BadQueryException {
        Optional<Endpoint> endpoint = Endpoint.of(path);
        Duration maxLag = defaultMaxLag;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!name.equals("max-lag") && !name.equals("max_lag")) {
                    throw new BadQueryException("unknown parameter '" + name + "'; accepted: max-lag, max_lag");
                }
                try {
                    maxLag = Times.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new BadQueryException("bad " + name + ": " + e.getMessage());
                }
            }
        }
        return new CheckRequest(endpoint.orElse(null), maxLag);
    }

    private static String decode(String s) throws BadQueryException {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("bad percent-encoding in '" + s + "'");
        }
    }
}
