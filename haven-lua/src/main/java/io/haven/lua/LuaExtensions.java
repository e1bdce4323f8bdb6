package io.haven.lua;

import io.haven.core.acl.SampleFetch;
import io.haven.core.extension.ExtensionResolver;
import io.haven.core.rules.ActionArgs;
import io.haven.core.rules.HttpAction;
import io.haven.core.sample.Converter;
import java.util.List;

/**
 * Binds the configuration's {@code lua.NAME} actions, fetches and converters to what the
 * scripts registered. Refusals are worded for the operator; the caller adds file and line.
 */
final class LuaExtensions implements ExtensionResolver {
    private final LuaRuntime runtime;

    LuaExtensions(LuaRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HttpAction action(ActionArgs a) {
        String name = a.action().substring(4);
        Registrations.Action reg = runtime.registered(r -> r.actions.get(name));
        if (reg == null) {
            throw new IllegalArgumentException("unknown action '" + a.action()
                    + "' (no Lua script registered an action '" + name + "' with core.register_action)");
        }
        String kind = a.response() ? "http-res" : "http-req";
        if (!reg.kinds().contains(kind)) {
            throw new IllegalArgumentException("Lua action '" + name + "' is registered for " + String.join(", ", reg.kinds())
                    + ", not for " + kind + " ('" + a.keyword() + "')");
        }
        if (a.words().size() != reg.nbArgs()) {
            throw new IllegalArgumentException("'" + a.action() + "' expects " + reg.nbArgs() + " argument"
                    + (reg.nbArgs() == 1 ? "" : "s") + ", got " + a.words().size());
        }
        return new LuaHttpAction(runtime, name, a.words(), a.response());
    }

    @Override
    public SampleFetch fetch(String name, List<String> args) {
        String bare = name.substring(4);
        if (runtime.registered(r -> r.fetches.get(bare)) == null) {
            throw new IllegalArgumentException("unknown fetch method '" + name
                    + "' (no Lua script registered a fetch '" + bare + "' with core.register_fetches)");
        }
        return LuaSampleFunctions.fetch(runtime, bare, args);
    }

    @Override
    public Converter converter(String name, List<String> args) {
        String bare = name.substring(4);
        if (runtime.registered(r -> r.converters.get(bare)) == null) {
            throw new IllegalArgumentException("unknown converter '" + name
                    + "' (no Lua script registered a converter '" + bare + "' with core.register_converters)");
        }
        return LuaSampleFunctions.converter(runtime, bare, args);
    }
}
