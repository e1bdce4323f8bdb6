package io.haven.admin;

import io.haven.config.model.AccessLevel;

/**
 * The state of one runtime API conversation: who is on the other side, its access level (which
 * {@code operator} and {@code user} may lower, never raise), whether {@code prompt} made it
 * interactive, and whether {@code quit} ended it. One per connection; not shared between threads.
 */
public final class CliSession {
    /** The identity of a conversation that does not come through a socket (in-process callers, tests). */
    public static final String LOCAL = "local";

    private final String peer;
    private AccessLevel level;
    private boolean interactive;
    private boolean quit;

    public CliSession(AccessLevel level) {
        this(level, LOCAL);
    }

    /**
     * @param peer who is talking, as operator overrides record it: {@code unix:PATH} for a unix
     *     socket, the peer's {@code ip:port} for TCP
     */
    public CliSession(AccessLevel level, String peer) {
        this.level = level;
        this.peer = peer;
    }

    public String peer() {
        return peer;
    }

    public AccessLevel level() {
        return level;
    }

    /** Interactive mode prints a prompt after each command and keeps the connection open. */
    public boolean interactive() {
        return interactive;
    }

    public boolean quitRequested() {
        return quit;
    }

    void lowerLevel(AccessLevel to) {
        if (level.allows(to)) {
            level = to;
        }
    }

    void togglePrompt() {
        interactive = !interactive;
    }

    void quit() {
        quit = true;
    }

    /** What follows each command's output: the empty line that ends it, and the prompt when interactive. */
    String delimiter() {
        return interactive ? "\n> " : "\n";
    }
}
