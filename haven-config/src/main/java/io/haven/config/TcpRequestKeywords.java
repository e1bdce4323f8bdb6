package io.haven.config;

import io.haven.config.model.Condition;
import io.haven.config.model.TcpServiceRule;
import java.util.Set;

/**
 * {@code tcp-request}: Haven implements {@code tcp-request content use-service NAME [if|unless
 * COND]}; every other form is refused by name. The service is looked up when the generation is
 * built, once the Lua scripts registered theirs.
 */
final class TcpRequestKeywords {
    private TcpRequestKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.proxy("tcp-request", Set.of(Section.FRONTEND, Section.LISTEN), (line, p, ctx) -> {
            String kind = Values.required(line, 1, "'content'");
            if (!kind.equals("content")) {
                throw new ConfigException(line.location(), "tcp-request " + kind,
                        "'tcp-request " + kind + "' is not implemented (Haven implements 'tcp-request content use-service')");
            }
            String action = Values.required(line, 2, "an action");
            if (!action.equals("use-service")) {
                throw new ConfigException(line.location(), "tcp-request content " + action,
                        "action '" + action + "' is not implemented (Haven implements 'use-service')");
            }
            String service = Values.required(line, 3, "a service name such as lua.NAME");
            Condition cond = line.size() > 4 ? AclKeywords.condition(line, 4) : null;
            p.tcpServices.add(new TcpServiceRule(service, cond, line.location()));
        });
    }
}
