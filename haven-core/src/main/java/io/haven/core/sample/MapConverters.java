package io.haven.core.sample;

import io.haven.core.acl.Lookup;
import io.haven.core.acl.SampleType;
import io.haven.core.map.MapFile;
import io.haven.core.map.MapMatch;
import io.haven.core.map.MapRegistry;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * {@code map(file[,default])} and {@code map_<match>[_<output>](file[,default])}: looks the
 * sample up in a map file; {@code match} is one of str, beg, sub, dir, dom, end, reg, len, int,
 * ip and {@code output} one of str (default), int, ip. Without a match the default is returned,
 * or no sample.
 */
final class MapConverters {
    private MapConverters() {
    }

    static void register(BiConsumer<String, ConverterCatalog.Factory> r) {
        r.accept("map", (a, l) -> map(MapMatch.STR, SampleType.STR, a, l, "map"));
        for (MapMatch m : MapMatch.values()) {
            for (SampleType out : List.of(SampleType.STR, SampleType.INT, SampleType.IP)) {
                String name = "map_" + m.word() + (out == SampleType.STR ? "" : "_" + out.word());
                r.accept(name, (a, l) -> map(m, out, a, l, name));
            }
        }
    }

    private static Converter map(MapMatch match, SampleType output, List<String> args, Lookup lookup, String name) {
        ConverterCatalog.args(args, 1, 2, "(map_file[,default_value])");
        MapRegistry maps = lookup.maps();
        if (maps == null) {
            throw new IllegalArgumentException("maps are not available here");
        }
        MapFile file = maps.load(args.get(0), "converter '" + name + "'");
        file.use(match, output);
        Object fallback = null;
        if (args.size() > 1) {
            fallback = Samples.cast(args.get(1), output);
            if (fallback == null) {
                throw new IllegalArgumentException("default value '" + args.get(1) + "' is not of type " + output.word().toLowerCase(Locale.ROOT));
            }
        }
        Object byDefault = fallback;
        return Converter.of(match.input(), output, s -> {
            String v = file.lookup(match, s);
            return v == null ? byDefault : Samples.cast(v, output);
        });
    }
}
