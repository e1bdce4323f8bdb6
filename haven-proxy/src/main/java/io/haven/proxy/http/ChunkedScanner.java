package io.haven.proxy.http;

import io.netty.buffer.ByteBuf;

/**
 * Follows a chunked body as it streams through, without buffering it: it validates the framing
 * (hex chunk sizes without sign or overflow, extensions without control characters, CRLF after
 * each chunk's data, trailer lines) and says how many of the bytes it was shown belong to the
 * body, so the relay forwards exactly those and knows where the next message starts. Invalid
 * framing is a 400: nothing after the last valid byte is forwarded. Bare LF is taken as CRLF,
 * as in the head; a bare CR is invalid.
 */
public final class ChunkedScanner {
    private static final int MAX_SIZE_DIGITS = 15;

    private enum State { SIZE, EXT, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER, TRAILER_LF, END_LF, DONE }

    private final int maxLine;
    private State state = State.SIZE;
    private long remaining;
    private int digits;
    private int lineLength;
    private boolean inName;

    /** {@code maxLine} bounds a chunk-size line (with extensions) and each trailer line. */
    public ChunkedScanner(int maxLine) {
        this.maxLine = maxLine;
    }

    public boolean finished() {
        return state == State.DONE;
    }

    /**
     * Looks at the readable bytes of {@code buf} (without consuming them) and returns how many of
     * them belong to the body; fewer than readable only when the body ended inside them.
     */
    public int scan(ByteBuf buf) throws HttpParseException {
        return scan(buf, null);
    }

    /** As {@link #scan(ByteBuf)}, and copies the chunks' data (without the framing) to {@code data} if not null. */
    public int scan(ByteBuf buf, java.io.ByteArrayOutputStream data) throws HttpParseException {
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        int i = start;
        while (i < end && state != State.DONE) {
            if (state == State.DATA) {
                int take = (int) Math.min(remaining, end - i);
                if (data != null) {
                    byte[] piece = new byte[take];
                    buf.getBytes(i, piece);
                    data.write(piece, 0, take);
                }
                i += take;
                remaining -= take;
                if (remaining == 0) {
                    state = State.DATA_CR;
                }
                continue;
            }
            step(buf.getByte(i));
            i++;
        }
        return i - start;
    }

    private void step(byte b) throws HttpParseException {
        switch (state) {
            case SIZE -> {
                line();
                int v = hex(b);
                if (v >= 0) {
                    if (++digits > MAX_SIZE_DIGITS) {
                        throw new HttpParseException(400, "chunk size too large");
                    }
                    remaining = remaining * 16 + v;
                } else if (digits == 0) {
                    throw new HttpParseException(400, "invalid chunk size");
                } else if (b == ';' || b == ' ' || b == '\t') {
                    state = State.EXT;
                } else {
                    endOfSizeLine(b);
                }
            }
            case EXT -> {
                line();
                if (b == '\r' || b == '\n') {
                    endOfSizeLine(b);
                } else if (!HttpSyntax.fieldValue(b)) {
                    throw new HttpParseException(400, "control character in a chunk extension");
                }
            }
            case SIZE_LF -> {
                expectLf(b, "chunk size line");
                sizeLineDone();
            }
            case DATA_CR -> {
                if (b == '\n') {
                    state = State.SIZE;
                } else if (b == '\r') {
                    state = State.DATA_LF;
                } else {
                    throw new HttpParseException(400, "chunk data longer than its size");
                }
            }
            case DATA_LF -> {
                expectLf(b, "chunk data");
                state = State.SIZE;
            }
            case TRAILER_START -> {
                if (b == '\n') {
                    state = State.DONE;
                } else if (b == '\r') {
                    state = State.END_LF;
                } else if (!HttpSyntax.token(b)) {
                    throw new HttpParseException(400, "invalid trailer line");
                } else {
                    state = State.TRAILER;
                    inName = true;
                    lineLength = 1;
                }
            }
            case TRAILER -> {
                if (inName) {
                    line();
                    if (b == ':') {
                        inName = false;
                    } else if (!HttpSyntax.token(b)) {
                        throw new HttpParseException(400, "invalid trailer name");
                    }
                } else if (b == '\n') {
                    state = State.TRAILER_START;
                } else if (b == '\r') {
                    state = State.TRAILER_LF;
                } else if (!HttpSyntax.fieldValue(b)) {
                    throw new HttpParseException(400, "control character in a trailer");
                } else {
                    line();
                }
            }
            case TRAILER_LF -> {
                expectLf(b, "trailer line");
                state = State.TRAILER_START;
            }
            case END_LF -> {
                expectLf(b, "last chunk");
                state = State.DONE;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void endOfSizeLine(byte b) throws HttpParseException {
        if (b == '\r') {
            state = State.SIZE_LF;
        } else if (b == '\n') {
            sizeLineDone();
        } else {
            throw new HttpParseException(400, "invalid chunk size");
        }
    }

    private void sizeLineDone() {
        lineLength = 0;
        digits = 0;
        if (remaining == 0) {
            state = State.TRAILER_START;
        } else {
            state = State.DATA;
        }
    }

    private void line() throws HttpParseException {
        if (++lineLength > maxLine) {
            throw new HttpParseException(400, "chunk size or trailer line longer than " + maxLine + " bytes");
        }
    }

    private static void expectLf(byte b, String where) throws HttpParseException {
        if (b != '\n') {
            throw new HttpParseException(400, "bare CR after the " + where);
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
