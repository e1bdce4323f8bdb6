package io.haven.config;

/** A keyword of the {@code global} section. */
record GlobalKeyword(String name, Handler handler) {
    @FunctionalInterface
    interface Handler {
        void parse(Line line, GlobalBuilder global, ParseContext ctx) throws ConfigException;
    }
}
