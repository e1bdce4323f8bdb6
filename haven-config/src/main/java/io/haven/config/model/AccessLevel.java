package io.haven.config.model;

/** Runtime API permission levels, as HAProxy's {@code level} on a stats socket; each includes the ones before it. */
public enum AccessLevel {
    USER, OPERATOR, ADMIN;

    public boolean allows(AccessLevel needed) {
        return compareTo(needed) >= 0;
    }
}
