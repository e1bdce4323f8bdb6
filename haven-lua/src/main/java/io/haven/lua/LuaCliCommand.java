package io.haven.lua;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A runtime API command registered by a script ({@code core.register_cli}). {@link #run} is
 * called by the runtime API's thread: the function runs as a coroutine on an event loop with an
 * {@code AppletTCP} whose {@code send} builds the reply, and the caller waits for its end.
 */
public final class LuaCliCommand {
    private final LuaRuntime runtime;
    private final LuaState state;
    private final Registrations.Cli cli;

    LuaCliCommand(LuaRuntime runtime, LuaState state, Registrations.Cli cli) {
        this.runtime = runtime;
        this.state = state;
        this.cli = cli;
    }

    /** The keywords that name the command, such as {@code [show, ssl, stats]}. */
    public List<String> words() {
        return cli.words();
    }

    /** The help text given at registration. */
    public String usage() {
        return cli.usage();
    }

    /**
     * Runs the command with the words after its keywords; returns what it sent. The function gets
     * the applet, then every word of the line (its keywords included), as in HAProxy. An error is
     * logged and ends the reply.
     */
    public String run(List<String> args) {
        CliApplet applet = new CliApplet();
        CompletableFuture<String> done = new CompletableFuture<>();
        long timeout = runtime.limits().taskMs();
        long[] handle = new long[1];
        Coroutine.start(state, runtime.nextLoop(), "cli", timeout, cli.function(), t -> {
            handle[0] = AppletLibrary.push(state, t, applet);
            for (String w : cli.words()) {
                t.push(w);
            }
            for (String a : args) {
                t.push(a);
            }
            return 1 + cli.words().size() + args.size();
        }, error -> {
            state.release(handle[0]);
            if (applet.priv != 0) {
                state.main().unref(applet.priv);
            }
            if (error != null) {
                runtime.log(io.haven.core.log.LogLevel.ERR, "Lua cli '" + String.join(" ", cli.words()) + "': " + LuaRuntime.describe(error) + ".");
                applet.send(("Lua cli '" + String.join(" ", cli.words()) + "': " + error + ".\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
            }
            done.complete(applet.reply());
        });
        try {
            return timeout > 0 ? done.get(timeout + 1000, TimeUnit.MILLISECONDS) : done.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return applet.reply();
        } catch (ExecutionException | TimeoutException e) {
            return applet.reply() + "Lua cli: no answer in time\n";
        }
    }
}
