package io.haven.config;

import io.haven.config.model.Condition;
import io.haven.config.model.HttpRuleConfig;
import java.util.Set;

/**
 * {@code http-request ACTION [ARGS] [if|unless COND]} and {@code http-response ...}. The action
 * and its arguments are kept as written and compiled by haven-core, which knows the actions.
 */
final class HttpRuleKeywords {
    private HttpRuleKeywords() {
    }

    static void register(KeywordRegistry r) {
        Set<Section> sections = Set.of(Section.FRONTEND, Section.BACKEND, Section.LISTEN);
        r.proxy("http-request", sections, (line, p, ctx) -> p.httpRequest.add(rule(line)));
        r.proxy("http-response", sections, (line, p, ctx) -> p.httpResponse.add(rule(line)));
    }

    private static HttpRuleConfig rule(Line line) throws ConfigException {
        String action = Values.required(line, 1, "an action");
        int end = 2;
        while (end < line.size() && !line.word(end).equals("if") && !line.word(end).equals("unless")) {
            end++;
        }
        Condition cond = end < line.size() ? AclKeywords.condition(line, end) : null;
        return new HttpRuleConfig(action, line.words().subList(2, end), cond, line.location());
    }
}
