package io.haven.core.log;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Frames a message in one of HAProxy's log formats: raw, short, rfc3164 or rfc5424. */
public final class SyslogFormat {
    private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog",
            "lpr", "news", "uucp", "cron", "auth2", "ftp", "ntp", "audit", "alert", "cron2",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    private static final DateTimeFormatter RFC3164 = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
    private static final long PID = ProcessHandle.current().pid();

    private SyslogFormat() {
    }

    public static String frame(String format, String facility, LogLevel level, String message) {
        int pri = FACILITIES.indexOf(facility) * 8 + level.ordinal();
        return switch (format) {
            case "raw" -> message;
            case "short" -> "<" + level.ordinal() + ">" + message;
            case "rfc5424" -> "<" + pri + ">1 " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    + " " + Host.NAME + " haven " + PID + " - - " + message;
            default -> "<" + pri + ">" + ZonedDateTime.now().format(RFC3164) + " haven[" + PID + "]: " + message;
        };
    }

    private static final class Host {
        static final String NAME = hostname();

        private static String hostname() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "-";
            }
        }
    }
}
