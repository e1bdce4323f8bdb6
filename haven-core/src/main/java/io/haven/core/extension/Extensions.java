package io.haven.core.extension;

import io.haven.config.ConfigException;
import io.haven.config.Diagnostic;
import io.haven.config.SourceLocation;
import io.haven.core.acl.SampleContext;
import io.haven.core.acl.SampleFetch;
import io.haven.core.acl.SampleType;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpTxn;
import io.haven.core.rules.ActionArgs;
import io.haven.core.rules.HttpAction;
import io.haven.core.sample.Converter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code lua.NAME} actions, fetches and converters of one generation. The rules are compiled
 * before the scripts are loaded (the scripts see the generation's proxies), so each such name
 * compiles to a placeholder that remembers where it was written; {@link #bind} then resolves
 * them all, and any name the scripts did not register is a configuration error naming its file
 * and line. A bound placeholder calls its target directly. Lua fetches and converters give and
 * take strings, as HAProxy declares them.
 */
public final class Extensions {
    private static final String PREFIX = "lua.";

    private final List<Late> pending = new ArrayList<>();
    private SourceLocation at = new SourceLocation("?", 0);

    /** Whether {@code name} is resolved late ({@code lua.NAME}). */
    public static boolean handles(String name) {
        return name.startsWith(PREFIX);
    }

    /** Where the configuration being compiled now was written: placeholders made next remember it. */
    public void at(SourceLocation location) {
        if (location != null) {
            at = location;
        }
    }

    public synchronized HttpAction action(ActionArgs args) {
        LateAction a = new LateAction(args);
        pending.add(a);
        return a;
    }

    public synchronized SampleFetch fetch(String name, List<String> args) {
        LateFetch f = new LateFetch(name, List.copyOf(args), at);
        pending.add(f);
        return f;
    }

    public synchronized Converter converter(String name, List<String> args) {
        LateConverter c = new LateConverter(name, List.copyOf(args), at);
        pending.add(c);
        return c;
    }

    /** Resolves every placeholder; all failures are reported together, each with its line. */
    public synchronized void bind(ExtensionResolver resolver) throws ConfigException {
        List<Diagnostic> errors = new ArrayList<>();
        for (Late l : pending) {
            try {
                l.bind(resolver);
            } catch (IllegalArgumentException e) {
                errors.add(new Diagnostic(l.location(), l.keyword(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    private interface Late {
        void bind(ExtensionResolver r);

        SourceLocation location();

        String keyword();
    }

    private static IllegalStateException unbound(String name) {
        return new IllegalStateException("'" + name + "' is not bound to a loaded script");
    }

    private static final class LateAction implements HttpAction, Late {
        private final ActionArgs args;
        private HttpAction target;

        LateAction(ActionArgs args) {
            this.args = args;
        }

        @Override
        public void bind(ExtensionResolver r) {
            target = r.action(args);
        }

        @Override
        public SourceLocation location() {
            return args.location();
        }

        @Override
        public String keyword() {
            return args.keyword() + " " + args.action();
        }

        @Override
        public HttpReply apply(HttpTxn txn) {
            if (target == null) {
                throw unbound(args.action());
            }
            return target.apply(txn);
        }

        @Override
        public boolean waits() {
            return target == null || target.waits();
        }

        @Override
        public HttpReply apply(HttpTxn txn, Resume resume) {
            if (target == null) {
                throw unbound(args.action());
            }
            return target.apply(txn, resume);
        }
    }

    private record LateFetch(String name, List<String> args, SourceLocation location, SampleFetch[] target)
            implements SampleFetch, Late {
        LateFetch(String name, List<String> args, SourceLocation location) {
            this(name, args, location, new SampleFetch[1]);
        }

        @Override
        public void bind(ExtensionResolver r) {
            target[0] = r.fetch(name, args);
        }

        @Override
        public String keyword() {
            return name;
        }

        @Override
        public SampleType type() {
            return SampleType.STR;
        }

        @Override
        public Object fetch(SampleContext ctx) {
            SampleFetch t = target[0];
            if (t == null) {
                throw unbound(name);
            }
            return t.fetch(ctx);
        }
    }

    private record LateConverter(String name, List<String> args, SourceLocation location, Converter[] target)
            implements Converter, Late {
        LateConverter(String name, List<String> args, SourceLocation location) {
            this(name, args, location, new Converter[1]);
        }

        @Override
        public void bind(ExtensionResolver r) {
            target[0] = r.converter(name, args);
        }

        @Override
        public String keyword() {
            return name;
        }

        @Override
        public SampleType input() {
            return SampleType.STR;
        }

        @Override
        public SampleType output() {
            return SampleType.STR;
        }

        @Override
        public Object convert(Object sample, SampleContext ctx) {
            Converter t = target[0];
            if (t == null) {
                throw unbound(name);
            }
            return t.convert(sample, ctx);
        }
    }
}
