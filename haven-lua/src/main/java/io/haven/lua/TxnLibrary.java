package io.haven.lua;

import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.HttpResponse;
import io.haven.core.http.Reasons;
import io.haven.core.log.LogLevel;
import io.haven.core.sample.HeaderValues;
import io.haven.core.sample.Variables;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import party.iroiro.luajava.Lua;

/**
 * The Java half of HAProxy's {@code TXN} and {@code HTTP} classes (core.lua has the classes):
 * variables in HAProxy's scopes (shared with the configuration's {@code var()} and
 * {@code set-var}), private data, logs, {@code done}, and the HTTP message's headers, request
 * line and status. Each primitive takes the TXN object's handle first.
 */
final class TxnLibrary {
    private static final LogLevel[] LEVELS = LogLevel.values();
    /** HTTP:req_* and res_* operations, by the number core.lua passes (H.http_ops). */
    private static final String[] OPS = {"add_header", "set_header", "del_header", "rep_header", "rep_value",
        "set_method", "set_path", "set_query", "set_uri", "set_status"};
    /** The functions' names for error messages, made once rather than per call. */
    private static final String[] REQ = names("req_");
    private static final String[] RES = names("res_");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("haven.lua");

    private TxnLibrary() {
    }

    static void install(LuaState s) {
        TxnPrivs privs = new TxnPrivs();
        s.function("txn_is_http", l -> {
            l.push(txn(s, l).http != null);
            return 1;
        });
        s.function("txn_set_var", l -> {
            LuaTxn t = txn(s, l);
            Variables.Ref ref = var(l, "set_var");
            Object value = LuaValues.sample(l, 3);
            boolean ifExist = l.getTop() >= 4 && l.toBoolean(4);
            if (value != null && !(ifExist && ref.get(t.ctx) == null)) {
                ref.set(t.ctx, value);
            }
            return 0;
        });
        s.function("txn_get_var", l -> {
            LuaValues.push(l, var(l, "get_var").get(txn(s, l).ctx));
            return 1;
        });
        s.function("txn_unset_var", l -> {
            var(l, "unset_var").unset(txn(s, l).ctx);
            return 0;
        });
        s.function("txn_set_priv", l -> {
            LuaTxn t = txn(s, l);
            l.pushValue(2);
            privs.set(l, t.ctx, l.ref());
            return 0;
        });
        s.function("txn_get_priv", l -> {
            int ref = privs.get(l, txn(s, l).ctx);
            if (ref == 0) {
                l.pushNil();
            } else {
                l.refGet(ref);
            }
            return 1;
        });
        s.function("txn_log", l -> {
            LuaTxn t = txn(s, l);
            int level = (int) Args.integer(l, 2, "log");
            String msg = Args.string(l, 3, "log");
            if (level < 0 || level > 7) {
                throw ScriptError.badArgument(1, "log", "Invalid loglevel.");
            }
            // HAProxy sends a transaction's messages to its proxy's log targets, and to stderr
            if (t.ctx.frontend() != null) {
                t.ctx.frontend().log().emit(LEVELS[level], msg);
            }
            LuaHost.programLog(LOG, LEVELS[level], msg);
            return 0;
        });
        s.function("txn_set_loglevel", l -> {
            LuaTxn t = txn(s, l);
            int level = (int) Args.integer(l, 2, "set_loglevel");
            if (level < 0 || level > 7) {
                throw ScriptError.badArgument(1, "set_loglevel", "Invalid loglevel.");
            }
            if (t.http != null) {
                t.http.logLevel(LEVELS[level]);
            }
            return 0;
        });
        s.function("txn_check_int", l -> {
            txn(s, l);
            Args.integer(l, 2, Args.string(l, 3, "check"));
            return 0;
        });
        s.function("txn_done", l -> {
            LuaTxn t = txn(s, l);
            if (!t.mayTerminate) {
                throw new ScriptError("txn:done() cannot be used in a sample fetch or a converter");
            }
            t.done = l.getTop() < 2 ? HttpReply.ABORT : reply(l);
            return 0;
        });
        s.function("http_headers", l -> {
            LuaTxn t = txn(s, l);
            HttpHeaders h = headers(t, l.toBoolean(2), "get_headers");
            l.newTable();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < h.size(); i++) {
                String name = h.name(i).toLowerCase(Locale.ROOT);
                int n = seen.merge(name, 1, Integer::sum) - 1;
                if (n == 0) {
                    l.newTable();
                    l.pushValue(-1);
                    l.setField(-3, name);
                } else {
                    l.getField(-1, name);
                }
                l.push(h.value(i));
                l.rawSetI(-2, n); // HAProxy's shape: values indexed from 0
                l.pop(1);
            }
            return 1;
        });
        s.function("http_op", l -> {
            httpOp(s, l);
            return 0;
        });
        s.main().createTable(0, OPS.length);
        for (int i = 0; i < OPS.length; i++) {
            s.main().push(i);
            s.main().setField(-2, OPS[i]);
        }
        s.main().setField(-2, "http_ops");
    }

    private static String[] names(String prefix) {
        String[] out = new String[OPS.length];
        for (int i = 0; i < OPS.length; i++) {
            out[i] = prefix + OPS[i];
        }
        return out;
    }

    private static LuaTxn txn(LuaState s, Lua l) {
        return s.handle(l.toInteger(1), LuaTxn.class);
    }

    private static Variables.Ref var(Lua l, String fn) {
        String name = Args.string(l, 2, fn);
        try {
            return Variables.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ScriptError(fn + ": " + e.getMessage());
        }
    }

    private static HttpHeaders headers(LuaTxn t, boolean response, String fn) {
        if (!response) {
            return t.http(fn).request().headers();
        }
        HttpResponse r = t.http(fn).response();
        if (r == null) {
            throw new ScriptError(fn + ": there is no response yet (use it in http-response actions)");
        }
        return r.headers();
    }

    /** HTTP:req_* and res_* edits: op, then its arguments, as core.lua passes them. */
    private static void httpOp(LuaState s, Lua l) {
        LuaTxn t = txn(s, l);
        boolean response = l.toBoolean(2);
        int code = (int) l.toInteger(3);
        String op = OPS[code];
        String fn = (response ? RES : REQ)[code];
        switch (op) {
            case "add_header" -> headers(t, response, fn).add(Args.string(l, 4, fn), Args.string(l, 5, fn));
            case "set_header" -> headers(t, response, fn).set(Args.string(l, 4, fn), Args.string(l, 5, fn));
            case "del_header" -> headers(t, response, fn).remove(Args.string(l, 4, fn));
            case "rep_header", "rep_value" -> {
                String name = Args.string(l, 4, fn);
                Pattern re = regex(Args.string(l, 5, fn), fn);
                String template = Args.string(l, 6, fn);
                headers(t, response, fn).edit(name, v -> op.equals("rep_value")
                        ? HeaderValues.replaceEach(v, re, template) : HeaderValues.replaceLine(v, re, template));
            }
            case "set_method", "set_path", "set_query", "set_uri" -> {
                HttpRequest r = t.http(fn).request();
                String v = Args.string(l, 4, fn);
                switch (op) {
                    case "set_method" -> r.method(v);
                    case "set_path" -> r.path(v);
                    case "set_query" -> r.query(v);
                    default -> r.uri(v);
                }
            }
            case "set_status" -> {
                int status = (int) Args.integer(l, 4, fn);
                if (status < 100 || status > 999) {
                    throw ScriptError.badArgument(1, fn, "invalid status code " + status);
                }
                String reason = l.isNoneOrNil(5) ? Reasons.of(status) : Args.string(l, 5, fn);
                HttpResponse r = t.http(fn).response();
                if (r == null) {
                    throw new ScriptError(fn + ": there is no response yet (use it in http-response actions)");
                }
                r.status(status, reason);
            }
            default -> throw new ScriptError("unknown HTTP operation " + op);
        }
    }

    private static Pattern regex(String re, String fn) {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw ScriptError.badArgument(2, fn, "invalid regex: " + e.getDescription());
        }
    }

    /** txn_done(h, status, reason, body, {name1, value1, name2, value2...}) as core.lua flattens a reply. */
    private static HttpReply reply(Lua l) {
        int status = (int) Args.integer(l, 2, "done");
        if (status < 100 || status > 599) {
            throw ScriptError.badArgument(1, "done", "invalid reply status " + status);
        }
        String reason = l.isNoneOrNil(3) ? Reasons.of(status) : l.toString(3);
        ByteBuffer b = l.toBuffer(4);
        byte[] body = new byte[b == null ? 0 : b.remaining()];
        if (b != null) {
            b.get(body);
        }
        HttpHeaders h = new HttpHeaders();
        for (int i = 1; i <= l.rawLength(5); i += 2) {
            l.rawGetI(5, i);
            String name = l.toString(-1);
            l.rawGetI(5, i + 1);
            h.add(name, l.toString(-1));
            l.pop(2);
        }
        return new HttpReply(status, reason, h, body, false);
    }
}
