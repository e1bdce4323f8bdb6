package io.haven.cluster.agent;

import java.time.Duration;

/**
 * A resource agent: starts, stops and monitors one resource on this node, with OCF semantics.
 * <p>
 * Calls block and run on the executor's worker threads, never on an event loop. Each call gets the
 * operation's timeout; an agent stops waiting at that deadline and answers {@link OcfStatus#TIMEOUT}
 * (the executor also interrupts a call that overruns). {@code stop} of a resource that is not
 * running is a success, and {@code start} of one that runs is a success (OCF idempotence);
 * {@code monitor} answers {@link OcfStatus#SUCCESS} when running here and
 * {@link OcfStatus#NOT_RUNNING} when cleanly stopped.
 */
public interface ResourceAgent {

    AgentResult start(Duration timeout) throws InterruptedException;

    AgentResult stop(Duration timeout) throws InterruptedException;

    AgentResult monitor(Duration timeout) throws InterruptedException;
}
