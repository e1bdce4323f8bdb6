package io.haven.lua;

import java.util.List;
import java.util.Map;
import party.iroiro.luajava.Lua;

/** Builds Lua tables from Java lists and maps; numbers stay numbers, as HAProxy's fields do. */
final class Tables {
    private Tables() {
    }

    static void pushList(Lua l, List<String> values) {
        l.createTable(values.size(), 0);
        for (int i = 0; i < values.size(); i++) {
            l.push(values.get(i));
            l.rawSetI(-2, i + 1);
        }
    }

    /** A table keyed by name; values that are integers in text become Lua integers. */
    static void push(Lua l, Map<String, String> fields) {
        l.createTable(0, fields.size());
        for (Map.Entry<String, String> e : fields.entrySet()) {
            pushValue(l, e.getValue());
            l.setField(-2, e.getKey());
        }
    }

    static void pushValue(Lua l, String v) {
        if (v != null && !v.isEmpty() && v.length() < 19 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            l.push(Long.parseLong(v));
        } else {
            l.push(v == null ? "" : v);
        }
    }
}
