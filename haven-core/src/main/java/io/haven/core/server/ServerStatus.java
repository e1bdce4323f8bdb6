package io.haven.core.server;

/**
 * What a server is, as HAProxy's stats show it. MAINT wins over everything, then DOWN, then
 * DRAIN, then NOLB (a check answered 404 under {@code disable-on-404}); only UP servers take
 * new connections from the balancer.
 */
public enum ServerStatus { UP, NOLB, DRAIN, DOWN, MAINT }
