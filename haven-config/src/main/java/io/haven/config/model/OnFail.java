package io.haven.config.model;

/**
 * What the cluster does when an operation of a resource fails ({@code on-fail}):
 * {@code restart} in place until {@code migration-threshold} failures ban the node (Pacemaker's
 * default), {@code move} to another node at the first failure (fence-free failover), or
 * {@code block}: leave the resource alone until an operator cleans it up.
 */
public enum OnFail {
    RESTART, MOVE, BLOCK
}
