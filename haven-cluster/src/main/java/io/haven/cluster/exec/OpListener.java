package io.haven.cluster.exec;

/** Receives every operation result, on an executor thread; must not block. */
@FunctionalInterface
public interface OpListener {
    void completed(OpResult result);
}
