package io.haven.core.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.acl.SampleType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * After any sequence of runtime changes, a map answers as a plain list of entries would:
 * {@code str} gives the first entry with that key, {@code beg} the longest key that prefixes the input.
 */
class MapModelProperties {
    private record Op(String kind, String key, String value) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<String> keys = Arbitraries.of("a", "ab", "abc", "b", "ba", "/", "/x", "/x/y");
        Arbitrary<String> values = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3);
        Arbitrary<String> kinds = Arbitraries.of("add", "add", "add", "set", "del", "clear");
        return net.jqwik.api.Combinators.combine(kinds, keys, values).as(Op::new).list().ofMaxSize(30);
    }

    @Property(tries = 200)
    void lookupsAgreeWithAListOfEntries(@ForAll("ops") List<Op> ops, @ForAll("inputs") String input) throws IOException {
        Path file = Files.createTempFile("model", ".map");
        try {
            Files.writeString(file, "a 0\n/x 0\n");
            MapFile map = new MapRegistry().load(file.toString(), "test");
            map.use(MapMatch.STR, SampleType.STR);
            map.use(MapMatch.BEG, SampleType.STR);
            List<Tuple.Tuple2<String, String>> model = new ArrayList<>(List.of(Tuple.of("a", "0"), Tuple.of("/x", "0")));
            for (Op op : ops) {
                switch (op.kind()) {
                    case "add" -> {
                        map.add(op.key(), op.value());
                        model.add(Tuple.of(op.key(), op.value()));
                    }
                    case "set" -> {
                        map.set(op.key(), op.value());
                        model.replaceAll(e -> e.get1().equals(op.key()) ? Tuple.of(e.get1(), op.value()) : e);
                    }
                    case "del" -> {
                        map.delete(op.key());
                        model.removeIf(e -> e.get1().equals(op.key()));
                    }
                    default -> {
                        map.clear();
                        model.clear();
                    }
                }
            }
            String exact = model.stream().filter(e -> e.get1().equals(input)).map(Tuple.Tuple2::get2).findFirst().orElse(null);
            assertThat(map.lookup(MapMatch.STR, input)).isEqualTo(exact);
            int best = model.stream().filter(e -> input.startsWith(e.get1())).mapToInt(e -> e.get1().length()).max().orElse(-1);
            String longest = model.stream().filter(e -> input.startsWith(e.get1()) && e.get1().length() == best)
                    .map(Tuple.Tuple2::get2).findFirst().orElse(null);
            assertThat(map.lookup(MapMatch.BEG, input)).isEqualTo(longest);
            assertThat(map.entries()).extracting(MapEntry::key).containsExactlyElementsOf(model.stream().map(Tuple.Tuple2::get1).toList());
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<String> inputs() {
        return Arbitraries.of("a", "ab", "abcd", "b", "bad", "/", "/x", "/x/y/z", "/z", "c", "");
    }
}
