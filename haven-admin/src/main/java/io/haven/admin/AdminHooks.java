package io.haven.admin;

/**
 * What the runtime API needs from the process that hosts it: facts about the process for
 * {@code show info}, and a way to reload the configuration. Implemented by the CLI wiring.
 */
public interface AdminHooks {
    /** A snapshot of the process, taken when {@code show info} runs. */
    ProcessInfo info();

    /**
     * Reloads the configuration (builds and swaps in a new generation) and returns the text to
     * print, in the form of HAProxy's master CLI: {@code Success=1} or {@code Success=0}, a line
     * {@code --}, then the messages of the reload (errors with file:line when it failed).
     */
    String reload();
}
