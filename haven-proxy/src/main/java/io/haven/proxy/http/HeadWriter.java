package io.haven.proxy.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Writes a head in canonical form: single spaces, {@code Name: value}, CRLF line ends. */
public final class HeadWriter {
    private HeadWriter() {
    }

    public static void write(RequestHead head, ByteBuf out) {
        latin1(out, head.method());
        out.writeByte(' ');
        latin1(out, head.uri());
        out.writeByte(' ');
        latin1(out, head.version());
        crlf(out);
        for (HeaderField f : head.headers()) {
            latin1(out, f.name());
            out.writeByte(':');
            out.writeByte(' ');
            latin1(out, f.value());
            crlf(out);
        }
        crlf(out);
    }

    private static void latin1(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    }

    private static void crlf(ByteBuf out) {
        out.writeByte('\r');
        out.writeByte('\n');
    }
}
