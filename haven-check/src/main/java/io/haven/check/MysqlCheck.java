package io.haven.check;

import io.haven.core.server.CheckStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code option mysql-check [user NAME [post-41]]}, as HAProxy does it with the 4.1 protocol:
 * read the server's initial handshake; without a user, a protocol-10 handshake passes (L7OK with
 * the server version as info). With a user, answer with a client authentication packet (no
 * password, no database) and expect an OK packet, then send COM_QUIT. An error packet at either
 * point is L7STS with the MySQL error number as code and the rest of the packet as info
 * ({@code #SQLSTATE} and message, as HAProxy prints it).
 */
final class MysqlCheck implements Probe {
    private static final int CLIENT_PROTOCOL_41 = 0x0200;
    private static final int CLIENT_SECURE_CONNECTION = 0x8000;
    private static final int MAX_PACKET = 1 << 24;
    private static final int UTF8_GENERAL_CI = 0x21;
    private static final byte[] COM_QUIT = {1, 0, 0, 0, 0x01};

    private final String user;

    /** @param user the {@code user} to log in as, or null to check only the handshake */
    MysqlCheck(String user) {
        this.user = user;
    }

    /** HandshakeResponse41 with an empty auth response, framed with sequence id {@code seq}. */
    static byte[] authPacket(String user, int seq) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        int caps = CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION;
        writeInt4(p, caps);
        writeInt4(p, MAX_PACKET);
        p.write(UTF8_GENERAL_CI);
        p.writeBytes(new byte[23]);
        p.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        p.write(0);
        p.write(0); // auth response length: no password
        byte[] payload = p.toByteArray();
        byte[] packet = new byte[4 + payload.length];
        packet[0] = (byte) payload.length;
        packet[1] = (byte) (payload.length >> 8);
        packet[2] = (byte) (payload.length >> 16);
        packet[3] = (byte) seq;
        System.arraycopy(payload, 0, packet, 4, payload.length);
        return packet;
    }

    private static void writeInt4(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
        out.write(v >> 16);
        out.write(v >> 24);
    }

    @Override
    public CheckRun newRun(CheckTarget target) {
        return new CheckRun(target, ReceiveBuffer.DEFAULT_LIMIT) {
            /** Where the packet we wait for starts: 0 for the handshake, after it for the auth reply. */
            private int offset = -1;
            private String version = "";

            @Override
            protected void begin() {
                connect(target.address());
            }

            @Override
            protected void onConnected() {
                offset = 0;
            }

            @Override
            protected void onReceived(ReceiveBuffer in, boolean last) {
                if (offset < 0) {
                    return;
                }
                int start = offset;
                if (in.length() < start + 4) {
                    truncatedIf(last);
                    return;
                }
                int length = in.get(start) | in.get(start + 1) << 8 | in.get(start + 2) << 16;
                int seq = in.get(start + 3);
                int end = start + 4 + length;
                if (length == 0 || in.length() < end) {
                    truncatedIf(last || length == 0);
                    return;
                }
                int first = in.get(start + 4);
                if (first == 0xff) {
                    int code = length >= 3 ? in.get(start + 5) | in.get(start + 6) << 8 : 0;
                    int from = Math.min(start + 7, end);
                    String message = new String(in.array(), from, end - from, StandardCharsets.UTF_8);
                    finish(result(CheckStatus.L7STS, code, message));
                } else if (start == 0) {
                    handshake(in, first, end, seq);
                } else if (first == 0x00) {
                    send(COM_QUIT);
                    finish(result(CheckStatus.L7OK, 0, version));
                } else {
                    finish(result(CheckStatus.L7RSP, 0,
                            String.format("Unexpected MySQL packet 0x%02x after authentication", first)));
                }
            }

            private void handshake(ReceiveBuffer in, int protocol, int end, int seq) {
                if (protocol != 10) {
                    finish(result(CheckStatus.L7RSP, 0, "Unsupported MySQL protocol version " + protocol));
                    return;
                }
                int nul = 5;
                while (nul < end && in.get(nul) != 0) {
                    nul++;
                }
                version = in.text(5, nul);
                if (user == null) {
                    finish(result(CheckStatus.L7OK, 0, version));
                    return;
                }
                offset = end;
                send(authPacket(user, seq + 1));
            }

            private void truncatedIf(boolean last) {
                if (last) {
                    finish(result(CheckStatus.L7RSP, 0, "Truncated MySQL packet"));
                }
            }
        };
    }
}
