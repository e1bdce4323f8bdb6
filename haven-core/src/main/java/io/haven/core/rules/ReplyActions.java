package io.haven.core.rules;

import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.Reasons;
import io.haven.core.rules.HttpActionCatalog.Where;

/**
 * The actions that answer instead of forwarding: {@code deny} (403 in requests, 502 in
 * responses, as HAProxy), {@code return} (200 by default), {@code auth [realm R]} (401 with a
 * Basic challenge; the realm defaults to the proxy name), and {@code set-status} on responses.
 */
final class ReplyActions {
    private ReplyActions() {
    }

    static void register() {
        HttpActionCatalog.register("deny", Where.BOTH, a -> {
            ReplySpec spec = ReplySpec.parse(a, "deny_status", a.response() ? 502 : 403, true);
            return spec::reply;
        });
        HttpActionCatalog.register("return", Where.BOTH, a -> {
            ReplySpec spec = ReplySpec.parse(a, "status", 200, false);
            return spec::reply;
        });
        HttpActionCatalog.register("auth", Where.REQUEST, a -> {
            String realm = a.proxy().name();
            if (!a.words().isEmpty()) {
                if (a.words().size() != 2 || !a.word(0).equals("realm")) {
                    throw new IllegalArgumentException("'auth' expects nothing or 'realm REALM'");
                }
                realm = a.word(1);
            }
            String challenge = "Basic realm=\"" + realm.replace("\"", "\\\"") + "\"";
            return t -> {
                HttpHeaders h = new HttpHeaders();
                h.add("www-authenticate", challenge);
                return new HttpReply(401, Reasons.of(401), h, null, false);
            };
        });
        HttpActionCatalog.register("set-status", Where.RESPONSE, a -> {
            if (a.words().size() != 1 && a.words().size() != 3) {
                throw new IllegalArgumentException("'set-status' expects a status and optionally 'reason TEXT'");
            }
            int status;
            try {
                status = Integer.parseInt(a.word(0));
            } catch (NumberFormatException e) {
                status = -1;
            }
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("invalid status '" + a.word(0) + "', expected a code between 100 and 999");
            }
            if (a.words().size() == 3 && !a.word(1).equals("reason")) {
                throw new IllegalArgumentException("unexpected '" + a.word(1) + "', expected 'reason TEXT'");
            }
            String reason = a.words().size() == 3 ? a.word(2) : Reasons.of(status);
            int code = status;
            return t -> {
                t.response().status(code, reason);
                return null;
            };
        });
    }
}
