package io.haven.core;

import io.haven.config.model.MysqlLagConfig;
import java.nio.charset.StandardCharsets;

/**
 * {@code on-empty refuse}: what a MySQL client gets when no server can take its connection. The
 * packet is what mysqld itself sends when it refuses a client before the handshake (an ERR packet
 * with sequence 0 and no SQL state marker), so every client library reports it as a server error
 * with code and text instead of "lost connection".
 */
public final class MysqlRefusal {
    /** ER_UNKNOWN_ERROR: clients report it as {@code ERROR 1105 (HY000): text}. */
    public static final int CODE = 1105;

    private MysqlRefusal() {
    }

    /** The refusal for a backend, or null when the backend does not refuse (closes, as HAProxy). */
    public static byte[] of(String backend, MysqlLagConfig lag) {
        if (lag == null || !lag.refuseWhenEmpty()) {
            return null;
        }
        return errPacket(CODE, "Haven: no server of backend '" + backend + "' can take the connection: no replica within max-lag "
                + lag.maxLagMs() + "ms is up" + (lag.minServers() > 0 ? " (nor within hard-max-lag " + lag.hardMaxLagMs() + "ms)" : ""));
    }

    static byte[] errPacket(int code, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int length = 3 + text.length;
        byte[] p = new byte[4 + length];
        p[0] = (byte) length;
        p[1] = (byte) (length >> 8);
        p[2] = (byte) (length >> 16);
        p[3] = 0;
        p[4] = (byte) 0xff;
        p[5] = (byte) code;
        p[6] = (byte) (code >> 8);
        System.arraycopy(text, 0, p, 7, text.length);
        return p;
    }
}
