package io.haven.core.rules;

import io.haven.core.http.HttpServiceNames;
import io.haven.core.rules.HttpActionCatalog.Where;

/**
 * {@code http-request use-service NAME}: a final action, as in HAProxy: the rules stop, no
 * backend is chosen after a frontend's rule, and the named service answers the request.
 */
final class UseServiceAction {
    private UseServiceAction() {
    }

    static void register() {
        HttpActionCatalog.register("use-service", Where.REQUEST, a -> {
            a.count(1, 1, "a service name (prometheus-exporter)");
            String name = a.word(0);
            if (!HttpServiceNames.ALL.contains(name)) {
                throw new IllegalArgumentException("unknown or unimplemented service '" + name + "' (Haven implements "
                        + String.join(", ", new java.util.TreeSet<>(HttpServiceNames.ALL)) + ")");
            }
            return t -> {
                t.useService(name);
                return HttpAction.STOP;
            };
        });
    }
}
