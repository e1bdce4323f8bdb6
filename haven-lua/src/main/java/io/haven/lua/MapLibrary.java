package io.haven.lua;

import io.haven.core.acl.SampleType;
import io.haven.core.map.MapFile;
import io.haven.core.map.MapMatch;
import io.haven.core.sample.Samples;
import party.iroiro.luajava.Lua;

/**
 * The Java half of HAProxy's {@code Map} class and of {@code core.set_map}/{@code core.del_map},
 * over the generation's map files: a map a script opens is the one the configuration's
 * {@code map()} converters and the runtime API's {@code set map} use, so a change made by any of
 * them is seen by all. Match methods are HAProxy's numbers ({@code Map._str} is 6).
 */
final class MapLibrary {
    private MapLibrary() {
    }

    /** A map opened by {@code Map.new}, with its match method. */
    private record Opened(MapFile file, MapMatch match) {
    }

    static void install(LuaState s) {
        s.function("map_new", l -> {
            String file = Args.string(l, 1, "new");
            MapMatch match = match((int) Args.integer(l, 2, "new"));
            MapFile f;
            try {
                f = s.runtime().lookup().maps().load(file, "Lua script");
                f.use(match, SampleType.STR);
            } catch (IllegalArgumentException e) {
                throw new ScriptError("Map.new: " + e.getMessage());
            }
            l.push(s.handle(new Opened(f, match)));
            return 1;
        });
        s.function("map_lookup", l -> {
            Opened m = s.handle(l.toInteger(1), Opened.class);
            Object key = LuaValues.sample(l, 2);
            Object in = key == null ? null : Samples.cast(key, m.match().input());
            String v = in == null ? null : m.file().lookup(m.match(), in);
            if (v == null && l.toBoolean(3)) {
                l.push("");
            } else if (v == null) {
                l.pushNil();
            } else {
                l.push(v);
            }
            return 1;
        });
        s.function("map_set", l -> {
            MapFile f = loaded(s, Args.string(l, 1, "set_map"), "set_map");
            String key = Args.string(l, 2, "set_map");
            String value = Args.string(l, 3, "set_map");
            try {
                if (!f.set(key, value)) {
                    f.add(key, value);
                }
            } catch (IllegalArgumentException e) {
                throw new ScriptError("set_map: " + e.getMessage());
            }
            return 0;
        });
        s.function("map_del", l -> {
            MapFile f = loaded(s, Args.string(l, 1, "del_map"), "del_map");
            f.delete(Args.string(l, 2, "del_map"));
            return 0;
        });
    }

    private static MapFile loaded(LuaState s, String file, String fn) {
        return s.runtime().lookup().maps().find(file)
                .orElseThrow(() -> new ScriptError("'" + fn + "': unknown map file '" + file + "'"));
    }

    /** HAProxy's PAT_MATCH_* numbers, as Map._int .. Map._reg carry them. */
    static MapMatch match(int method) {
        return switch (method) {
            case 2 -> MapMatch.INT;
            case 3 -> MapMatch.IP;
            case 5 -> MapMatch.LEN;
            case 6 -> MapMatch.STR;
            case 7 -> MapMatch.BEG;
            case 8 -> MapMatch.SUB;
            case 9 -> MapMatch.DIR;
            case 10 -> MapMatch.DOM;
            case 11 -> MapMatch.END;
            case 12 -> MapMatch.REG;
            default -> throw ScriptError.badArgument(2, "new", "unknown or unimplemented match method " + method
                    + " (Map._int, _ip, _str, _beg, _sub, _dir, _dom, _end, _reg)");
        };
    }
}
