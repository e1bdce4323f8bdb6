package io.haven.lua;

import io.haven.core.acl.FetchCatalog;
import io.haven.core.acl.SampleFetch;
import io.haven.core.sample.Converter;
import io.haven.core.sample.ConverterCatalog;
import io.haven.core.sample.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import party.iroiro.luajava.Lua;

/**
 * The Java half of HAProxy's {@code Fetches} and {@code Converters} classes: every fetch and
 * converter Haven implements, called by name with a '.' written '_' ({@code txn.f:req_hdr("host")}).
 * A call is compiled once per name and arguments and kept. {@code f}/{@code c} give nil for no
 * sample, {@code sf}/{@code sc} an empty string, as HAProxy's string variants do.
 */
final class SampleLibrary {
    private static final int MAX_CACHED = 4096;
    private final Map<String, SampleFetch> fetches = new ConcurrentHashMap<>();
    private final Map<String, Converter> converters = new ConcurrentHashMap<>();
    private final GenerationLookup lookup;

    private SampleLibrary(GenerationLookup lookup) {
        this.lookup = lookup;
    }

    static void install(LuaState s) {
        SampleLibrary lib = new SampleLibrary(s.runtime().lookup());
        s.function("fetch_names", l -> names(l, FetchCatalog.names()));
        s.function("conv_names", l -> names(l, ConverterCatalog.names()));
        s.function("fetch", l -> {
            LuaTxn t = s.handle(l.toInteger(1), LuaTxn.class);
            String name = l.toString(2);
            boolean asString = l.toBoolean(3);
            Object v = lib.fetch(name, args(l, 4)).fetch(t.ctx);
            push(l, v, asString);
            return 1;
        });
        s.function("conv", l -> {
            LuaTxn t = s.handle(l.toInteger(1), LuaTxn.class);
            String name = l.toString(2);
            boolean asString = l.toBoolean(3);
            Object input = LuaValues.sample(l, 4);
            Converter c = lib.converter(name, args(l, 5));
            Object in = input == null ? null : Samples.cast(input, c.input());
            push(l, in == null ? null : c.convert(in, t.ctx), asString);
            return 1;
        });
    }

    /** A table from the Lua name ('.' as '_') to the catalogue's name. */
    private static int names(Lua l, java.util.Set<String> names) {
        l.newTable();
        for (String n : names) {
            l.push(n);
            l.setField(-2, n.replace('.', '_'));
        }
        return 1;
    }

    private static List<String> args(Lua l, int from) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= l.getTop(); i++) {
            out.add(LuaValues.text(l, i));
        }
        return out;
    }

    private static void push(Lua l, Object v, boolean asString) {
        if (asString) {
            l.push(v == null ? "" : Samples.toStr(v));
        } else {
            LuaValues.push(l, v);
        }
    }

    private SampleFetch fetch(String name, List<String> args) {
        return cached(fetches, name, args, FetchCatalog.factory(name) == null ? null
                : () -> FetchCatalog.factory(name).create(args, lookup), "fetch");
    }

    private Converter converter(String name, List<String> args) {
        return cached(converters, name, args, ConverterCatalog.factory(name) == null ? null
                : () -> ConverterCatalog.factory(name).create(args, lookup), "converter");
    }

    /** The compiled call for {@code name(args)}, compiled on first use; a bad name or argument is a Lua error. */
    private static <T> T cached(Map<String, T> cache, String name, List<String> args, java.util.function.Supplier<T> make,
                                String what) {
        String key = args.isEmpty() ? name : name + '\0' + String.join("\0", args); // no allocation for txn.f:path()
        T t = cache.get(key);
        if (t == null) {
            if (make == null) {
                throw new ScriptError("unknown " + what + " '" + name + "'");
            }
            t = compile(make, name);
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, t);
        }
        return t;
    }

    private static <T> T compile(java.util.function.Supplier<T> make, String name) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ScriptError("'" + name + "': " + e.getMessage());
        }
    }
}
