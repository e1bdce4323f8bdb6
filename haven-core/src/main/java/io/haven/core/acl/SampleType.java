package io.haven.core.acl;

/**
 * The type a sample fetch or converter returns; it selects the default match method as in
 * HAProxy. Values are Boolean, Long, InetAddress, String and byte[] respectively.
 */
public enum SampleType {
    BOOL, INT, IP, STR, BIN;

    /** HAProxy's name of the type, for messages. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
