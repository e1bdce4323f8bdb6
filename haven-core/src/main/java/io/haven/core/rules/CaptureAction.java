package io.haven.core.rules;

import io.haven.config.model.HeaderCapture;
import io.haven.core.rules.HttpActionCatalog.Where;
import io.haven.core.sample.SampleExpr;
import io.haven.core.sample.SampleExprCompiler;
import io.haven.core.sample.Samples;
import java.util.List;

/**
 * {@code http-request capture SAMPLE len N}: the sample's value, as text cut to N characters,
 * goes into the capture slot the configuration gave this rule (printed by {@code %hr}); a missing
 * sample captures nothing, as in HAProxy.
 */
final class CaptureAction {
    private CaptureAction() {
    }

    static void register() {
        HttpActionCatalog.register("capture", Where.REQUEST, a -> {
            a.count(3, 3, "'SAMPLE len N'");
            List<HeaderCapture> slots = a.proxy().httpSettings().requestCaptures();
            int slot = -1;
            for (int i = 0; i < slots.size(); i++) {
                if (a.location().equals(slots.get(i).rule())) {
                    slot = i;
                }
            }
            if (slot < 0) {
                throw new IllegalArgumentException("'capture' has no capture slot in proxy '" + a.proxy().name() + "'");
            }
            SampleExpr expr = SampleExprCompiler.compile(a.word(0), a.lookup());
            int at = slot;
            int length = slots.get(slot).length();
            return t -> {
                String v = Samples.toStr(expr.fetch(t));
                if (v != null) {
                    t.capture(at, v.length() <= length ? v : v.substring(0, length));
                }
                return null;
            };
        });
    }
}
