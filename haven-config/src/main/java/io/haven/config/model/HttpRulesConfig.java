package io.haven.config.model;

import java.util.List;

/** A proxy's {@code http-request} and {@code http-response} rules, in declaration order. */
public record HttpRulesConfig(List<HttpRuleConfig> request, List<HttpRuleConfig> response) {
    public static final HttpRulesConfig NONE = new HttpRulesConfig(List.of(), List.of());

    public HttpRulesConfig {
        request = List.copyOf(request);
        response = List.copyOf(response);
    }

    public boolean isEmpty() {
        return request.isEmpty() && response.isEmpty();
    }
}
