package io.haven.core.sample;

import io.haven.config.SampleSyntax;
import io.haven.config.model.SampleCall;
import io.haven.core.acl.FetchCatalog;
import io.haven.core.acl.Lookup;
import io.haven.core.acl.SampleFetch;
import io.haven.core.acl.SampleType;
import java.util.List;

/**
 * Compiles sample expressions ({@code fetch(args),conv1(args),conv2}) against the fetch and
 * converter catalogues. Errors are IllegalArgumentExceptions whose message names the unknown
 * fetch or converter, or the argument at fault; callers add file and line.
 */
public final class SampleExprCompiler {
    private SampleExprCompiler() {
    }

    public static SampleExpr compile(String text, Lookup lookup) {
        return compile(SampleSyntax.parse(text), lookup);
    }

    public static SampleExpr compile(List<SampleCall> calls, Lookup lookup) {
        SampleCall first = calls.get(0);
        SampleFetch fetch = fetch(first, lookup);
        Converter[] converters = new Converter[calls.size() - 1];
        SampleType type = fetch.type();
        for (int i = 1; i < calls.size(); i++) {
            SampleCall c = calls.get(i);
            ConverterCatalog.Factory f = io.haven.core.extension.Extensions.handles(c.name())
                    ? (args, l) -> extensions(l, c.name()).converter(c.name(), args)
                    : ConverterCatalog.factory(c.name());
            if (f == null) {
                throw new IllegalArgumentException("unknown converter '" + c.name() + "' (Haven implements "
                        + String.join(", ", ConverterCatalog.names()) + ")");
            }
            Converter conv;
            try {
                conv = f.create(c.args(), lookup);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("converter '" + c + "': " + e.getMessage(), e);
            }
            if (!Samples.castable(type, conv.input())) {
                throw new IllegalArgumentException("converter '" + c.name() + "' cannot be applied on a sample of type '"
                        + type.word() + "' (it expects '" + conv.input().word() + "')");
            }
            converters[i - 1] = conv;
            type = conv.output();
        }
        StringBuilder text = new StringBuilder();
        for (SampleCall c : calls) {
            text.append(text.isEmpty() ? "" : ",").append(c);
        }
        return new SampleExpr(fetch, converters, text.toString());
    }

    private static io.haven.core.extension.Extensions extensions(Lookup lookup, String name) {
        io.haven.core.extension.Extensions e = lookup.extensions();
        if (e == null) {
            throw new IllegalArgumentException("'" + name + "' cannot be used here (Lua fetches and converters need a proxy)");
        }
        return e;
    }

    private static SampleFetch fetch(SampleCall call, Lookup lookup) {
        if (io.haven.core.extension.Extensions.handles(call.name())) {
            return extensions(lookup, call.name()).fetch(call.name(), call.args());
        }
        FetchCatalog.Factory f = FetchCatalog.factory(call.name());
        if (f == null) {
            throw new IllegalArgumentException("unknown fetch method '" + call.name() + "' (Haven implements "
                    + String.join(", ", FetchCatalog.names()) + ")");
        }
        return f.create(call.args(), lookup);
    }
}
