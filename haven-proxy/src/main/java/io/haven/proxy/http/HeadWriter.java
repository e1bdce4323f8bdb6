package io.haven.proxy.http;

import io.netty.buffer.ByteBuf;

/** Writes a parsed request head in canonical form: single spaces, {@code Name: value}, CRLF line ends. */
public final class HeadWriter {
    private HeadWriter() {
    }

    public static void write(RequestHead head, ByteBuf out) {
        MessageWriter.latin1(out, head.method());
        out.writeByte(' ');
        MessageWriter.latin1(out, head.uri());
        out.writeByte(' ');
        MessageWriter.latin1(out, head.version());
        MessageWriter.crlf(out);
        for (HeaderField f : head.headers()) {
            MessageWriter.header(out, f.name(), f.value());
        }
        MessageWriter.crlf(out);
    }
}
