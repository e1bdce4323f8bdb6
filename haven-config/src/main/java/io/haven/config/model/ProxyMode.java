package io.haven.config.model;

/** {@code mode tcp|http}. Haven implements tcp in this version; http is rejected by the parser. */
public enum ProxyMode { TCP, HTTP }
