package io.haven.admin;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Hooks with fixed process facts; {@code reload} runs what the test gives it and counts calls. */
final class FakeHooks implements AdminHooks {
    static final Instant STARTED = Instant.now().minusSeconds(90_061); // 1d 1h01m01s ago
    final AtomicInteger reloads = new AtomicInteger();
    volatile Supplier<String> onReload = () -> "Success=1\n--\n";

    @Override
    public ProcessInfo info() {
        return new ProcessInfo("0.1.0-test", "2025/01/31", 4242, STARTED, 2, 1000, 3, 17, false, "node-a");
    }

    @Override
    public String reload() {
        reloads.incrementAndGet();
        return onReload.get();
    }
}
