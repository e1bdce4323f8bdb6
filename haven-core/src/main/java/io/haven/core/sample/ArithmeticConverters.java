package io.haven.core.sample;

import static io.haven.core.sample.ConverterCatalog.args;

import io.haven.core.acl.SampleContext;
import io.haven.core.acl.SampleType;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.LongBinaryOperator;

/**
 * Integer and boolean converters: {@code bool}, {@code not}, {@code add}, {@code sub},
 * {@code mul}, {@code neg}. {@code add}/{@code sub}/{@code mul} take an integer or, as in
 * HAProxy, a variable name ({@code txn.n}); a missing variable yields no sample.
 */
final class ArithmeticConverters {
    private ArithmeticConverters() {
    }

    static void register(BiConsumer<String, ConverterCatalog.Factory> r) {
        r.accept("bool", (a, l) -> {
            args(a, 0, 0, "no argument");
            return Converter.of(SampleType.INT, SampleType.BOOL, s -> (Long) s != 0);
        });
        r.accept("not", (a, l) -> {
            args(a, 0, 0, "no argument");
            return Converter.of(SampleType.INT, SampleType.BOOL, s -> (Long) s == 0);
        });
        r.accept("neg", (a, l) -> {
            args(a, 0, 0, "no argument");
            return Converter.of(SampleType.INT, SampleType.INT, s -> -(Long) s);
        });
        r.accept("add", (a, l) -> arithmetic(a, "add", Math::addExact));
        r.accept("sub", (a, l) -> arithmetic(a, "sub", Math::subtractExact));
        r.accept("mul", (a, l) -> arithmetic(a, "mul", Math::multiplyExact));
    }

    private static Converter arithmetic(List<String> a, String name, LongBinaryOperator op) {
        args(a, 1, 1, "one argument, an integer or a variable name (scope.name)");
        String arg = a.get(0).trim();
        Long constant = arg.matches("[-+]?\\d+") ? Long.parseLong(arg) : null;
        Variables.Ref var = constant == null ? Variables.parse(arg) : null;
        return new Converter() {
            @Override
            public SampleType input() {
                return SampleType.INT;
            }

            @Override
            public SampleType output() {
                return SampleType.INT;
            }

            @Override
            public Object convert(Object sample, SampleContext ctx) {
                Long operand = constant != null ? constant : Samples.toLong(var.get(ctx));
                if (operand == null) {
                    return null;
                }
                try {
                    return op.applyAsLong((Long) sample, operand);
                } catch (ArithmeticException e) {
                    // HAProxy saturates instead of wrapping around
                    java.math.BigInteger x = java.math.BigInteger.valueOf((Long) sample);
                    java.math.BigInteger y = java.math.BigInteger.valueOf(operand);
                    int sign = (name.equals("add") ? x.add(y) : name.equals("sub") ? x.subtract(y) : x.multiply(y)).signum();
                    return sign > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
                }
            }
        };
    }
}
