package io.haven.check;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a check received on its connection, bounded like HAProxy's check buffer: bytes beyond
 * the limit are dropped and {@link #full()} tells the check that nothing more will arrive.
 */
final class ReceiveBuffer {
    /** HAProxy's default {@code tune.bufsize}. */
    static final int DEFAULT_LIMIT = 16 * 1024;

    private final int limit;
    private byte[] data = new byte[256];
    private int length;

    ReceiveBuffer(int limit) {
        this.limit = limit;
    }

    void append(ByteBuf in) {
        int n = Math.min(in.readableBytes(), limit - length);
        if (n <= 0) {
            return;
        }
        if (length + n > data.length) {
            data = Arrays.copyOf(data, Math.min(limit, Math.max(length + n, data.length * 2)));
        }
        in.readBytes(data, length, n);
        length += n;
    }

    void clear() {
        length = 0;
    }

    boolean full() {
        return length >= limit;
    }

    int length() {
        return length;
    }

    /** The byte at {@code i} as an unsigned value. */
    int get(int i) {
        return data[i] & 0xff;
    }

    byte[] array() {
        return data;
    }

    /** Bytes {@code [from, to)} as ISO-8859-1 text: one char per byte, as HAProxy compares them. */
    String text(int from, int to) {
        return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }

    String text() {
        return text(0, length);
    }

    /** Index of {@code pattern} at or after {@code from}, or -1. */
    int indexOf(byte[] pattern, int from) {
        outer:
        for (int i = from; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
