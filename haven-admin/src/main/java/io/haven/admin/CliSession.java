package io.haven.admin;

import io.haven.config.model.AccessLevel;

/**
 * The state of one runtime API conversation: its access level (which {@code operator} and
 * {@code user} may lower, never raise), whether {@code prompt} made it interactive, and whether
 * {@code quit} ended it. One per connection; not shared between threads.
 */
public final class CliSession {
    private AccessLevel level;
    private boolean interactive;
    private boolean quit;

    public CliSession(AccessLevel level) {
        this.level = level;
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
