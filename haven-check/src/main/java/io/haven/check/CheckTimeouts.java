package io.haven.check;

import io.haven.config.model.Timeouts;

/**
 * The time limits of one check, per HAProxy's {@code timeout check}: without it, {@code inter}
 * bounds the whole check (connect and read); with it, a connection gets
 * {@code min(timeout connect, inter)} to establish and the exchange after it {@code timeout check}.
 * All values are milliseconds.
 *
 * @param inter the check's interval ({@code inter} or {@code agent-inter}), always positive
 * @param connect the backend's {@code timeout connect}, 0 when unset
 * @param check the backend's {@code timeout check}, 0 when unset
 */
record CheckTimeouts(long inter, long connect, long check) {

    static CheckTimeouts of(long inter, Timeouts timeouts) {
        return new CheckTimeouts(Math.max(1, inter), timeouts.connect(), timeouts.check());
    }

    /** When a connection attempt made at {@code now} in a check started at {@code start} expires. */
    long connectDeadline(long start, long now) {
        if (check > 0) {
            return now + (connect > 0 ? Math.min(connect, inter) : inter);
        }
        return start + inter;
    }

    /** When the exchange on a connection established at {@code now} expires. */
    long exchangeDeadline(long start, long now) {
        return check > 0 ? now + check : start + inter;
    }
}
