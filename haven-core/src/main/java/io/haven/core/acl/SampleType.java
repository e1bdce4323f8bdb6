package io.haven.core.acl;

/** The type a sample fetch returns; it selects the default match method as in HAProxy. */
public enum SampleType { BOOL, INT, IP, STR }
