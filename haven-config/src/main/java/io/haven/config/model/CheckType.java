package io.haven.config.model;

/** The health check a backend runs against servers with {@code check}; TCP connect unless an option says otherwise. */
public enum CheckType { TCP, TCP_CHECK, HTTP, MYSQL, MYSQL_LAG }
