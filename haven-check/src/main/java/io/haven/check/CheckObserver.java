package io.haven.check;

import io.haven.core.server.CheckResult;
import io.haven.core.server.Server;

/**
 * Sees every check and agent result right after the server took it, on the check's event loop.
 * For tests and diagnostics; the server's own events report only status changes.
 */
interface CheckObserver {
    CheckObserver NONE = new CheckObserver() {
    };

    default void afterCheck(Server server, CheckResult result) {
    }

    default void afterAgent(Server server, CheckResult result) {
    }
}
