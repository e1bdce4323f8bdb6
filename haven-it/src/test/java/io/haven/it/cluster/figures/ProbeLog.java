package io.haven.it.cluster.figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the client's probe saw: one poll per line, {@code epochMillis ok NODE} or {@code epochMillis fail WHY}. */
record ProbeLog(List<Poll> polls) {

    record Poll(long at, boolean ok, String answer) {
    }

    static ProbeLog read(Path file) throws IOException {
        return new ProbeLog(Files.readAllLines(file).stream().map(l -> l.split(" ", 3)).filter(w -> w.length >= 2)
                .map(w -> new Poll(Long.parseLong(w[0]), w[1].equals("ok"), w.length > 2 ? w[2] : "")).toList());
    }

    /**
     * The client-observed gap around an event at {@code eventAt}: from the last successful poll
     * answered by {@code before} to the first successful poll answered by {@code after} after the
     * event (the old member may serve a little past the event); -1 if {@code after} never answered.
     */
    long gapMillis(long eventAt, String before, String after) {
        long first = polls.stream().filter(p -> p.ok() && p.at() > eventAt && p.answer().equals(after)).mapToLong(Poll::at)
                .findFirst().orElse(-1L);
        if (first < 0) {
            return -1;
        }
        long last = polls.stream().filter(p -> p.ok() && p.at() < first && p.answer().equals(before))
                .mapToLong(Poll::at).max().orElse(eventAt);
        return first - last;
    }

    /** Failed polls after the event. */
    long failuresAfter(long eventAt) {
        return polls.stream().filter(p -> !p.ok() && p.at() > eventAt).count();
    }
}
