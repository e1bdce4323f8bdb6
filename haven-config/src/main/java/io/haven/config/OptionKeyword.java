package io.haven.config;

import java.util.Set;

/** {@code option NAME [args]}: one option of proxy sections. */
record OptionKeyword(String name, Set<Section> sections, boolean negatable, Handler handler) {
    @FunctionalInterface
    interface Handler {
        /**
         * @param firstArg index of the first word after the option name
         * @param enabled false for {@code no option NAME}
         */
        void parse(Line line, int firstArg, ProxyBuilder proxy, boolean enabled) throws ConfigException;
    }
}
