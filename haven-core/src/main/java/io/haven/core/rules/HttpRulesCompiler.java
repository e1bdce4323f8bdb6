package io.haven.core.rules;

import io.haven.config.ConfigException;
import io.haven.config.Diagnostic;
import io.haven.config.model.HttpRuleConfig;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ProxyMode;
import io.haven.core.acl.AclCompiler;
import io.haven.core.http.HttpRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a proxy's {@code http-request} and {@code http-response} lines into an
 * {@link HttpRuleSet}. Every error names the file, line and keyword; rules in a proxy that is
 * not {@code mode http} are refused.
 */
public final class HttpRulesCompiler {
    private HttpRulesCompiler() {
    }

    /** The proxy's rules, or {@link HttpRules#NONE} when it has none. */
    public static HttpRules compile(ProxyConfig proxy, AclCompiler acls) throws ConfigException {
        if (proxy.httpRules().isEmpty()) {
            return HttpRules.NONE;
        }
        List<Diagnostic> errors = new ArrayList<>();
        List<HttpRule> request = compile(proxy, acls, proxy.httpRules().request(), false, errors);
        List<HttpRule> response = compile(proxy, acls, proxy.httpRules().response(), true, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new HttpRuleSet(request, response);
    }

    private static List<HttpRule> compile(ProxyConfig proxy, AclCompiler acls, List<HttpRuleConfig> lines, boolean response,
                                          List<Diagnostic> errors) {
        String keyword = response ? "http-response" : "http-request";
        List<HttpRule> rules = new ArrayList<>();
        for (HttpRuleConfig r : lines) {
            if (proxy.mode() != ProxyMode.HTTP) {
                errors.add(new Diagnostic(r.location(), keyword, "'" + keyword + "' rules need 'mode http'; proxy '"
                        + proxy.name() + "' is in mode tcp"));
                continue;
            }
            acls.lookup().at(r.location());
            String action = r.action();
            String argument = null;
            int open = action.indexOf('(');
            if (open > 0 && action.endsWith(")")) {
                argument = action.substring(open + 1, action.length() - 1);
                action = action.substring(0, open);
            }
            try {
                HttpAction a = HttpActionCatalog.create(new ActionArgs(action, argument, r.args(), response, proxy,
                        acls.lookup(), r.location()));
                rules.add(new HttpRule(acls.condition(r.condition(), r.location(), keyword), a,
                        r.action() + (r.args().isEmpty() ? "" : " " + String.join(" ", r.args())), r.location()));
            } catch (IllegalArgumentException e) {
                errors.add(new Diagnostic(r.location(), keyword + " " + action, e.getMessage()));
            } catch (ConfigException e) {
                errors.addAll(e.diagnostics());
            }
        }
        return rules;
    }
}
