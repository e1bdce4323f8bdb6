package io.haven.core.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes lines to stdout or stderr from a daemon thread, so that event loops never block on a
 * slow terminal or pipe. Lines beyond the queue's capacity are dropped and counted.
 */
public final class StreamSink implements LogSink {
    private static final int CAPACITY = 65_536;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final OutputStream out;

    public StreamSink(OutputStream out, String name) {
        this.out = out;
        Thread t = new Thread(this::run, "haven-log-" + name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void write(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    /** Waits until everything queued so far was written, bounded by {@code timeoutMs}. */
    public void flush(long timeoutMs) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!queue.isEmpty() && System.nanoTime() < end) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        while (true) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, 1024);
                b.setLength(0);
                for (String s : batch) {
                    b.append(s).append('\n');
                }
                batch.clear();
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                dropped.incrementAndGet();
            }
        }
    }
}
