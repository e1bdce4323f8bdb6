package io.haven.lua;

import io.haven.core.http.HttpApplet;
import io.haven.core.http.HttpExchange;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpService;
import io.haven.core.http.HttpTxn;
import io.haven.core.http.Reasons;
import io.haven.core.log.LogLevel;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;

/**
 * A {@code core.register_service(NAME, "http", fn)} service ({@code http-request use-service
 * lua.NAME}): each request runs {@code fn} with an {@code AppletHTTP} as a coroutine on the
 * connection's loop, under {@code tune.lua.service-timeout}. The body arrives in pieces and
 * waits in the applet (its delivery paused above {@link #PAUSE_ABOVE} bytes); {@code send}
 * waits while the client is slow. An error before {@code start_response} is a 500, after it the
 * connection is aborted; both are logged with the script's position, as HAProxy does.
 */
final class LuaHttpService implements HttpService {
    /** Request body bytes an applet holds before Haven stops reading the client. */
    static final int PAUSE_ABOVE = 64 * 1024;

    private final LuaRuntime runtime;
    private final String name;

    LuaHttpService(LuaRuntime runtime, String name) {
        this.runtime = runtime;
        this.name = name;
    }

    @Override
    public boolean matches(HttpTxn txn) {
        return false; // only ever chosen by name
    }

    @Override
    public HttpReply serve(HttpTxn txn, byte[] body) {
        return HttpReply.error(500); // never called: open() always streams
    }

    @Override
    public String logName() {
        return "<lua." + name + ">";
    }

    @Override
    public HttpApplet open(HttpTxn txn, HttpExchange exchange) {
        EventExecutor loop = (EventExecutor) exchange.loop();
        LuaState state = runtime.serviceState(name, loop);
        Registrations.Service svc = state.registrations.services.get(name);
        Applet applet = new Applet(txn, exchange);
        long[] handle = new long[1];
        applet.coroutine = Coroutine.start(state, loop, "applet http '" + name + "'", runtime.limits().serviceMs(),
                svc.function(), t -> {
                    handle[0] = AppletLibrary.pushHttp(state, t, applet, txn);
                    return 1;
                }, error -> {
                    state.release(handle[0]);
                    if (applet.priv != 0) {
                        state.main().unref(applet.priv);
                    }
                    if (applet.closed) {
                        return;
                    }
                    if (error != null) {
                        runtime.log(LogLevel.ERR, "Lua applet http '<lua." + name + ">': " + LuaRuntime.describe(error) + ".");
                    }
                    if (!exchange.started()) {
                        if (error == null) {
                            runtime.log(LogLevel.ERR, "Lua applet http '<lua." + name + ">': the function returned without start_response().");
                        }
                        exchange.reply(HttpReply.error(500));
                    } else if (error != null) {
                        exchange.abort();
                    } else {
                        exchange.end();
                    }
                });
        return applet;
    }

    /** One request served: the response being built, the body not read yet, a send waiting for the client. */
    static final class Applet extends LuaApplet implements HttpApplet {
        private final HttpTxn txn;
        private final HttpExchange exchange;
        private final HttpHeaders headers = new HttpHeaders();
        private int status = 200;
        private String reason;
        private Coroutine coroutine;
        private Coroutine sender;
        private int senderToken;
        private boolean paused;
        private boolean closed;

        Applet(HttpTxn txn, HttpExchange exchange) {
            this.txn = txn;
            this.exchange = exchange;
        }

        void status(int code, String reasonPhrase) {
            if (code < 100 || code > 999) {
                throw new ScriptError("set_status: invalid status code " + code);
            }
            status = code;
            reason = reasonPhrase;
        }

        void addHeader(String name, String value) {
            headers.add(name, value);
        }

        void startResponse() {
            if (!exchange.started()) {
                exchange.start(status, reason != null ? reason : Reasons.of(status), headers);
            }
        }

        @Override
        boolean send(byte[] data, Coroutine caller) {
            if (closed) {
                return false;
            }
            startResponse();
            if (exchange.write(data) || caller == null) {
                return false;
            }
            sender = caller;
            senderToken = caller.suspend();
            return true;
        }

        @Override
        Map<String, Object> vars(String scope) {
            return scope.equals("sess") ? txn.sessionVars() : txn.txnVars();
        }

        @Override
        void consumed(boolean waiting) {
            if (paused && (waiting || buffered() < PAUSE_ABOVE / 2)) {
                paused = false;
                exchange.readBody(true);
            }
        }

        @Override
        public void body(byte[] data) {
            deliver(data);
            if (!paused && buffered() > PAUSE_ABOVE) {
                paused = true;
                exchange.readBody(false);
            }
        }

        @Override
        public void bodyEnd() {
            endOfInput();
        }

        @Override
        public void writable() {
            Coroutine c = sender;
            if (c != null) {
                sender = null;
                c.wake(senderToken);
            }
        }

        @Override
        public void closed() {
            if (!closed) {
                closed = true;
                coroutine.cancel();
            }
        }
    }
}
