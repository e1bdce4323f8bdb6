package io.haven.config.model;

/** The section a proxy was declared in. */
public enum ProxyKind {
    FRONTEND, BACKEND, LISTEN;

    public boolean hasFrontend() {
        return this != BACKEND;
    }

    public boolean hasBackend() {
        return this != FRONTEND;
    }

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
