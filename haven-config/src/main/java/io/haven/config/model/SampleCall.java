package io.haven.config.model;

import java.util.List;

/**
 * One step of a sample expression as written: a fetch or a converter with its arguments, e.g.
 * {@code req.hdr(host)} or {@code map_beg(/etc/haven/hosts.map,default)}. haven-core resolves the
 * name against its catalogues.
 */
public record SampleCall(String name, List<String> args) {
    public SampleCall {
        args = List.copyOf(args);
    }

    @Override
    public String toString() {
        return args.isEmpty() ? name : name + "(" + String.join(",", args) + ")";
    }
}
