package io.haven.lua;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaException;

/**
 * One Lua function running as a coroutine on one event loop: a task, a service, a cli command.
 * Whatever waits (a sleep, socket I/O, data from a client) yields the coroutine; the waited-for
 * event resumes it later on the same loop, so Lua never blocks a loop. Each resume is measured
 * and the count hook stops a coroutine whose Lua run time or the state's memory exceed the
 * limits; an error ends this coroutine only and is reported to {@link #onEnd}.
 */
final class Coroutine {
    /** Pushes the function's arguments on the coroutine's stack and returns how many. */
    @FunctionalInterface
    interface Arguments {
        int push(Lua thread);
    }

    private final LuaState state;
    private final EventExecutor loop;
    private final String what;
    private final long limitNanos;
    private final Consumer<String> onEnd;
    /** Reads the function's return values (on its stack) when it returned; null to ignore them. */
    private Consumer<Lua> onReturn;
    /** A sample fetch or converter: it must not wait, as in HAProxy. */
    private boolean mustNotYield;
    /** {@code act:wake_time(ms)}: when an action that returned act.YIELD runs again; -1 if not set. */
    private long wakeTimeMs = -1;
    private Lua thread;
    private int threadRef;
    private long runNanos;
    private long resumedAt;
    private int wake;
    private boolean finished;
    private boolean overBudget;
    /** The function returned normally (no error, not waiting): the thread can run another one. */
    private boolean returned;

    private Coroutine(LuaState state, EventExecutor loop, String what, long limitMs, Consumer<String> onEnd) {
        this.state = state;
        this.loop = loop;
        this.what = what;
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMs);
        this.onEnd = onEnd;
    }

    /**
     * Starts {@code function} (a registry reference) on {@code loop}. {@code onEnd} gets null when
     * the function returned, else the error (with its script position); it runs on the loop.
     */
    static Coroutine start(LuaState state, EventExecutor loop, String what, long limitMs, int function,
                           Arguments args, Consumer<String> onEnd) {
        Coroutine c = new Coroutine(state, loop, what, limitMs, onEnd);
        loop.execute(() -> c.first(function, args));
        return c;
    }

    /**
     * Runs {@code function} now on the calling thread, which must be {@code loop}'s (an action
     * called by the rule engine): it returns once the function ended or first waited, and
     * {@link #finished()} tells which. {@code onReturn} reads the function's results.
     */
    static Coroutine startHere(LuaState state, EventExecutor loop, String what, long limitMs, int function,
                               Arguments args, Consumer<Lua> onReturn, Consumer<String> onEnd) {
        Coroutine c = new Coroutine(state, loop, what, limitMs, onEnd);
        c.onReturn = onReturn;
        if (loop == null || loop.inEventLoop()) {
            c.first(function, args);
        } else {
            loop.execute(() -> c.first(function, args));
        }
        return c;
    }

    /**
     * Runs {@code function} to its end on the calling thread (a sample fetch or converter); a
     * function that tries to wait fails with "yield not allowed". {@code onEnd} gets the error.
     */
    static void call(LuaState state, String what, long limitMs, int function, Arguments args, Consumer<Lua> onReturn,
                     Consumer<String> onEnd) {
        Coroutine c = new Coroutine(state, null, what, limitMs, onEnd);
        c.onReturn = onReturn;
        c.mustNotYield = true;
        c.first(function, args);
        if (!c.finished) {
            state.lock().lock();
            try {
                c.end("yield not allowed");
            } finally {
                state.lock().unlock();
            }
        }
    }

    long wakeTimeMs() {
        return wakeTimeMs;
    }

    void wakeTimeMs(long ms) {
        wakeTimeMs = ms;
    }

    boolean mustNotYield() {
        return mustNotYield;
    }

    String what() {
        return what;
    }

    EventExecutor loop() {
        return loop;
    }

    LuaState state() {
        return state;
    }

    private void first(int function, Arguments args) {
        state.lock().lock();
        try {
            if (!state.enter()) {
                finished = true;
                return;
            }
            LuaState.IdleThread reused = state.idleThread();
            if (reused != null) {
                thread = reused.thread(); // its count hook is still set
                threadRef = reused.ref();
            } else {
                Lua main = state.main();
                thread = main.newThread();
                CoreLibrary.prepare(state, -1); // the count hook on the new thread
                threadRef = main.ref();
            }
            thread.checkStack(1);
            RawPush.ref(thread, function);
            int n = args.push(thread);
            step(n);
        } finally {
            state.lock().unlock();
        }
    }

    /** Resumes later on this coroutine's loop; returns the token that {@link #wake} must show. */
    int suspend() {
        return ++wake;
    }

    /**
     * Resumes the coroutine, on its loop and never from inside a running resume, if it still waits
     * for the event that {@code token} names.
     */
    void wake(int token) {
        loop.execute(() -> resume(token));
    }

    void wakeAfter(int token, long ms) {
        loop.schedule(() -> resume(token), ms, TimeUnit.MILLISECONDS);
    }

    private void resume(int token) {
        if (finished || token != wake) {
            return;
        }
        state.lock().lock();
        try {
            if (state.nativeClosed()) {
                finished = true;
                return;
            }
            if (state.isClosed() && what.equals("task")) {
                end(null); // the generation was replaced: its tasks stop at their next wake-up
                return;
            }
            step(0);
        } finally {
            state.lock().unlock();
        }
    }

    /** Runs until the next yield or the end; the lock is held. */
    private void step(int nargs) {
        Coroutine outer = state.current();
        state.current(this);
        resumedAt = System.nanoTime();
        String error = null;
        boolean yielded;
        try {
            yielded = thread.resume(nargs);
            if (!yielded && onReturn != null) {
                onReturn.accept(thread);
            }
            thread.setTop(0);
            returned = !yielded;
        } catch (LuaException e) {
            yielded = false;
            error = e.getMessage();
        } catch (RuntimeException e) {
            yielded = false;
            error = e.toString();
        } finally {
            runNanos += System.nanoTime() - resumedAt;
            state.current(outer);
        }
        if (!yielded) {
            end(error == null || error.endsWith(CoreLibrary.DONE) ? null : error);
        }
    }

    private void end(String error) {
        finished = true;
        wake++;
        // a thread whose function returned is as good as new; one that failed or waits is dead to Lua
        if (!returned || !state.keepIdle(new LuaState.IdleThread(thread, threadRef))) {
            state.main().unref(threadRef);
            thread.close();
        }
        state.leaveAndMaybeClose();
        try {
            onEnd.accept(error);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger("haven.lua").error("Lua {}: {}", what, e.toString());
        }
    }

    /** Stops the coroutine at once (its connection is gone); {@code onEnd} gets null. */
    void cancel() {
        loop.execute(() -> {
            if (finished || thread == null) {
                return;
            }
            state.lock().lock();
            try {
                if (!finished && !state.nativeClosed()) {
                    end(null);
                }
            } finally {
                state.lock().unlock();
            }
        });
    }

    /** Called by the count hook: why this coroutine must stop now, or null. */
    String overLimit(double memoryKb) {
        if (overBudget) {
            return "execution timeout";
        }
        long max = state.runtime().limits().maxmemBytes();
        if (max > 0 && memoryKb * 1024 > max) {
            return "not enough memory";
        }
        if (limitNanos > 0 && runNanos + (System.nanoTime() - resumedAt) > limitNanos) {
            overBudget = true;
            return "execution timeout";
        }
        return null;
    }

    boolean finished() {
        return finished;
    }
}
