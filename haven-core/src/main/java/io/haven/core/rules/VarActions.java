package io.haven.core.rules;

import io.haven.core.http.HttpTxn;
import io.haven.core.format.FormatString;
import io.haven.core.rules.HttpActionCatalog.Where;
import io.haven.core.sample.SampleExpr;
import io.haven.core.sample.SampleExprCompiler;
import io.haven.core.sample.Variables;

/**
 * {@code set-var(scope.name) EXPR}, {@code set-var-fmt(scope.name) FMT} and
 * {@code unset-var(scope.name)}. A missing sample leaves the variable unchanged, as in HAProxy.
 */
final class VarActions {
    private VarActions() {
    }

    static void register() {
        HttpActionCatalog.register("set-var", Where.BOTH, a -> {
            Variables.Ref ref = ref(a);
            a.count(1, 1, "one sample expression, as 'set-var(txn.name) req.hdr(host),lower'");
            SampleExpr expr = SampleExprCompiler.compile(a.word(0), a.lookup());
            return set(ref, expr::fetch);
        });
        HttpActionCatalog.register("set-var-fmt", Where.BOTH, a -> {
            Variables.Ref ref = ref(a);
            a.count(1, 1, "one log-format string");
            FormatString fmt = a.format(a.word(0));
            return set(ref, fmt::format);
        });
        HttpActionCatalog.register("unset-var", Where.BOTH, a -> {
            Variables.Ref ref = ref(a);
            a.count(0, 0, "no argument after the variable name");
            return t -> {
                ref.unset(t);
                return null;
            };
        });
    }

    private static HttpAction set(Variables.Ref ref, java.util.function.Function<HttpTxn, Object> value) {
        return t -> {
            ref.set(t, value.apply(t));
            return null;
        };
    }

    private static Variables.Ref ref(ActionArgs a) {
        if (a.argument() == null) {
            throw new IllegalArgumentException("'" + a.action() + "' expects a variable name in parentheses, as '"
                    + a.action() + "(txn.name)'");
        }
        return Variables.parse(a.argument());
    }
}
