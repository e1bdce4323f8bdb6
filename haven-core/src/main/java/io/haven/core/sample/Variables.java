package io.haven.core.sample;

import io.haven.core.acl.SampleContext;
import io.haven.core.http.HttpTxn;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HAProxy's variables: {@code SCOPE.NAME} with scope {@code proc} (the whole process), {@code sess}
 * (the client connection), {@code txn}, {@code req} or {@code res} (one transaction). A
 * variable names its scope once, at configuration time; values are typed samples.
 */
public final class Variables {
    private static final Map<String, Object> PROC = new ConcurrentHashMap<>();

    /** A compiled variable reference. */
    public record Ref(String scope, String name, String key) {
        public Object get(SampleContext ctx) {
            Map<String, Object> m = store(ctx);
            return m == null ? null : m.get(key);
        }

        public void set(SampleContext ctx, Object value) {
            Map<String, Object> m = store(ctx);
            if (m != null && value != null) {
                m.put(key, value);
            }
        }

        public void unset(SampleContext ctx) {
            Map<String, Object> m = store(ctx);
            if (m != null) {
                m.remove(key);
            }
        }

        private Map<String, Object> store(SampleContext ctx) {
            if (scope.equals("proc")) {
                return PROC;
            }
            if (!(ctx instanceof HttpTxn t)) {
                return null;
            }
            return scope.equals("sess") ? t.sessionVars() : t.txnVars();
        }

        @Override
        public String toString() {
            return key;
        }
    }

    private Variables() {
    }

    /** Parses {@code scope.name}; throws IllegalArgumentException naming what is accepted. */
    public static Ref parse(String text) {
        int dot = text.indexOf('.');
        String scope = dot < 0 ? "" : text.substring(0, dot);
        String name = dot < 0 ? "" : text.substring(dot + 1);
        if (!scope.matches("proc|sess|txn|req|res")) {
            throw new IllegalArgumentException("invalid variable '" + text
                    + "': the name starts with its scope, one of proc, sess, txn, req or res, and a dot");
        }
        if (name.isEmpty() || !name.matches("[A-Za-z0-9_.]+")) {
            throw new IllegalArgumentException("invalid variable name in '" + text + "': letters, digits, '_' and '.' only");
        }
        return new Ref(scope, name, text);
    }
}
