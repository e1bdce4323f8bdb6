package io.haven.config;

/** A keyword of the {@code cluster} section. */
record ClusterKeyword(String name, Handler handler) {
    @FunctionalInterface
    interface Handler {
        void parse(Line line, ClusterBuilder cluster, ParseContext ctx) throws ConfigException;
    }
}
