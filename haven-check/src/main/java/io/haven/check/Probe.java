package io.haven.check;

/**
 * A kind of check, compiled once per backend from its configuration ({@code option httpchk},
 * {@code tcp-check} rules, ...): it makes a new {@link CheckRun} for every execution.
 */
@FunctionalInterface
interface Probe {
    CheckRun newRun(CheckTarget target);

    /** Releases what the probe keeps between runs (persistent connections); called when its checks stop. */
    default void close() {
    }
}
