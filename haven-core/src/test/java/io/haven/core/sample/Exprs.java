package io.haven.core.sample;

import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.acl.Lookup;
import io.haven.core.acl.SampleContext;
import io.haven.core.map.MapRegistry;

/** Compiles and evaluates sample expressions for tests, with a lookup and a map registry of their own. */
public final class Exprs {
    final MapRegistry maps = new MapRegistry();
    public final Lookup lookup = new Lookup() {
        @Override
        public Backend backend(String name) {
            return null;
        }

        @Override
        public Frontend frontend(String name) {
            return null;
        }

        @Override
        public MapRegistry maps() {
            return maps;
        }
    };

    Object eval(String expr, SampleContext ctx) {
        return SampleExprCompiler.compile(expr, lookup).fetch(ctx);
    }
}
