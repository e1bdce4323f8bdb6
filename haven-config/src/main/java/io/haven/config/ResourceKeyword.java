package io.haven.config;

/** A keyword of a {@code resource} section. */
record ResourceKeyword(String name, Handler handler) {
    @FunctionalInterface
    interface Handler {
        void parse(Line line, ResourceBuilder resource, ParseContext ctx) throws ConfigException;
    }
}
