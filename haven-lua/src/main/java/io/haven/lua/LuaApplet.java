package io.haven.lua;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java side of an {@code AppletTCP}: what the client sent and has not been read yet, where
 * {@code send} writes, the variables and the private data of the stream. A read that finds too
 * little data suspends the coroutine until {@link #deliver} or {@link #endOfInput} wakes it.
 * Everything runs on the applet's event loop.
 */
abstract class LuaApplet {
    private final ByteArrayOutputStream input = new ByteArrayOutputStream();
    private boolean eof;
    private Coroutine waiter;
    private int token;
    final Map<String, Object> vars = new ConcurrentHashMap<>();
    /** The registry reference of the value given to set_priv, or 0. */
    int priv;

    /**
     * Writes to the client (or the cli's reply); true when the client takes no more for now and
     * the caller should wait (the applet wakes it when it can write again).
     */
    abstract boolean send(byte[] data, Coroutine caller);

    /** The variables of scope {@code scope} (sess, txn, req or res): the applet's own by default. */
    Map<String, Object> vars(String scope) {
        return vars;
    }

    /** How many received bytes wait to be read. */
    int buffered() {
        return input.size();
    }

    /**
     * Called after a read took data, or ({@code waiting}) when a read waits for more than is
     * buffered: an applet that paused its input resumes it then.
     */
    void consumed(boolean waiting) {
    }

    /** Data from the client; wakes a read waiting for it. */
    void deliver(byte[] data) {
        input.writeBytes(data);
        wakeReader();
    }

    /** The client will send nothing more. */
    void endOfInput() {
        eof = true;
        wakeReader();
    }

    boolean ended() {
        return eof;
    }

    private void wakeReader() {
        Coroutine c = waiter;
        if (c != null) {
            waiter = null;
            c.wake(token);
        }
    }

    /**
     * {@code receive([size])}: {@code size} bytes (fewer at the end of the stream), or everything
     * until the end when {@code size} is negative; null when the caller must wait.
     */
    byte[] receive(int size, Coroutine caller) {
        int have = input.size();
        if (size < 0 ? eof : (have >= size || eof)) {
            return take(size < 0 ? have : Math.min(size, have));
        }
        if (size > 0 && have > 0 && caller == null) {
            return take(have);
        }
        return park(caller);
    }

    /** {@code getline()}: one line with its {@code \n}, or what is left at the end; null to wait. */
    byte[] line(Coroutine caller) {
        byte[] buf = input.toByteArray();
        for (int i = 0; i < buf.length; i++) {
            if (buf[i] == '\n') {
                return take(i + 1);
            }
        }
        if (eof) {
            return take(buf.length);
        }
        return park(caller);
    }

    private byte[] park(Coroutine caller) {
        if (caller == null) {
            return take(input.size()); // not in a coroutine: nothing to wait with
        }
        waiter = caller;
        token = caller.suspend();
        consumed(true);
        return null;
    }

    private byte[] take(int n) {
        byte[] all = input.toByteArray();
        byte[] out = java.util.Arrays.copyOf(all, n);
        input.reset();
        input.write(all, n, all.length - n);
        consumed(false);
        return out;
    }
}
