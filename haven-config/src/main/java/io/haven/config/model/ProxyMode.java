package io.haven.config.model;

/** {@code mode tcp|http}. */
public enum ProxyMode { TCP, HTTP }
