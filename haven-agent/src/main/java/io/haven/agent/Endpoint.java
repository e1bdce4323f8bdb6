package io.haven.agent;

import java.util.Optional;

/** The checks the agent answers, by path. Any other path is 404 {@code unknown check}. */
public enum Endpoint {
    /** Read pool: 200 only for a replica within max-lag. */
    CHECK_LAG("/check-lag"),
    /** Backup read pool: 200 whenever MySQL answers, lag or not. */
    IGNORE_LAG("/ignore-lag"),
    /** Writer pool: 200 only for the writer. */
    MASTER("/master");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The endpoint at {@code path} (exact match; a trailing slash is tolerated). */
    public static Optional<Endpoint> of(String path) {
        String p = path != null && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Endpoint e : values()) {
            if (e.path.equals(p)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
