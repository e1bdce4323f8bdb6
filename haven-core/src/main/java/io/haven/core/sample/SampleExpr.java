package io.haven.core.sample;

import io.haven.core.acl.SampleContext;
import io.haven.core.acl.SampleFetch;
import io.haven.core.acl.SampleType;

/**
 * A compiled sample expression: a fetch followed by converters. Each converter gets the sample
 * cast to its input type; a missing sample or a failed cast or conversion ends the chain with
 * no sample (null), as in HAProxy.
 */
public final class SampleExpr implements SampleFetch {
    private final SampleFetch fetch;
    private final Converter[] converters;
    private final String text;

    SampleExpr(SampleFetch fetch, Converter[] converters, String text) {
        this.fetch = fetch;
        this.converters = converters;
        this.text = text;
    }

    @Override
    public SampleType type() {
        return converters.length == 0 ? fetch.type() : converters[converters.length - 1].output();
    }

    @Override
    public Object fetch(SampleContext ctx) {
        Object v = fetch.fetch(ctx);
        for (Converter c : converters) {
            if (v == null) {
                return null;
            }
            Object in = Samples.cast(v, c.input());
            v = in == null ? null : c.convert(in, ctx);
        }
        return v;
    }

    /** The fetch alone, before converters (ACLs iterate over a multi-valued fetch without converters). */
    public SampleFetch fetcher() {
        return fetch;
    }

    public boolean hasConverters() {
        return converters.length > 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
