package io.haven.check;

import io.haven.core.server.CheckResult;
import io.haven.core.server.Server;
import io.haven.core.server.ServerStatus;

/** One check result and the server's state right after it took the result. */
record Observation(CheckResult result, ServerStatus status, String statusText, int weight) {
    static Observation of(Server s, CheckResult r) {
        return new Observation(r, s.status(), s.statusText(), s.weight());
    }
}
