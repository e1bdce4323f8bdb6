package io.haven.core.map;

import io.haven.core.acl.SampleType;
import io.haven.core.sample.Samples;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One map file of a generation, shared by every converter that names it. Reads go to an
 * immutable snapshot (the entries and their per-kind indexes) through one volatile read; the
 * runtime API's changes build a new snapshot under the file's lock and publish it (copy on
 * write), so event loops never wait. A change that a converter in use could not match (a bad
 * network for {@code map_ip}, a non-integer value for {@code map_str_int}) is refused.
 */
public final class MapFile {
    private static final AtomicLong IDS = new AtomicLong(1);

    private record Snapshot(List<MapEntry> entries, Map<MapMatch, MapIndex> indexes) {
    }

    private final int id;
    private final String path;
    private final String description;
    private final Set<MapMatch> kinds = EnumSet.noneOf(MapMatch.class);
    private final Set<SampleType> outputs = EnumSet.noneOf(SampleType.class);
    private volatile Snapshot snapshot;

    MapFile(int id, String path, String description, List<String[]> lines, List<Integer> lineNumbers) {
        this.id = id;
        this.path = path;
        this.description = description;
        List<MapEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            entries.add(new MapEntry(IDS.getAndIncrement(), lines.get(i)[0], lines.get(i)[1], lineNumbers.get(i)));
        }
        snapshot = new Snapshot(List.copyOf(entries), Map.of());
    }

    public int id() {
        return id;
    }

    public String path() {
        return path;
    }

    public String description() {
        return description;
    }

    public List<MapEntry> entries() {
        return snapshot.entries();
    }

    /**
     * Prepares lookups of kind {@code match} returning {@code output}, as a converter does when it
     * is compiled; throws IllegalArgumentException (with file:line) if an entry cannot serve.
     */
    public synchronized void use(MapMatch match, SampleType output) {
        Snapshot s = snapshot;
        for (MapEntry e : s.entries()) {
            checkValue(e, output);
        }
        Map<MapMatch, MapIndex> indexes = new EnumMap<>(MapMatch.class);
        indexes.putAll(s.indexes());
        indexes.computeIfAbsent(match, m -> MapIndex.build(m, s.entries(), path));
        kinds.add(match);
        outputs.add(output);
        snapshot = new Snapshot(s.entries(), Map.copyOf(indexes));
    }

    private void checkValue(MapEntry e, SampleType output) {
        if (output != SampleType.STR && Samples.cast(e.value(), output) == null) {
            throw new IllegalArgumentException((e.line() > 0 ? path + ":" + e.line() + ": " : "") + "value '" + e.value()
                    + "' of key '" + e.key() + "' is not " + (output == SampleType.INT ? "an integer" : "an IP address"));
        }
    }

    /** The value for {@code sample} (already of the kind's input type), or null. */
    public String lookup(MapMatch match, Object sample) {
        MapIndex index = snapshot.indexes().get(match);
        MapEntry e = index == null ? null : index.lookup(sample);
        return e == null ? null : e.value();
    }

    /** Appends an entry ({@code add map}). */
    public synchronized void add(String key, String value) {
        List<MapEntry> entries = new ArrayList<>(snapshot.entries());
        MapEntry e = new MapEntry(IDS.getAndIncrement(), key, value, 0);
        for (SampleType out : outputs) {
            checkValue(e, out);
        }
        entries.add(e);
        publish(entries);
    }

    /** Sets the value of every entry whose key is {@code keyOrRef} (or of entry {@code #id}); false if none. */
    public synchronized boolean set(String keyOrRef, String value) {
        List<MapEntry> entries = new ArrayList<>(snapshot.entries());
        boolean found = false;
        for (int i = 0; i < entries.size(); i++) {
            MapEntry e = entries.get(i);
            if (selects(e, keyOrRef)) {
                MapEntry changed = new MapEntry(e.id(), e.key(), value, e.line());
                for (SampleType out : outputs) {
                    checkValue(changed, out);
                }
                entries.set(i, changed);
                found = true;
            }
        }
        if (found) {
            publish(entries);
        }
        return found;
    }

    /** Removes every entry whose key is {@code keyOrRef} (or entry {@code #id}); false if none. */
    public synchronized boolean delete(String keyOrRef) {
        List<MapEntry> entries = new ArrayList<>(snapshot.entries());
        boolean removed = entries.removeIf(e -> selects(e, keyOrRef));
        if (removed) {
            publish(entries);
        }
        return removed;
    }

    /** Removes every entry ({@code clear map}). */
    public synchronized void clear() {
        publish(new ArrayList<>());
    }

    private static boolean selects(MapEntry e, String keyOrRef) {
        if (keyOrRef.startsWith("#")) {
            return keyOrRef.equals("#" + e.id()) || keyOrRef.equalsIgnoreCase("#0x" + Long.toHexString(e.id()));
        }
        return e.key().equals(keyOrRef);
    }

    /** Rebuilds the indexes in use over {@code entries}, then publishes; a key an index refuses changes nothing. */
    private void publish(List<MapEntry> entries) {
        List<MapEntry> frozen = List.copyOf(entries);
        Map<MapMatch, MapIndex> indexes = new EnumMap<>(MapMatch.class);
        for (MapMatch m : kinds) {
            indexes.put(m, MapIndex.build(m, frozen, path));
        }
        snapshot = new Snapshot(frozen, Map.copyOf(indexes));
    }
}
