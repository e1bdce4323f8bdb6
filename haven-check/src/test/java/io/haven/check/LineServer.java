package io.haven.check;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A small line protocol for tcp-check tests: optionally greets, then answers each line with
 * {@code reply.apply(line)} followed by CRLF, and closes after the first answer when asked to.
 */
final class LineServer {
    private LineServer() {
    }

    static TestPeer.Handler of(String greeting, Function<String, String> reply, boolean closeAfterReply) {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            if (greeting != null) {
                out.write((greeting + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String line;
            while ((line = in.readLine()) != null) {
                out.write((reply.apply(line) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (closeAfterReply) {
                    return;
                }
            }
        };
    }

    /** Answers PING with +PONG and anything else with -ERR. */
    static TestPeer.Handler pong(boolean closeAfterReply) {
        return of(null, line -> line.equals("PING") ? "+PONG" : "-ERR unknown command", closeAfterReply);
    }
}
