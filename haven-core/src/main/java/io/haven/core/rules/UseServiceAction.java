package io.haven.core.rules;

import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpTxn;

/**
 * {@code http-request use-service NAME}: a final action; the named service answers the request
 * instead of a server. The name is bound to a service when the generation's services are known
 * ({@link io.haven.core.http.HttpServiceRules}), which refuses unknown names.
 */
final class UseServiceAction implements HttpAction {
    private final String name;

    private UseServiceAction(String name) {
        this.name = name;
    }

    static void register() {
        HttpActionCatalog.register("use-service", HttpActionCatalog.Where.REQUEST, a -> {
            a.count(1, 1, "a service name, such as lua.NAME");
            return new UseServiceAction(a.word(0));
        });
    }

    @Override
    public HttpReply apply(HttpTxn txn) {
        txn.useService(name);
        return STOP;
    }
}
