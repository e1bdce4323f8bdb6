package io.haven.core.sample;

import io.haven.core.acl.Lookup;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The converters Haven implements, by HAProxy name. Arguments are checked when the converter is
 * compiled, so a bad argument is a configuration error naming it. Other modules (Lua) add
 * theirs with {@link #register}.
 */
public final class ConverterCatalog {
    /** Builds a converter from its arguments; throws IllegalArgumentException with an operator-facing message. */
    @FunctionalInterface
    public interface Factory {
        Converter create(List<String> args, Lookup lookup);
    }

    private static final Map<String, Factory> CONVERTERS = new TreeMap<>();

    static {
        BiConsumer<String, Factory> r = CONVERTERS::put;
        TextConverters.register(r);
        CodecConverters.register(r);
        ArithmeticConverters.register(r);
        MapConverters.register(r);
    }

    private ConverterCatalog() {
    }

    public static synchronized void register(String name, Factory factory) {
        CONVERTERS.put(name, factory);
    }

    public static synchronized Factory factory(String name) {
        return CONVERTERS.get(name);
    }

    public static synchronized Set<String> names() {
        return new java.util.TreeSet<>(CONVERTERS.keySet());
    }

    static void args(List<String> args, int min, int max, String usage) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException("expects " + usage);
        }
    }

    static int integer(String s, String what) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer, got '" + s + "'");
        }
    }
}
