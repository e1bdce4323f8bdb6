package io.haven.it.figures;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Wall-clock microseconds: the figures compare client times with heartbeat timestamps written by MariaDB. */
final class WallClock {
    private WallClock() {
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** A pt-heartbeat {@code ts} ({@code 2026-11-25T09:20:01.123456}, UTC) in epoch microseconds. */
    static long heartbeatMicros(String ts) {
        Instant at = LocalDateTime.parse(ts).toInstant(ZoneOffset.UTC);
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }
}
