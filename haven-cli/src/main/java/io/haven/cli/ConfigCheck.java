package io.haven.cli;

import io.haven.config.ConfigException;
import io.haven.config.Diagnostic;
import io.haven.core.server.ServerEvents;
import java.io.PrintStream;

/** {@code haven -c -f FILE}: validates like a start would, prints HAProxy-style alerts, exits 0 or 1. */
final class ConfigCheck {
    private ConfigCheck() {
    }

    static int run(ConfigLoader loader, PrintStream out, PrintStream err) {
        try {
            loader.lua().discard(loader.build(loader.parse(), null, new ServerEvents()));
            out.println("Configuration file is valid");
            return 0;
        } catch (ConfigException e) {
            printAlerts(e, loader, err);
            return 1;
        }
    }

    static void printAlerts(ConfigException e, ConfigLoader loader, PrintStream err) {
        long pid = ProcessHandle.current().pid();
        for (Diagnostic d : e.diagnostics()) {
            err.printf("[ALERT]    (%d) : config : %s%n", pid, d);
        }
        err.printf("[ALERT]    (%d) : config : Error(s) found in configuration file : %s%n", pid,
                String.join(", ", loader.files().stream().map(Object::toString).toList()));
        err.printf("[ALERT]    (%d) : config : Fatal errors found in configuration.%n", pid);
    }
}
