package io.haven.core.sample;

import io.haven.core.acl.Lookup;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.acl.SampleContext;
import io.haven.core.map.MapRegistry;

/** Compiles and evaluates sample expressions for tests, with a map registry of their own. */
final class Exprs {
    final MapRegistry maps = new MapRegistry();
    final Lookup lookup = new Lookup() {
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
