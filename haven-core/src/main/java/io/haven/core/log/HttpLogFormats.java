package io.haven.core.log;

import io.haven.config.ConfigException;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ProxyMode;

/** The log format a frontend uses: its {@code log-format}, or HAProxy's {@code option httplog} (or its CLF variant). */
public final class HttpLogFormats {
    /** HAProxy 2.6's {@code option httplog}. */
    public static final String HTTPLOG = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc"
            + " %sq/%bq %hr %hs %{+Q}r";
    /** HAProxy 2.6's {@code option httplog clf}. */
    public static final String CLF = "%{+Q}o %{-Q}ci - - [%trg] %r %ST %B \"\" \"\" %cp %ms %ft %b %s %TR %Tw %Tc %Tr %Ta %tsc"
            + " %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl";

    private HttpLogFormats() {
    }

    /** The compiled format of an HTTP frontend, or null when it logs nothing per request. */
    public static LogFormat of(ProxyConfig p) throws ConfigException {
        var http = p.httpSettings();
        String format = http.logFormat() != null ? http.logFormat()
                : http.httpLog() ? (http.clf() ? CLF.replace("%{+Q}o ", "") : HTTPLOG) : null;
        if (format == null) {
            return null;
        }
        if (p.mode() != ProxyMode.HTTP) {
            if (http.logFormat() == null) {
                return null; // HAProxy falls back to tcplog for 'option httplog' in a TCP proxy
            }
            throw new ConfigException(p.location(), "log-format",
                    "proxy '" + p.name() + "': Haven applies it to 'mode http' only; use 'option tcplog' in 'mode tcp'");
        }
        try {
            return LogFormat.compile(format);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(p.location(), "log-format", "proxy '" + p.name() + "': " + e.getMessage());
        }
    }
}
