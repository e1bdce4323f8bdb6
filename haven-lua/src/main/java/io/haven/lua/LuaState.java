package io.haven.lua;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaException;
import party.iroiro.luajava.lua54.Lua54;

/**
 * One C Lua 5.4 state with HAProxy's API installed. Lua states are single-threaded: every use
 * holds {@link #lock()}, so the state shared by all event loops ({@code lua-load}) runs one
 * coroutine at a time, as HAProxy's global Lua lock does, while a per-thread state is only ever
 * used by its own loop and its lock is never contended.
 *
 * <p>Java objects handed to Lua (regexes, sockets, applets) are kept in a handle table and
 * referred to from Lua by number, so no Java reflection is exposed to scripts.
 */
final class LuaState implements AutoCloseable {
    /** Idle threads kept per state: more than the coroutines one loop runs at once is rarely useful. */
    private static final int MAX_IDLE = 64;
    private final Lua main;
    private final ReentrantLock lock = new ReentrantLock();
    private final LuaRuntime runtime;
    /** 0 for the shared state, 1..nbthread for per-thread ones (HAProxy's {@code core.thread}). */
    private final int thread;
    private final Map<Long, Object> handles = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(1);
    private Coroutine current;
    /** The registry reference of core.lua's private table. */
    int hRef;
    /** The registry reference of core.lua's {@code H.call_with_txn}. */
    private int txnCallRef;
    /** Coroutines that returned normally, kept to run the next function (see {@link #idleThread}). */
    private final java.util.ArrayDeque<IdleThread> idle = new java.util.ArrayDeque<>();
    /** What this state's scripts registered. */
    Registrations registrations;
    private boolean closed;
    private int live;

    LuaState(LuaRuntime runtime, int thread) {
        this.runtime = runtime;
        this.thread = thread;
        this.main = new Lua54();
        lock.lock();
        try {
            main.openLibraries();
            main.pushNil();
            main.setGlobal("java"); // luajava's Java bridge: scripts see plain Lua, as in HAProxy
            for (var p : runtime.settings().paths()) {
                main.getGlobal("package");
                main.getField(-1, p.cpath() ? "cpath" : "path");
                String old = main.toString(-1);
                main.pop(1);
                main.push(p.path() + ";" + old);
                main.setField(-2, p.cpath() ? "cpath" : "path");
                main.pop(1);
            }
            CoreLibrary.install(this);
        } finally {
            lock.unlock();
        }
    }

    Lua main() {
        return main;
    }

    LuaRuntime runtime() {
        return runtime;
    }

    int thread() {
        return thread;
    }

    ReentrantLock lock() {
        return lock;
    }

    /** The coroutine running now, or null in the body and init contexts (which may block). */
    Coroutine current() {
        return current;
    }

    void current(Coroutine c) {
        current = c;
    }

    /** The body of coroutines that get a TXN object: core.lua's {@code H.call_with_txn(fn, handle, is_http, ...)}. */
    int txnCall() {
        return txnCallRef;
    }

    void txnCall(int ref) {
        txnCallRef = ref;
    }

    /**
     * A Lua thread to run a new coroutine on, with its registry reference: one that ended
     * normally before (Lua 5.4 lets a coroutine that returned start again with a new function),
     * else null and the caller makes one. The lock is held.
     */
    IdleThread idleThread() {
        return idle.pollFirst();
    }

    /** Keeps a thread whose function returned normally (its stack emptied) for the next coroutine; false if it must be closed. */
    boolean keepIdle(IdleThread t) {
        if (closed || idle.size() >= MAX_IDLE) {
            return false;
        }
        idle.addFirst(t);
        return true;
    }

    /** A finished coroutine's Lua thread and the registry reference that keeps it alive. */
    record IdleThread(Lua thread, int ref) {
    }

    /** Runs a file's body (HAProxy's body context); a failure names the file and line. */
    void load(String file) throws LuaLoadException {
        byte[] code;
        try {
            code = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new LuaLoadException("cannot read '" + file + "': " + e.getMessage());
        }
        run(code, file);
    }

    /** Runs a chunk in the body context; {@code name} is what errors show before {@code :line:}. */
    void run(byte[] code, String name) throws LuaLoadException {
        lock.lock();
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(code.length);
            buf.put(code).flip();
            int top = main.getTop();
            try {
                main.load(buf, "@" + name);
                main.pCall(0, 0);
            } catch (LuaException e) {
                main.setTop(top);
                throw new LuaLoadException(e.getMessage());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Registers a Java function as {@code table[name]}; the table is on top of the stack. */
    void function(String name, JFunction f) {
        main.push(f);
        main.setField(-2, name);
    }

    /** Pushes {@code H[constructor](handle)} (a class instance for {@code o}) on {@code thread}; returns the handle. */
    long pushObject(Lua thread, String constructor, Object o) {
        long h = handle(o);
        thread.refGet(hRef);
        thread.getField(-1, constructor);
        thread.push(h);
        thread.pCall(1, 1);
        thread.remove(-2);
        return h;
    }

    long handle(Object o) {
        long h = nextHandle.getAndIncrement();
        handles.put(h, o);
        return h;
    }

    <T> T handle(long h, Class<T> type) {
        Object o = handles.get(h);
        if (!type.isInstance(o)) {
            throw new ScriptError("invalid or closed " + type.getSimpleName() + " object");
        }
        return type.cast(o);
    }

    void release(long h) {
        handles.remove(h);
    }

    /** A coroutine started on this state; the state stays open until it ends. */
    boolean enter() {
        if (closed) {
            return false;
        }
        live++;
        return true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes now if nothing runs, else once the last coroutine ends (see {@link #leaveAndMaybeClose}). */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (live == 0) {
                closeNow();
            }
        } finally {
            lock.unlock();
        }
    }

    void leaveAndMaybeClose() {
        live--;
        if (closed && live == 0) {
            closeNow();
        }
    }

    private boolean nativeClosed;

    private void closeNow() {
        if (!nativeClosed) {
            nativeClosed = true;
            handles.clear();
            idle.clear(); // closing the state closes its threads
            main.close();
        }
    }

    boolean nativeClosed() {
        return nativeClosed;
    }
}
