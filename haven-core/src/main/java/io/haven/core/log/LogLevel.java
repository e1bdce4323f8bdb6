package io.haven.core.log;

import java.util.Locale;

/** Syslog severities, most severe first, as HAProxy names them. */
public enum LogLevel {
    EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG;

    public static LogLevel byName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
