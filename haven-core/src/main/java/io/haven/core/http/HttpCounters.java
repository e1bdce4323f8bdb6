package io.haven.core.http;

import java.util.concurrent.atomic.LongAdder;

/** HTTP counters of a frontend, backend or server: requests and responses by status class ({@code hrsp_*}, {@code req_tot}). */
public final class HttpCounters {
    public final LongAdder requests = new LongAdder();
    private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
        new LongAdder(), new LongAdder()};

    /** Counts a response with {@code status}: 1xx to 5xx, anything else as "other". */
    public void response(int status) {
        int c = status / 100;
        byClass[c >= 1 && c <= 5 ? c - 1 : 5].increment();
    }

    /** Responses of class {@code c} (1 to 5), or the others with 0. */
    public long responses(int c) {
        return byClass[c >= 1 && c <= 5 ? c - 1 : 5].sum();
    }
}
