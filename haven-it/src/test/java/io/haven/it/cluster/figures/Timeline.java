package io.haven.it.cluster.figures;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the nodes logged and the client saw around an event, merged in time order and written
 * relative to the event ({@code +37 lb2 ...}), for reading where a gap's milliseconds go. Node logs
 * carry {@code HH:mm:ss.SSS} prefixes ({@code HAVEN_LOG_PREFIX}); lines without one are skipped.
 */
final class Timeline {
    private static final long BEFORE_MS = 300;
    private static final long AFTER_MS = 1500;

    private record Line(long at, String text) {
    }

    private Timeline() {
    }

    static String around(long eventAt, ProbeLog probe, Map<String, String> logs) {
        return around(eventAt, AFTER_MS, probe, logs);
    }

    static String around(long eventAt, long afterMs, ProbeLog probe, Map<String, String> logs) {
        List<Line> lines = new ArrayList<>();
        for (ProbeLog.Poll p : probe.polls()) {
            lines.add(new Line(p.at(), "client poll " + (p.ok() ? "ok " : "FAIL ") + p.answer()));
        }
        LocalTime eventTime = LocalTime.ofInstant(Instant.ofEpochMilli(eventAt), ZoneId.systemDefault());
        long eventOfDay = eventTime.toNanoOfDay() / 1_000_000;
        logs.forEach((node, log) -> log.lines().forEach(l -> {
            if (l.length() < 13) {
                return;
            }
            try {
                long ofDay = LocalTime.parse(l.substring(0, 12)).toNanoOfDay() / 1_000_000;
                lines.add(new Line(eventAt + (ofDay - eventOfDay), node + " " + l.substring(13)));
            } catch (DateTimeParseException e) {
                // a continuation line (stack trace)
            }
        }));
        StringBuilder out = new StringBuilder();
        lines.stream().filter(l -> l.at() >= eventAt - BEFORE_MS && l.at() <= eventAt + afterMs)
                .sorted(Comparator.comparingLong(Line::at))
                .forEach(l -> out.append(String.format("    %+6d %s%n", l.at() - eventAt, l.text())));
        return out.toString();
    }
}
