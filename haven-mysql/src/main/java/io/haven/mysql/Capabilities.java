package io.haven.mysql;

/**
 * Capability flags of the handshake (the {@code CLIENT_*} constants of {@code mysql_com.h}) that
 * this client reads or sends, and the few server status flags it looks at.
 */
final class Capabilities {
    static final int LONG_PASSWORD = 0x1;
    static final int CONNECT_WITH_DB = 0x8;
    static final int PROTOCOL_41 = 0x200;
    static final int TRANSACTIONS = 0x2000;
    static final int SECURE_CONNECTION = 0x8000;
    static final int MULTI_RESULTS = 0x20000;
    static final int PLUGIN_AUTH = 0x80000;
    static final int DEPRECATE_EOF = 0x1000000;

    /**
     * What we always ask for. LONG_PASSWORD is also MariaDB's CLIENT_MYSQL bit: with it set the
     * server uses no MariaDB extended capabilities, which keeps the two dialects one. Without
     * DEPRECATE_EOF the server ends column definitions and rows with classic EOF packets.
     */
    static final int BASE = LONG_PASSWORD | PROTOCOL_41 | TRANSACTIONS | SECURE_CONNECTION;

    /** SERVER_MORE_RESULTS_EXISTS in the status flags of OK and EOF packets. */
    static final int STATUS_MORE_RESULTS = 0x8;

    /** utf8mb4_general_ci: text in queries and results is UTF-8. */
    static final int UTF8MB4_GENERAL_CI = 45;

    /** What we announce as our largest packet; we never send one that large. */
    static final int MAX_PACKET_SIZE = 1 << 24;

    private Capabilities() {
    }

    static boolean has(long flags, int flag) {
        return (flags & flag) != 0;
    }
}
