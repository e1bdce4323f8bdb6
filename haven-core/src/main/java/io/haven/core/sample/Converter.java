package io.haven.core.sample;

import io.haven.core.acl.SampleContext;
import io.haven.core.acl.SampleType;

/**
 * A converter bound to its arguments ({@code lower}, {@code map_beg(file)}, {@code add(txn.n)}).
 * The expression casts the sample to {@link #input()} before calling {@link #convert}, which
 * returns a value of {@link #output()} or null when the conversion fails.
 */
public interface Converter {
    SampleType input();

    SampleType output();

    Object convert(Object sample, SampleContext ctx);

    /** A converter of {@code f} over its input and the context. */
    static Converter of(SampleType input, SampleType output, java.util.function.BiFunction<Object, SampleContext, Object> f) {
        return new Converter() {
            @Override
            public SampleType input() {
                return input;
            }

            @Override
            public SampleType output() {
                return output;
            }

            @Override
            public Object convert(Object sample, SampleContext ctx) {
                return f.apply(sample, ctx);
            }
        };
    }

    /** A converter that only looks at its input. */
    static Converter of(SampleType input, SampleType output, java.util.function.Function<Object, Object> f) {
        return of(input, output, (sample, ctx) -> f.apply(sample));
    }
}
