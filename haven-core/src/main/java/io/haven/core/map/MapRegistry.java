package io.haven.core.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The map files of one generation, by path, each loaded once however many converters name it.
 * A reload builds a new registry from the files, as HAProxy does: runtime changes last until
 * the next reload. Ids are given in order of first use, for {@code show map} and {@code #id}.
 */
public final class MapRegistry {
    private final Map<String, MapFile> files = new LinkedHashMap<>();

    /**
     * The map at {@code path}, read on first use: one entry per line, the key up to the first
     * blank, the value after the blanks that follow; blank lines and lines starting with
     * {@code #} are skipped. Throws IllegalArgumentException if the file cannot be read.
     */
    public synchronized MapFile load(String path, String usedBy) {
        MapFile existing = files.get(path);
        if (existing != null) {
            return existing;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(path), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read map file '" + path + "': " + e.getMessage());
        }
        List<String[]> entries = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int blank = 0;
            while (blank < line.length() && !Character.isWhitespace(line.charAt(blank))) {
                blank++;
            }
            entries.add(new String[] {line.substring(0, blank), line.substring(blank).strip()});
            numbers.add(i + 1);
        }
        MapFile f = new MapFile(files.size(), path, "pattern loaded from file '" + path + "' used by " + usedBy, entries, numbers);
        files.put(path, f);
        return f;
    }

    public synchronized Collection<MapFile> all() {
        return List.copyOf(files.values());
    }

    /** A map by path or by {@code #id}, as the runtime API names them. */
    public synchronized Optional<MapFile> find(String ref) {
        if (ref.startsWith("#")) {
            return files.values().stream().filter(f -> ref.equals("#" + f.id())).findFirst();
        }
        return Optional.ofNullable(files.get(ref));
    }
}
