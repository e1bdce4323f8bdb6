package io.haven.lua;

import io.haven.core.log.LogLevel;
import io.haven.core.tcp.TcpApplet;
import io.haven.core.tcp.TcpConnection;
import io.haven.core.tcp.TcpService;
import io.netty.util.concurrent.EventExecutor;

/**
 * A {@code core.register_service(NAME, "tcp", fn)} service: each connection runs {@code fn} with
 * an {@code AppletTCP} as a coroutine on the connection's loop, under
 * {@code tune.lua.service-timeout}. When the function returns the connection closes after what
 * it sent; when it fails the error is logged with its script line and that connection closes.
 */
final class LuaTcpService implements TcpService {
    private final LuaRuntime runtime;
    private final String name;

    LuaTcpService(LuaRuntime runtime, String name) {
        this.runtime = runtime;
        this.name = name;
    }

    @Override
    public String name() {
        return "lua." + name;
    }

    @Override
    public TcpApplet open(TcpConnection connection) {
        EventExecutor loop = (EventExecutor) connection.loop();
        LuaState state = runtime.serviceState(name, loop);
        Registrations.Service svc = state.registrations.services.get(name);
        Applet applet = new Applet(connection);
        long[] handle = new long[1];
        applet.coroutine = Coroutine.start(state, loop, "applet tcp '" + name + "'", runtime.limits().serviceMs(),
                svc.function(), t -> {
                    handle[0] = AppletLibrary.push(state, t, applet);
                    return 1;
                }, error -> {
                    state.release(handle[0]);
                    if (applet.priv != 0) {
                        state.main().unref(applet.priv);
                    }
                    if (error != null) {
                        runtime.log(LogLevel.ERR, "Lua applet tcp '<lua." + name + ">': " + LuaRuntime.describe(error) + ".");
                    }
                    applet.closed = true;
                    connection.close();
                });
        return applet;
    }

    /** One served connection. */
    private static final class Applet extends LuaApplet implements TcpApplet {
        private final TcpConnection connection;
        private Coroutine coroutine;
        private boolean closed;

        Applet(TcpConnection connection) {
            this.connection = connection;
        }

        @Override
        boolean send(byte[] data, Coroutine caller) {
            if (!closed) {
                connection.write(data);
            }
            return false;
        }

        @Override
        public void received(byte[] data) {
            deliver(data);
        }

        @Override
        public void inputClosed() {
            endOfInput();
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
