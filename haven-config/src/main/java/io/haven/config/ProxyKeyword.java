package io.haven.config;

import java.util.Set;

/**
 * A keyword of proxy sections and the sections that accept it; each subsystem registers its
 * own into a {@link KeywordRegistry}, so the parser never knows them all.
 */
record ProxyKeyword(String name, Set<Section> sections, Handler handler) {
    @FunctionalInterface
    interface Handler {
        void parse(Line line, ProxyBuilder proxy, ParseContext ctx) throws ConfigException;
    }
}
