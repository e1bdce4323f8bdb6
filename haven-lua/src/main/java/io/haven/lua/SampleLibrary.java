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
import java.util.function.BiFunction;
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
    /** By the numbers core.lua passes (see {@link #id}); the state's lock guards them. */
    private final List<String> fetchNames = new ArrayList<>();
    private final List<String> convNames = new ArrayList<>();
    /** Each name's call without arguments once compiled, or null. */
    private final List<SampleFetch> plainFetches = new ArrayList<>();
    private final List<Converter> plainConverters = new ArrayList<>();
    private final BiFunction<String, List<String>, SampleFetch> compileFetch = this::fetch;
    private final BiFunction<String, List<String>, Converter> compileConverter = this::converter;

    private SampleLibrary(GenerationLookup lookup) {
        this.lookup = lookup;
    }

    static void install(LuaState s) {
        SampleLibrary lib = new SampleLibrary(s.runtime().lookup());
        s.function("fetch_names", l -> names(l, FetchCatalog.names()));
        s.function("conv_names", l -> names(l, ConverterCatalog.names()));
        s.function("fetch_id", l -> id(l, lib.fetchNames, lib.plainFetches));
        s.function("conv_id", l -> id(l, lib.convNames, lib.plainConverters));
        s.function("fetch", l -> {
            LuaTxn t = s.handle(l.toInteger(1), LuaTxn.class);
            int id = (int) l.toInteger(2);
            boolean asString = l.toBoolean(3);
            SampleFetch f = compiled(l, id, 4, lib.fetchNames, lib.plainFetches, lib.compileFetch);
            Object v = f.fetch(t.ctx);
            push(l, v, asString);
            return 1;
        });
        s.function("conv", l -> {
            LuaTxn t = s.handle(l.toInteger(1), LuaTxn.class);
            int id = (int) l.toInteger(2);
            boolean asString = l.toBoolean(3);
            Object input = LuaValues.sample(l, 4);
            Converter c = compiled(l, id, 5, lib.convNames, lib.plainConverters, lib.compileConverter);
            Object in = input == null ? null : Samples.cast(input, c.input());
            push(l, in == null ? null : c.convert(in, t.ctx), asString);
            return 1;
        });
    }

    /**
     * The number core.lua passes instead of the catalogue name at 1 (asked once per name and
     * state), so that a call sends Java no string; {@code plain} gets a slot for the name's call
     * without arguments, compiled on first use.
     */
    private static <T> int id(Lua l, List<String> names, List<T> plain) {
        String name = l.toString(1);
        int id = names.indexOf(name);
        if (id < 0) {
            id = names.size();
            names.add(name);
            plain.add(null);
        }
        l.push(id);
        return 1;
    }

    /** The call of name {@code id} with the arguments from {@code argsAt}; without any, the one compiled and kept in {@code plain}. */
    private static <T> T compiled(Lua l, int id, int argsAt, List<String> names, List<T> plain,
                                  BiFunction<String, List<String>, T> compile) {
        if (l.getTop() >= argsAt) {
            return compile.apply(names.get(id), args(l, argsAt));
        }
        T t = plain.get(id);
        if (t == null) {
            t = compile.apply(names.get(id), List.of());
            plain.set(id, t);
        }
        return t;
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

    /** Pushes a fetch's or converter's result: one value, within the slots Lua guarantees to a Java function. */
    private static void push(Lua l, Object v, boolean asString) {
        if (asString) {
            RawPush.string(l, v == null ? "" : Samples.toStr(v));
        } else if (v instanceof String str) {
            RawPush.string(l, str);
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
