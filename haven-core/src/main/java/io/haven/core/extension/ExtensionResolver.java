package io.haven.core.extension;

import io.haven.core.acl.SampleFetch;
import io.haven.core.rules.ActionArgs;
import io.haven.core.rules.HttpAction;
import io.haven.core.sample.Converter;
import java.util.List;

/**
 * Resolves {@code lua.NAME} actions, fetches and converters once the scripts are loaded. Each
 * method throws IllegalArgumentException with an operator-facing message (unknown name, wrong
 * argument count, wrong rule set); the caller adds the file and line.
 */
public interface ExtensionResolver {

    /** Refuses every name: the configuration loads no script. */
    ExtensionResolver NONE = new ExtensionResolver() {
        @Override
        public HttpAction action(ActionArgs args) {
            throw new IllegalArgumentException("unknown action '" + args.action() + "': no Lua script is loaded (lua-load)");
        }

        @Override
        public SampleFetch fetch(String name, List<String> args) {
            throw new IllegalArgumentException("unknown fetch method '" + name + "': no Lua script is loaded (lua-load)");
        }

        @Override
        public Converter converter(String name, List<String> args) {
            throw new IllegalArgumentException("unknown converter '" + name + "': no Lua script is loaded (lua-load)");
        }
    };

    HttpAction action(ActionArgs args);

    SampleFetch fetch(String name, List<String> args);

    Converter converter(String name, List<String> args);
}
