package io.haven.admin;

import java.time.Duration;

/** How long socket tests wait for a reply before they fail. */
final class Timeouts {
    static final Duration READ = Duration.ofSeconds(5);

    private Timeouts() {
    }
}
