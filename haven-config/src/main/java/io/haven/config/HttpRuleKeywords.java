package io.haven.config;

import io.haven.config.model.Condition;
import io.haven.config.model.HeaderCapture;
import io.haven.config.model.HttpRuleConfig;
import java.util.List;
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
        r.proxy("http-request", sections, (line, p, ctx) -> {
            HttpRuleConfig rule = rule(line);
            if (rule.action().equals("capture")) {
                captureSlot(line, rule, p);
            }
            p.httpRequest.add(rule);
        });
        r.proxy("http-response", sections, (line, p, ctx) -> p.httpResponse.add(rule(line)));
    }

    /**
     * {@code http-request capture SAMPLE len N} takes the next request capture slot of its
     * frontend, in the order of the file together with {@code capture request header} lines, as
     * HAProxy numbers them. The {@code id N} form needs {@code declare capture}, not implemented.
     */
    private static void captureSlot(Line line, HttpRuleConfig rule, ProxyBuilder p) throws ConfigException {
        List<String> w = rule.args();
        if (w.size() != 3 || !w.get(1).equals("len")) {
            throw new ConfigException(line.location(), "http-request capture", w.size() == 3 && w.get(1).equals("id")
                    ? "'id' needs 'declare capture', which Haven does not implement; use 'len N'"
                    : "expects 'http-request capture SAMPLE len N'");
        }
        if (!p.kind.hasFrontend()) {
            throw new ConfigException(line.location(), "http-request capture",
                    "proxy '" + p.name + "' has no frontend capability: capture slots belong to frontends");
        }
        p.httpSettings.requestCaptures.add(new HeaderCapture(w.get(0), Values.integer(line, 4, 1, 65536), line.location()));
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
