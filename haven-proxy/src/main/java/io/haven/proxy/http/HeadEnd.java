package io.haven.proxy.http;

import io.netty.buffer.ByteBuf;

/**
 * Finds where a head ends (the empty line) in bytes that arrive in pieces, remembering how far
 * it looked so that no byte is scanned twice. One per connection direction; {@link #reset()}
 * before the next message.
 */
final class HeadEnd {
    private final int maxHead;
    private int scanned;

    HeadEnd(int maxHead) {
        this.maxHead = maxHead;
    }

    void reset() {
        scanned = 0;
    }

    /**
     * A copy of the complete head at the start of {@code buf}'s readable bytes (not consumed), or
     * null while incomplete; a head larger than the bound is an error with {@code status}.
     */
    byte[] bytes(ByteBuf buf, int status, String what) throws HttpParseException {
        int start = buf.readerIndex();
        int readable = buf.readableBytes();
        int end = find(buf, start, readable);
        if (end < 0 ? readable >= maxHead : end > maxHead) {
            throw new HttpParseException(status, what + " head larger than " + maxHead + " bytes");
        }
        if (end < 0) {
            return null;
        }
        byte[] head = new byte[end];
        buf.getBytes(start, head);
        return head;
    }

    /** Length of the head including its empty line, or -1; skips the empty lines before the request line. */
    int find(ByteBuf buf, int start, int readable) {
        int limit = Math.min(readable, maxHead + 1);
        int i = Math.max(scanned - 3, 0);
        // the end is a LF that follows a LF, optionally with one CR between them, after the first non-empty line
        for (; i < limit; i++) {
            if (buf.getByte(start + i) != '\n') {
                continue;
            }
            int j = i - 1;
            if (j >= 0 && buf.getByte(start + j) == '\r') {
                j--;
            }
            if (j >= 0 && buf.getByte(start + j) == '\n' && !onlyEmptyLines(buf, start, j + 1)) {
                scanned = i + 1;
                return i + 1;
            }
        }
        scanned = limit;
        return -1;
    }

    private static boolean onlyEmptyLines(ByteBuf buf, int start, int length) {
        for (int k = 0; k < length; k++) {
            byte b = buf.getByte(start + k);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
