package io.haven.core.log;

import io.haven.core.acl.SampleContext;
import java.util.Objects;

/**
 * The compiler of {@code %[fetch,converter...]} items in log formats. Sample expressions belong
 * to the rule engine, which installs its compiler here when it is loaded; until then such an
 * item is a configuration error that names it.
 */
public final class LogExpressions {

    /** A compiled {@code %[...]} item. */
    @FunctionalInterface
    public interface Expression {
        /** The sample's value, or null when it has none (printed as {@code -}). */
        Object evaluate(SampleContext ctx);
    }

    /** Compiles the text between {@code %[} and {@code ]}. */
    @FunctionalInterface
    public interface Compiler {
        Expression compile(String expression) throws IllegalArgumentException;
    }

    private static volatile Compiler compiler = expression -> {
        throw new IllegalArgumentException("sample expressions in log formats ('%[" + expression + "]') are not implemented");
    };

    private LogExpressions() {
    }

    public static void install(Compiler c) {
        compiler = Objects.requireNonNull(c);
    }

    /** The compiler in use (tests put it back after installing their own). */
    public static Compiler installed() {
        return compiler;
    }

    static Expression compile(String expression) {
        return compiler.compile(expression);
    }
}
