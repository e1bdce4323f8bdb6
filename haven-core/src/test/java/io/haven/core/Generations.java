package io.haven.core;

import io.haven.config.ConfigException;
import io.haven.config.ConfigParser;
import io.haven.core.server.ServerEvents;
import java.util.Map;

/** Builds generations from configuration text for tests, with a first-usable-server balancer. */
final class Generations {
    private Generations() {
    }

    static Generation of(String text) throws ConfigException {
        return of(text, null, new ServerEvents());
    }

    static Generation of(String text, Generation previous, ServerEvents events) throws ConfigException {
        return new GenerationBuilder(algo -> (lb, client, avoid) -> {
            for (var s : lb.servers()) {
                if (s.slots().hasFree() && s != avoid) {
                    return s;
                }
            }
            return null;
        }).build(new ConfigParser(Map.of()).parseText("t.cfg", text), previous, events);
    }
}
