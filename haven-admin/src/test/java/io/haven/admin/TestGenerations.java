package io.haven.admin;

import io.haven.config.ConfigParser;
import io.haven.core.Generation;
import io.haven.core.GenerationBuilder;
import io.haven.core.server.ServerEvents;
import java.util.Map;

/** Builds generations from configuration text, with a balancer that always picks the first server. */
final class TestGenerations {
    static final String CONFIG = String.join("\n",
            "global",
            "    maxconn 1000",
            "    stats timeout 2s",
            "",
            "defaults",
            "    mode tcp",
            "    timeout connect 1s",
            "    timeout client 5s",
            "    timeout server 5s",
            "",
            "frontend fe",
            "    bind 127.0.0.1:18080",
            "    default_backend be",
            "",
            "backend be",
            "    balance leastconn",
            "    server s1 127.0.0.1:9001 check weight 10",
            "    server s2 127.0.0.1:9002 check backup",
            "    server s3 127.0.0.1:9003 disabled maxconn 50 maxqueue 7",
            "",
            "listen db",
            "    bind 127.0.0.1:13306",
            "    server db1 127.0.0.1:3307 agent-check agent-port 9999",
            "");

    private TestGenerations() {
    }

    static Generation build() {
        return build(CONFIG);
    }

    static Generation build(String text) {
        try {
            return new GenerationBuilder(algo -> (lb, client, avoid) -> lb.size() == 0 ? null : lb.servers()[0])
                    .build(new ConfigParser(Map.of()).parseText("t.cfg", text), null, new ServerEvents());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
