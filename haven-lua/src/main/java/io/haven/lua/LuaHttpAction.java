package io.haven.lua;

import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpTxn;
import io.haven.core.http.Reasons;
import io.haven.core.log.LogLevel;
import io.haven.core.rules.HttpAction;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code http-request lua.NAME [args]} and {@code http-response lua.NAME [args]}: each call runs
 * the registered function as a coroutine with a {@code TXN} object and the rule's arguments, on
 * the transaction's event loop, under {@code tune.lua.session-timeout}. A function that ends
 * without waiting answers at once; one that waits pauses the rule list, which goes on with its
 * result. The returned {@code act.*} code becomes what the rule engine does (HAProxy 2.6):
 * CONTINUE goes on, STOP and DONE end the rule list, DENY is a 403 (502 on a response), ERROR a
 * 500, INVALID a 400 (502), ABORT closes without a response, and YIELD runs the function again
 * after {@code act:wake_time()}. A runtime error is logged with its script position and the
 * next rule runs.
 */
final class LuaHttpAction implements HttpAction {
    private static final int STOP = 1;
    private static final int YIELD = 2;
    private static final int ERROR = 3;
    private static final int DONE = 4;
    private static final int DENY = 5;
    private static final int ABORT = 6;
    private static final int INVALID = 7;

    private final LuaRuntime runtime;
    private final String name;
    private final List<String> args;
    private final boolean response;
    private final java.util.function.Predicate<Registrations> registered;

    LuaHttpAction(LuaRuntime runtime, String name, List<String> args, boolean response) {
        this.runtime = runtime;
        this.name = name;
        this.registered = r -> r.actions.containsKey(name);
        this.args = List.copyOf(args);
        this.response = response;
    }

    @Override
    public boolean waits() {
        return true;
    }

    /** Without a way to resume (never the rule engine's case): a function that waits goes on alone and the rules go on. */
    @Override
    public HttpReply apply(HttpTxn txn) {
        HttpReply r = apply(txn, result -> { });
        return r == HttpAction.YIELD ? null : r;
    }

    @Override
    public HttpReply apply(HttpTxn txn, Resume resume) {
        Run run = new Run(txn, (EventExecutor) txn.loop(), resume);
        run.start();
        if (run.ended) {
            return run.result;
        }
        run.async = true;
        return HttpAction.YIELD;
    }

    /** One call of the action for one transaction (and its re-runs after act.YIELD). */
    private final class Run {
        private final HttpTxn txn;
        private final EventExecutor loop;
        private final Resume resume;
        private boolean ended;
        private boolean async;
        private boolean cancelled;
        private boolean reported;
        private HttpReply result;
        private int code;
        private long wakeMs;
        private Coroutine coroutine;

        Run(HttpTxn txn, EventExecutor loop, Resume resume) {
            this.txn = txn;
            this.loop = loop;
            this.resume = resume;
        }

        void start() {
            LuaState state = runtime.registrant(registered, loop);
            Registrations.Action action = state.registrations.actions.get(name);
            LuaTxn t = new LuaTxn(txn, response, true);
            long[] handle = new long[1];
            code = 0;
            reported = false;
            coroutine = Coroutine.startHere(state, loop, "action", runtime.limits().sessionMs(), state.txnCall(), thread -> {
                handle[0] = LuaTxn.push(state, thread, action.function(), t);
                for (int i = 0; i < args.size(); i++) {
                    thread.push(args.get(i));
                }
                return LuaTxn.PUSHED + args.size();
            }, thread -> {
                code = thread.getTop() > 0 && thread.isNumber(-1) ? (int) thread.toInteger(-1) : 0;
                wakeMs = state.current().wakeTimeMs(); // the coroutine is still the current one here
            }, error -> {
                state.release(handle[0]);
                finish(t, error);
            });
            if (coroutine.finished() && !reported) {
                deliver(null); // the state was closed under it (a reload): nothing ran
            } else if (!ended) {
                txn.onAbort(this::cancel);
            }
        }

        private void cancel() {
            cancelled = true;
            coroutine.cancel();
        }

        private void finish(LuaTxn t, String error) {
            reported = true;
            if (cancelled) {
                return;
            }
            if (error != null) {
                runtime.log(LogLevel.ERR, "Lua function '" + name + "': " + LuaRuntime.describe(error) + ".");
                deliver(null);
            } else if (t.done != null) {
                deliver(t.done);
            } else if (code == YIELD) {
                loop.schedule(this::start, Math.max(0, wakeMs), TimeUnit.MILLISECONDS); // act.YIELD: run again from the start
            } else {
                deliver(reply(code));
            }
        }

        private void deliver(HttpReply r) {
            ended = true;
            result = r;
            if (async) {
                txn.onAbort(null);
                resume.done(r);
            }
        }
    }

    /** What an act.* code asks of the rule engine. */
    private HttpReply reply(int code) {
        return switch (code) {
            case STOP, DONE -> HttpAction.STOP;
            case ERROR -> new HttpReply(500, Reasons.of(500), new HttpHeaders(), null, true);
            case DENY -> HttpReply.error(response ? 502 : 403);
            case ABORT -> HttpReply.ABORT;
            case INVALID -> new HttpReply(response ? 502 : 400, Reasons.of(response ? 502 : 400), new HttpHeaders(), null, true);
            default -> null;
        };
    }
}
