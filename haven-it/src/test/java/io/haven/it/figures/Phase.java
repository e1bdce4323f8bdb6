package io.haven.it.figures;

import java.util.List;
import java.util.function.Function;

/**
 * One scenario of a run: the client's reads that started in {@code [startMicros, endMicros)}
 * belong to it, and {@code figures} turns them into measures once the client has stopped (so
 * that no read is still in flight).
 */
record Phase(String name, int victim, long startMicros, long endMicros, Function<List<Read>, List<Measure>> figures) {
    List<Read> of(List<Read> all) {
        return all.stream().filter(r -> r.startMicros() >= startMicros && r.startMicros() < endMicros).toList();
    }

    List<Measure> measure(List<Read> all) {
        return figures.apply(of(all));
    }
}
