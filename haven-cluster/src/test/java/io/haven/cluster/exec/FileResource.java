package io.haven.cluster.exec;

import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.ResourceAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resource that is a file, like OCF's Dummy agent with its state file: start creates it, stop
 * deletes it, monitor looks for it. Counts how many of its operations run at once.
 */
class FileResource implements ResourceAgent {
    final Path file;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    FileResource(Path file) {
        this.file = file;
    }

    private void enter() {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    @Override
    public AgentResult start(Duration timeout) throws InterruptedException {
        enter();
        try {
            Thread.sleep(20); // long enough for overlapping calls to show
            Files.writeString(file, "running");
            return AgentResult.success("created " + file.getFileName());
        } catch (IOException e) {
            return AgentResult.error(e.toString());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public AgentResult stop(Duration timeout) throws InterruptedException {
        enter();
        try {
            Thread.sleep(20);
            Files.deleteIfExists(file);
            return AgentResult.success("deleted " + file.getFileName());
        } catch (IOException e) {
            return AgentResult.error(e.toString());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public AgentResult monitor(Duration timeout) {
        enter();
        try {
            return Files.exists(file) ? AgentResult.success("present") : AgentResult.notRunning("absent");
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
