package io.haven.core.rules;

import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpTxn;

/**
 * {@code http-request use-service NAME}: a final action; the named service answers the request
 * instead of a server. A built-in name is checked here; {@code lua.NAME} is bound when the
 * generation's scripts are loaded ({@link io.haven.core.http.HttpServiceRules}), which refuses unknown names.
 */
final class UseServiceAction implements HttpAction {
    private final String name;

    private UseServiceAction(String name) {
        this.name = name;
    }

    static void register() {
        HttpActionCatalog.register("use-service", HttpActionCatalog.Where.REQUEST, a -> {
            a.count(1, 1, "a service name (prometheus-exporter or lua.NAME)");
            String name = a.word(0);
            if (!name.startsWith("lua.") && !io.haven.core.http.HttpServiceNames.ALL.contains(name)) {
                throw new IllegalArgumentException("unknown or unimplemented service '" + name + "' (Haven implements "
                        + String.join(", ", new java.util.TreeSet<>(io.haven.core.http.HttpServiceNames.ALL)) + " and the Lua 'http' services, lua.NAME)");
            }
            return new UseServiceAction(name);
        });
    }

    @Override
    public HttpReply apply(HttpTxn txn) {
        txn.useService(name);
        return STOP;
    }
}
