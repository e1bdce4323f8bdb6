package io.haven.core.rules;

import io.haven.core.http.HttpTxn;
import io.haven.core.format.FormatString;
import io.haven.core.rules.HttpActionCatalog.Where;
import io.haven.core.sample.SampleExpr;
import io.haven.core.sample.SampleExprCompiler;
import io.haven.core.sample.Samples;
import io.haven.core.sample.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * {@code set-var(scope.name) EXPR}, {@code set-var-fmt(scope.name) FMT} and
 * {@code unset-var(scope.name)}. A missing sample leaves the variable unchanged, as in HAProxy.
 */
final class VarActions {
    private VarActions() {
    }

    static void register() {
        HttpActionCatalog.register("set-var", Where.BOTH, a -> {
            a.count(1, 1, "one sample expression, as 'set-var(txn.name) req.hdr(host),lower'");
            SampleExpr expr = SampleExprCompiler.compile(a.word(0), a.lookup());
            return set(a, expr::fetch);
        });
        HttpActionCatalog.register("set-var-fmt", Where.BOTH, a -> {
            a.count(1, 1, "one log-format string");
            FormatString fmt = a.format(a.word(0));
            return set(a, fmt::format);
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

    /**
     * Sets the variable named in {@code a}'s parentheses, under HAProxy 2.6's optional conditions
     * after the name ({@code set-var(txn.x,ifnotexists)}): ifexists, ifnotexists, ifempty and
     * ifnotempty (of the new value); all must hold.
     */
    private static HttpAction set(ActionArgs a, java.util.function.Function<HttpTxn, Object> value) {
        String[] parts = argument(a).split(",");
        Variables.Ref ref = Variables.parse(parts[0]);
        List<BiPredicate<Object, Object>> conditions = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            conditions.add(condition(parts[i].trim()));
        }
        return t -> {
            Object v = value.apply(t);
            Object current = ref.get(t);
            for (BiPredicate<Object, Object> c : conditions) {
                if (!c.test(current, v)) {
                    return null;
                }
            }
            ref.set(t, v);
            return null;
        };
    }

    private static BiPredicate<Object, Object> condition(String name) {
        return switch (name) {
            case "ifexists" -> (cur, v) -> cur != null;
            case "ifnotexists" -> (cur, v) -> cur == null;
            case "ifempty" -> (cur, v) -> v != null && Samples.toStr(v).isEmpty();
            case "ifnotempty" -> (cur, v) -> v != null && !Samples.toStr(v).isEmpty();
            default -> throw new IllegalArgumentException("unknown or unimplemented set-var condition '" + name
                    + "', Haven implements ifexists, ifnotexists, ifempty and ifnotempty");
        };
    }

    private static String argument(ActionArgs a) {
        if (a.argument() == null) {
            throw new IllegalArgumentException("'" + a.action() + "' expects a variable name in parentheses, as '"
                    + a.action() + "(txn.name)'");
        }
        return a.argument();
    }

    private static Variables.Ref ref(ActionArgs a) {
        return Variables.parse(argument(a));
    }
}
